import type { DedupeItem, DedupeSettings, Item } from '../model/index.js';
import { assignStories, FeatureCache, fingerprint } from '../pipeline/dedupe/index.js';
import {
  insertStoryKeys,
  itemsPublishedSince,
  pruneStoryKeys,
  resetStoryKeys,
  sqliteStoryIndex,
  storyIdOfItem,
  storyKeysSignature,
  type Db,
  type OnItemsStored,
} from '../storage/index.js';

const DAY_MS = 86_400_000;

/** The parameters band keys depend on: keys made with others never match and must be rebuilt. */
export function signatureOf(settings: Pick<DedupeSettings, 'numHashes' | 'bands'>): string {
  return `minhash-v2+cve+names:${settings.numHashes}x${settings.bands}`;
}

/**
 * Readies the stored band keys for a run: drops those of items published before the window, and
 * rebuilds them all (for the items of the window) when they were made with other MinHash/LSH
 * parameters, or never made (a database from before schema version 2). Returns the keys rebuilt.
 */
export function prepareStoryKeys(db: Db, settings: DedupeSettings, now: Date): { pruned: number; rebuiltItems: number } {
  const since = new Date(now.getTime() - settings.windowDays * DAY_MS).toISOString();
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
export function storyFiler(db: Db, settings: DedupeSettings, weightOf: (feedId: string) => number): OnItemsStored {
  const index = sqliteStoryIndex(db);
  const cache = new FeatureCache();
  return ({ inserted, updated }) => {
    assignStories(inserted.map((item) => toDedupeItem(item, weightOf(item.feedId))), index, settings, cache);
    for (const item of updated) {
      const storyId = storyIdOfItem(db, item.id);
      if (storyId !== undefined) insertStoryKeys(db, storyId, item.publishedAt, fingerprint(item.title, item.summary, settings).keys);
    }
  };
}
