import { toPendingItem, type PendingItem, type PendingItemRow } from '../rows/items.js';
import { all, first, type Queryable } from './queries.js';

/**
 * The next `limit` items pending analysis, earliest published first, ties by item id (so the order,
 * and the stories, do not depend on which process stored which feed first): see
 * sqlite/pending-analysis.ts. Served by a partial index in that order.
 */
export async function pendingItems(db: Queryable, limit: number): Promise<PendingItem[]> {
  const rows = await all<PendingItemRow>(
    db,
    `SELECT i.*, f.kind AS feed_kind, f.weight AS feed_weight FROM items i LEFT JOIN feeds f ON f.id = i.feed_id
     WHERE i.analysis_pending ORDER BY i.published_at, i.id LIMIT $1`,
    [limit],
  );
  return rows.map(toPendingItem);
}

export async function countPendingAnalysis(db: Queryable): Promise<number> {
  return (await first<{ n: number }>(db, 'SELECT COUNT(*)::int AS n FROM items WHERE analysis_pending'))!.n;
}
