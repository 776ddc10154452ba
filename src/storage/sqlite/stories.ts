import type { Story, StoryContextMember, StoryRef } from '../../model/index.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

/**
 * Stories in SQLite (table stories, items.story_id): the analysis stage's filings written out, and
 * the clusterer's context read back. Writes run inside the caller's transaction, so an item and its
 * story are stored together or not at all. The item rows must already exist.
 *
 * The representative is re-chosen by the rule of pipeline/dedupe/representative.ts, in SQL: the
 * member from the feed of highest weight, then the earliest published, then the smallest id.
 */

/** Opens a story with this item as its first member, in `threadId` (null: a thread of its own); returns its id. */
export function createStory(db: Db, itemId: string, publishedAt: string, threadId: number | null): number {
  const storyId = Number(
    statement(db, 'INSERT INTO stories (representative_item_id, first_seen, last_seen, coverage, size, thread_id) VALUES (?, ?, ?, 1, 1, ?)').run(
      itemId,
      publishedAt,
      publishedAt,
      threadId,
    ).lastInsertRowid,
  );
  if (threadId === null) statement(db, 'UPDATE stories SET thread_id = id WHERE id = ?').run(storyId);
  return storyId;
}

/**
 * Adds an item to a story. Incremental, so joining costs the same in a story of 2 members or
 * 20,000: coverage grows when no other member came from this feed; the representative is the
 * better of the current one and the newcomer.
 */
export function joinStory(db: Db, storyId: number, item: { id: string; feedId: string; publishedAt: string }): void {
  // The item itself may already be filed (setItemStory first): only the other members count.
  const newFeed = statement(db, 'SELECT NOT EXISTS (SELECT 1 FROM items WHERE story_id = ? AND feed_id = ? AND id != ?) AS yes').get(storyId, item.feedId, item.id) as { yes: number };
  statement(
    db,
    `UPDATE stories SET
       size = size + 1,
       coverage = coverage + @newFeed,
       first_seen = min(first_seen, @publishedAt),
       last_seen = max(last_seen, @publishedAt),
       representative_item_id = (
         SELECT i.id FROM items i JOIN feeds f ON f.id = i.feed_id
         WHERE i.id IN (stories.representative_item_id, @itemId)
         ORDER BY f.weight DESC, i.published_at, i.id LIMIT 1)
     WHERE id = @storyId`,
  ).run({ storyId, itemId: item.id, publishedAt: item.publishedAt, newFeed: newFeed.yes });
}

/** Files an item in its story with its copy key and evidence. */
export function setItemStory(db: Db, itemId: string, storyId: number, copyKey: string | null, evidence: string | null): void {
  const changed = statement(db, 'UPDATE items SET story_id = ?, copy_key = ?, story_evidence = ? WHERE id = ?').run(storyId, copyKey, evidence, itemId).changes;
  if (changed !== 1) throw new Error(`cannot file item ${itemId} in story ${storyId}: the item is not stored`);
}

interface StoryRow {
  id: number;
  representative_item_id: string;
  first_seen: string;
  last_seen: string;
  coverage: number;
  size: number;
  thread_id: number;
}

function toStory(row: StoryRow): Story {
  return {
    id: row.id,
    representativeItemId: row.representative_item_id,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    coverage: row.coverage,
    size: row.size,
    threadId: row.thread_id,
  };
}

export function getStory(db: Db, id: number): Story | undefined {
  const row = statement(db, 'SELECT * FROM stories WHERE id = ?').get(id) as StoryRow | undefined;
  return row ? toStory(row) : undefined;
}

/** The story of a stored item, if it has one. */
export function storyIdOfItem(db: Db, itemId: string): number | undefined {
  const row = statement(db, 'SELECT story_id AS storyId FROM items WHERE id = ?').get(itemId) as { storyId: number | null } | undefined;
  return row?.storyId ?? undefined;
}

/** Members of stories published in [since, until], in publication order (the clusterer's window). */
export function storyMembers(db: Db, since: string, until: string): StoryContextMember[] {
  return statement(
    db,
    `SELECT i.id, i.feed_id AS feedId, i.title, i.summary, i.published_at AS publishedAt, i.url_hash AS urlHash, i.story_id AS storyId,
            s.thread_id AS threadId, s.first_seen AS storyFirstSeen
     FROM items i JOIN stories s ON s.id = i.story_id
     WHERE i.published_at BETWEEN ? AND ? ORDER BY i.published_at, i.id`,
  ).all(since, until) as StoryContextMember[];
}

/** The stories of the earliest filed items with these URL hashes or copy keys, at any age. */
export function storiesByKey(db: Db, urlHashes: readonly string[], copyKeys: readonly string[]): { byUrlHash: Map<string, StoryRef>; byCopyKey: Map<string, StoryRef> } {
  const lookup = (column: 'url_hash' | 'copy_key', keys: readonly string[]) => {
    const found = new Map<string, StoryRef>();
    if (keys.length === 0) return found;
    const rows = statement(
      db,
      `SELECT i.${column} AS key, i.story_id AS storyId, s.thread_id AS threadId FROM items i JOIN stories s ON s.id = i.story_id
       WHERE i.${column} IN (SELECT value FROM json_each(?)) ORDER BY i.published_at DESC, i.id DESC`,
    ).all(JSON.stringify(keys)) as { key: string; storyId: number; threadId: number }[];
    // Newest first, so the earliest item's story is the one left in the map.
    for (const row of rows) found.set(row.key, { storyId: row.storyId, threadId: row.threadId });
    return found;
  };
  return { byUrlHash: lookup('url_hash', urlHashes), byCopyKey: lookup('copy_key', copyKeys) };
}

/** The story, thread and stored evidence of each of these items that is filed. */
export function storiesOfItems(db: Db, itemIds: readonly string[]): Map<string, StoryRef & { evidence: string | null }> {
  const rows = statement(
    db,
    `SELECT i.id, i.story_id AS storyId, s.thread_id AS threadId, i.story_evidence AS evidence FROM items i JOIN stories s ON s.id = i.story_id
     WHERE i.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(itemIds)) as { id: string; storyId: number; threadId: number; evidence: string | null }[];
  return new Map(rows.map((r) => [r.id, { storyId: r.storyId, threadId: r.threadId, evidence: r.evidence }]));
}
