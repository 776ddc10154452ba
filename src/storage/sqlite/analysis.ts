import type { Classification, Item } from '../../model/index.js';
import type { AnalysedBatch, FiledItem, FileStories, IngestFeed } from '../ports.js';
import { ensureFeed } from './feeds.js';
import { storeItems } from './items.js';
import { inTransaction } from './transaction.js';
import { writeClassification } from './classifications.js';
import type { Db } from './database.js';
import { markAnalyzed, type PendingItem } from './pending-analysis.js';
import { itemsPublishedSince, sqliteStoryIndex, storyIdOfItem } from './stories.js';
import { insertStoryKeys, pruneStoryKeys, resetStoryKeys, storyKeysSignature } from './story-keys.js';

type KeysOf = (title: string, summary: string) => readonly number[];

/**
 * One analysed batch, inside the caller's transaction: labels, the new items filed in stories by
 * `file` (pipeline/dedupe through the SQLite story index), the new text's keys of items updated in
 * place (they keep their story), and the analysed state.
 */
export function writeAnalysedBatch<T extends FiledItem>(db: Db, batch: AnalysedBatch, file: FileStories<T>, keysOf: KeysOf): readonly T[] {
  for (const { item } of batch.items) {
    const classification = batch.labels.get(item.id);
    // An item the classifier failed on stays unclassified (topic NULL): the next collect retries it.
    if (classification) writeClassification(db, item.id, classification, batch.modelId);
  }
  const filed = file(sqliteStoryIndex(db), batch.items.filter((pending) => pending.storyId === null));
  for (const { item, storyId } of batch.items) {
    if (storyId !== null) insertStoryKeys(db, storyId, item.publishedAt, keysOf(item.title, item.summary));
  }
  markAnalyzed(db, batch.items.map(({ item }) => item.id));
  return filed;
}

/**
 * Readies the stored keys for matching items published from `since` on: drops older keys, and
 * rebuilds them all for the window when they were made with another signature, or never made (a
 * database from before schema version 2).
 */
export function prepareStoryKeys(db: Db, signature: string, since: string, keysOf: KeysOf): { pruned: number; rebuiltItems: number } {
  let rebuiltItems = 0;
  if (storyKeysSignature(db) !== signature) {
    db.transaction(() => {
      resetStoryKeys(db, signature);
      for (const item of itemsPublishedSince(db, since)) {
        insertStoryKeys(db, item.storyId, item.publishedAt, keysOf(item.title, item.summary));
        rebuiltItems++;
      }
    })();
  }
  return { pruned: pruneStoryKeys(db, since), rebuiltItems };
}

/** `analyze --db`'s store-and-analyse, in one transaction (ports.ts `AnalysisRepository.ingest`). */
export function ingestAnalysed<T extends FiledItem>(
  db: Db,
  input: { feeds: readonly IngestFeed[]; items: readonly Item[]; labels: ReadonlyMap<string, Classification>; modelId: number | null; now: string },
  file: FileStories<T>,
  keysOf: KeysOf,
): { filed: readonly T[]; storyOf: ReadonlyMap<string, number> } {
  return inTransaction(db, () => {
    for (const feed of input.feeds) ensureFeed(db, feed, input.now);
    const weights = new Map(input.feeds.map((feed) => [feed.id, feed.weight]));
    const stored = storeItems(db, input.items, input.now);
    const pending = (item: Item, storyId: number | null): PendingItem => ({ item, feedKind: undefined, feedWeight: weights.get(item.feedId) ?? 1, storyId });
    const batch = [...stored.inserted.map((item) => pending(item, null)), ...stored.updated.map((item) => pending(item, storyIdOfItem(db, item.id) ?? null))];
    const filed = writeAnalysedBatch(db, { items: batch, labels: input.labels, modelId: input.modelId }, file, keysOf);
    const storyOf = new Map<string, number>();
    for (const item of input.items) storyOf.set(item.id, storyIdOfItem(db, item.id)!);
    return { filed, storyOf };
  });
}
