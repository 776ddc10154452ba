import type { DedupeItem, Story, StoryIndex, StoryMember } from '../../model/index.js';
import type { Db } from './database.js';
import { statement } from './statements.js';
import { insertStoryKeys, postingsByKeys } from './story-keys.js';

/**
 * Stories in SQLite (table stories, items.story_id, story_keys): the StoryIndex `collect` and
 * `analyze --db` match against. Every method runs inside the caller's transaction, so an item and
 * its story are stored together or not at all. The item rows must already exist.
 *
 * The representative is re-chosen by the rule of pipeline/dedupe/representative.ts, in SQL: the
 * member from the feed of highest weight, then the earliest published, then the smallest id.
 */
export function sqliteStoryIndex(db: Db): StoryIndex {
  return {
    storyOfUrl(urlHash) {
      const row = statement(
        db,
        'SELECT story_id AS storyId FROM items WHERE url_hash = ? AND story_id IS NOT NULL ORDER BY published_at, id LIMIT 1',
      ).get(urlHash) as { storyId: number } | undefined;
      return row?.storyId;
    },
    postings: (keys, from, to, maxBucket) => postingsByKeys(db, keys, from, to, maxBucket),
    members(storyId, from, to, limit) {
      return statement(
        db,
        `SELECT id, title, summary, published_at AS publishedAt FROM items
         WHERE story_id = ? AND published_at BETWEEN ? AND ? ORDER BY published_at DESC, id DESC LIMIT ?`,
      ).all(storyId, from, to, limit) as StoryMember[];
    },
    createStory(item, keys) {
      const storyId = Number(
        statement(db, 'INSERT INTO stories (representative_item_id, first_seen, last_seen, coverage, size) VALUES (?, ?, ?, 1, 1)').run(
          item.id,
          item.publishedAt,
          item.publishedAt,
        ).lastInsertRowid,
      );
      setItemStory(db, item, storyId);
      insertStoryKeys(db, storyId, item.publishedAt, keys);
      return storyId;
    },
    joinStory(storyId, item, keys) {
      // Incremental, so joining costs the same in a story of 2 members or 20,000: coverage grows
      // when no other member came from this feed; the representative is the better of the current
      // one and the newcomer.
      const newFeed = statement(db, 'SELECT NOT EXISTS (SELECT 1 FROM items WHERE story_id = ? AND feed_id = ?) AS yes').get(storyId, item.feedId) as { yes: number };
      setItemStory(db, item, storyId);
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
      insertStoryKeys(db, storyId, item.publishedAt, keys);
    },
  };
}

function setItemStory(db: Db, item: DedupeItem, storyId: number): void {
  const changed = statement(db, 'UPDATE items SET story_id = ? WHERE id = ?').run(storyId, item.id).changes;
  if (changed !== 1) throw new Error(`cannot file item ${item.id} in story ${storyId}: the item is not stored`);
}

interface StoryRow {
  id: number;
  representative_item_id: string;
  first_seen: string;
  last_seen: string;
  coverage: number;
  size: number;
}

function toStory(row: StoryRow): Story {
  return {
    id: row.id,
    representativeItemId: row.representative_item_id,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    coverage: row.coverage,
    size: row.size,
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

/** Stored items published at or after `since` that have a story: whose keys a rebuild recomputes. */
export function itemsPublishedSince(db: Db, since: string): (StoryMember & { storyId: number })[] {
  return statement(
    db,
    `SELECT id, title, summary, published_at AS publishedAt, story_id AS storyId FROM items
     WHERE published_at >= ? AND story_id IS NOT NULL ORDER BY published_at, id`,
  ).all(since) as (StoryMember & { storyId: number })[];
}
