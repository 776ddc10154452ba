import type { DedupeItem, DedupeSettings, Item } from '../model/index.js';
import { assignStories, FeatureCache, fingerprint, type Assignment } from '../pipeline/dedupe/index.js';
import {
  insertStoryKeys,
  itemsPublishedSince,
  pruneStoryKeys,
  resetStoryKeys,
  sqliteStoryIndex,
  storyIdOfItem,
  storyKeysSignature,
  type Db,
  type StoredItems,
} from '../storage/index.js';

const DAY_MS = 86_400_000;

/**
 * What stored keys depend on: keys made otherwise never match and must be rebuilt. The settings
 * are read here; the tag ("minhash-v2+cve+names") stands for the code (tokens, stemming,
 * stopwords, weights, which entities get keys) and must change whenever that does.
 */
export function signatureOf(settings: Pick<DedupeSettings, 'numHashes' | 'bands'>): string {
  return `minhash-v2+cve+names:${settings.numHashes}x${settings.bands}`;
}

/**
 * Readies the stored keys for matching items published from `from` on: drops the keys of items
 * published more than the window before it, and rebuilds them all (for the items of the window)
 * when they were made with another signature, or never made (a database from before schema
 * version 2). Returns how many keys were pruned and how many items' keys were rebuilt.
 */
export function prepareStoryKeys(db: Db, settings: DedupeSettings, from: Date): { pruned: number; rebuiltItems: number } {
  const since = new Date(from.getTime() - settings.windowDays * DAY_MS).toISOString();
  const signature = signatureOf(settings);
  let rebuiltItems = 0;
  if (storyKeysSignature(db) !== signature) {
    db.transaction(() => {
      resetStoryKeys(db, signature);
      for (const item of itemsPublishedSince(db, since)) {
        insertStoryKeys(db, item.storyId, item.publishedAt, fingerprint(item.title, item.summary, settings).keys);
        rebuiltItems++;
      }
    })();
  }
  return { pruned: pruneStoryKeys(db, since), rebuiltItems };
}

export function toDedupeItem(item: Item, weight: number): DedupeItem {
  return {
    id: item.id,
    feedId: item.feedId,
    weight,
    canonicalUrl: item.canonicalUrl,
    urlHash: item.urlHash,
    title: item.title,
    summary: item.summary,
    publishedAt: item.publishedAt,
  };
}

/**
 * The hook that files a feed run's new items in stories, inside the run's transaction
 * (storage/feed-runs.ts). An item updated in place keeps its story; the keys of its new text are
 * added to that story so later items can match what it says now.
 */
export function storyFiler(db: Db, settings: DedupeSettings, weightOf: (feedId: string) => number): (stored: StoredItems) => Assignment[] {
  const index = sqliteStoryIndex(db);
  const cache = new FeatureCache();
  return ({ inserted, updated }) => {
    const assignments = assignStories(inserted.map((item) => toDedupeItem(item, weightOf(item.feedId))), index, settings, cache);
    for (const item of updated) {
      const storyId = storyIdOfItem(db, item.id);
      if (storyId !== undefined) insertStoryKeys(db, storyId, item.publishedAt, fingerprint(item.title, item.summary, settings).keys);
    }
    return assignments;
  };
}
