import { FEED_KINDS, type FeedKind, type Item } from '../../model/index.js';
import type { Db } from './database.js';
import { toItem, type ItemRow } from './items.js';
import { statement } from './statements.js';

/** A stored item waiting for the analysis stage, with what that stage reads of its feed. */
export interface PendingItem {
  item: Item;
  feedKind: FeedKind | undefined;
  feedWeight: number;
  /** Its story when it was updated in place (it keeps it); null when it is new. */
  storyId: number | null;
}

const FEED_KINDS_SET = new Set<string>(FEED_KINDS);

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
  ).all(limit) as (ItemRow & { feed_kind: string | null; feed_weight: number | null; story_id: number | null })[];
  return rows.map((row) => ({
    item: toItem(row),
    feedKind: row.feed_kind !== null && FEED_KINDS_SET.has(row.feed_kind) ? (row.feed_kind as FeedKind) : undefined,
    feedWeight: row.feed_weight ?? 1,
    storyId: row.story_id,
  }));
}

export function countPendingAnalysis(db: Db): number {
  return (statement(db, 'SELECT COUNT(*) AS n FROM items WHERE analysis_pending = 1').get() as { n: number }).n;
}

/** Marks items analysed; call in the transaction that writes their labels and stories. */
export function markAnalyzed(db: Db, itemIds: readonly string[]): void {
  statement(db, 'UPDATE items SET analysis_pending = 0 WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(itemIds));
}
