import type { DedupeItem, DedupeSettings, Item } from '../../model/index.js';
import { assignStory, FeatureCache, fingerprint, type Assignment } from '../dedupe/index.js';
import {
  insertStoryKeys,
  itemsPublishedSince,
  pruneStoryKeys,
  resetStoryKeys,
  sqliteStoryIndex,
  storyKeysSignature,
  type Db,
} from '../../storage/index.js';

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

/** A stored item to file: new ones (no story yet) are assigned one; updated ones keep theirs. */
export interface ItemToFile {
  item: Item;
  weight: number;
  /** The story it already has (updated in place), or null. */
  storyId: number | null;
}

/**
 * Files stored items in stories: the new ones are assigned (pipeline/dedupe), and an item updated in
 * place keeps its story, whose keys gain those of its new text so later items can match what it
 * says now. Call inside the transaction that marks them analysed (pipeline/analysis).
 */
export function fileInStories(db: Db, items: readonly ItemToFile[], settings: DedupeSettings, cache = new FeatureCache()): Assignment[] {
  const index = sqliteStoryIndex(db);
  // Earliest published first, ties in the order given (pending items come as they were stored), not
  // assignStories' tie rule by id: items published in the same second are then filed in the order
  // their feeds were stored, as when each feed run filed its own. (sort is stable.)
  const assignments = items
    .filter((entry) => entry.storyId === null)
    .sort((a, b) => (a.item.publishedAt < b.item.publishedAt ? -1 : a.item.publishedAt > b.item.publishedAt ? 1 : 0))
    .map((entry) => assignStory(toDedupeItem(entry.item, entry.weight), index, settings, cache));
  for (const { item, storyId } of items) {
    if (storyId !== null) insertStoryKeys(db, storyId, item.publishedAt, fingerprint(item.title, item.summary, settings).keys);
  }
  return assignments;
}
