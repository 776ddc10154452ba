import type { AnalysedBatch, FiledItem, FileStories } from '../ports.js';
import { writeClassification } from './classifications.js';
import type { Db } from './database.js';
import { markAnalyzed } from './pending-analysis.js';
import { itemsPublishedSince, sqliteStoryIndex } from './stories.js';
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
