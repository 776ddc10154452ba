import { toPendingItem, type PendingItem, type PendingItemRow } from '../rows/items.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

export type { PendingItem } from '../rows/items.js';

/**
 * The next `limit` items pending analysis, earliest published first, ties by item id: a story's
 * first member is then its earliest report whichever batch an item falls in, and the order (so the
 * stories) does not depend on which process stored which feed first (issue 20: workers). Served by
 * a partial index, so the cost follows the pending items, not the table.
 */
export function pendingItems(db: Db, limit: number): PendingItem[] {
  const rows = statement(
    db,
    `SELECT i.*, f.kind AS feed_kind, f.weight AS feed_weight FROM items i LEFT JOIN feeds f ON f.id = i.feed_id
     WHERE i.analysis_pending = 1 ORDER BY i.published_at, i.id LIMIT ?`,
  ).all(limit) as PendingItemRow[];
  return rows.map(toPendingItem);
}

export function countPendingAnalysis(db: Db): number {
  return (statement(db, 'SELECT COUNT(*) AS n FROM items WHERE analysis_pending = 1').get() as { n: number }).n;
}

/** Marks items analysed; call in the transaction that writes their labels and stories. */
export function markAnalyzed(db: Db, itemIds: readonly string[]): void {
  statement(db, 'UPDATE items SET analysis_pending = 0 WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(itemIds));
}
