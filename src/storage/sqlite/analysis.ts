import type { Item } from '../../model/index.js';
import type { AnalysedBatch, IngestFeed } from '../ports.js';
import { ensureFeed } from './feeds.js';
import { storeItems } from './items.js';
import { inTransaction } from './transaction.js';
import { writeClassification } from './classifications.js';
import type { Db } from './database.js';
import { markAnalyzed } from './pending-analysis.js';
import { statement } from './statements.js';
import { createStory, joinStory, setItemStory } from './stories.js';

/**
 * One analysed batch, inside the caller's transaction: labels, the new items' filings (new stories
 * created in filing order under their stored ids, members joined), and the analysed state. Returns
 * each temporary (negative) story id's stored id.
 */
export function writeAnalysedBatch(db: Db, batch: AnalysedBatch): Map<number, number> {
  for (const { item } of batch.items) {
    const classification = batch.labels.get(item.id);
    // An item the classifier failed on stays unclassified (topic NULL): the next collect retries it.
    if (classification) writeClassification(db, item.id, classification, batch.modelId);
  }
  const items = new Map(batch.items.map(({ item }) => [item.id, item]));
  // Only items still pending: another pass (an `analyze --db` beside a collect) may have filed some
  // since this batch was read, and an item must not be filed twice.
  const stillPending = new Set(
    statement(db, 'SELECT id FROM items WHERE analysis_pending = 1 AND id IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(JSON.stringify([...items.keys()])) as string[],
  );
  const ids = new Map<number, number>();
  const stored = (id: number) => (id < 0 ? ids.get(id) : id);
  for (const filing of batch.filings) {
    const item = items.get(filing.itemId);
    if (!item) throw new Error(`filing of item ${filing.itemId}, which is not in the batch`);
    if (!stillPending.has(item.id)) continue;
    let storyId = stored(filing.storyId);
    if (storyId === undefined) {
      // A new story: it opens its own thread, or continues one stored (or opened earlier in this batch).
      const thread = filing.threadId === filing.storyId ? null : stored(filing.threadId);
      if (thread === undefined) throw new Error(`item ${filing.itemId}: thread ${filing.threadId} is neither stored nor opened earlier in the batch`);
      storyId = createStory(db, item.id, item.publishedAt, thread);
      ids.set(filing.storyId, storyId);
      setItemStory(db, item.id, storyId, filing.copyKey, filing.evidence);
    } else {
      setItemStory(db, item.id, storyId, filing.copyKey, filing.evidence);
      joinStory(db, storyId, item);
    }
  }
  markAnalyzed(db, batch.items.map(({ item }) => item.id));
  return ids;
}

/** `analyze --db`'s store step, in one transaction (ports.ts `AnalysisRepository.ingest`): items stored pending. */
export function ingestItems(db: Db, input: { feeds: readonly IngestFeed[]; items: readonly Item[]; now: string }): void {
  inTransaction(db, () => {
    for (const feed of input.feeds) ensureFeed(db, feed, input.now);
    storeItems(db, input.items, input.now);
  });
}
