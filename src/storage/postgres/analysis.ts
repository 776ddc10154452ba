import type pg from 'pg';
import type { Item, StoryContextMember, StoryRef } from '../../model/index.js';
import type { AnalysedBatch, IngestFeed } from '../ports.js';
import { writeClassifications } from './classifications.js';
import { ensureFeed } from './feeds.js';
import { storeItems } from './items.js';
import { all, changes, type Queryable } from './queries.js';
import { lockFor } from './transaction.js';

/**
 * The story-filing half of the analysis port on PostgreSQL, with sqlite/analysis.ts and
 * sqlite/stories.ts's semantics. SQLite files item by item (a statement costs no round trip
 * there); here a batch of 2,000 items is a handful of statements whatever its size: the order-
 * dependent part (which filing opens which story, the threads, the items skipped) is decided in
 * JS by `planFilings`, and what SQLite's `joinStory` does one item at a time is done once per story
 * (see `joinMembers`).
 */

/** A new story of the batch: its first member, and the thread it continues (null: its own). */
interface OpenedStory {
  temporaryId: number;
  item: Item;
  threadId: number | null;
}

/** One item to file: in a stored story, or under the temporary id of a story the batch opens. */
interface PlannedFiling {
  item: Item;
  storyId: number;
  copyKey: string | null;
  evidence: string | null;
  /** The item opens its story (its first member), rather than joining it. */
  opens: boolean;
}

/**
 * sqlite/analysis.ts's walk over the filings, without the writes: items no longer pending are
 * skipped; the first filing of a temporary story id opens that story (so when its first filing was
 * skipped, the next one opens it); a new story continues its own thread (threadId === storyId), a
 * stored one, or one opened earlier in the batch, else the batch is refused. A filing of an item
 * outside the batch, or of one item twice, is refused too (the clusterer files each item once).
 */
function planFilings(batch: AnalysedBatch, stillPending: ReadonlySet<string>): { opened: OpenedStory[]; filed: PlannedFiling[] } {
  const items = new Map(batch.items.map(({ item }) => [item.id, item]));
  const opened: OpenedStory[] = [];
  const openedIds = new Set<number>();
  const filed: PlannedFiling[] = [];
  const filedIds = new Set<string>();
  for (const filing of batch.filings) {
    const item = items.get(filing.itemId);
    if (!item) throw new Error(`filing of item ${filing.itemId}, which is not in the batch`);
    if (!stillPending.has(item.id)) continue;
    if (filedIds.has(item.id)) throw new Error(`item ${item.id} is filed twice in one batch`);
    filedIds.add(item.id);
    const opens = filing.storyId < 0 && !openedIds.has(filing.storyId);
    if (opens) {
      const ownThread = filing.threadId === filing.storyId;
      if (!ownThread && filing.threadId < 0 && !openedIds.has(filing.threadId)) {
        throw new Error(`item ${filing.itemId}: thread ${filing.threadId} is neither stored nor opened earlier in the batch`);
      }
      opened.push({ temporaryId: filing.storyId, item, threadId: ownThread ? null : filing.threadId });
      openedIds.add(filing.storyId);
    }
    filed.push({ item, storyId: filing.storyId, copyKey: filing.copyKey, evidence: filing.evidence, opens });
  }
  return { opened, filed };
}

/**
 * One analysed batch, inside the caller's transaction: labels, the new items' filings (new stories
 * created in filing order, members joined), copy keys and evidence, and the analysed state.
 * Returns each temporary (negative) story id's stored id.
 */
export async function writeAnalysedBatch(db: pg.PoolClient, batch: AnalysedBatch): Promise<Map<number, number>> {
  // One batch writer at a time per schema, as SQLite's one writer: two passes (an `analyze --db`
  // beside a collect) never interleave their filings.
  await lockFor(db, 'analysis');
  const itemIds = batch.items.map(({ item }) => item.id);
  // Only items still pending: another pass may have filed some since this batch was read, and an
  // item must not be filed twice. The rows stay locked to the end, so a feed run that changes one
  // meanwhile waits, and leaves it pending again after this commit rather than being marked analysed.
  const stillPending = new Set(
    (await all<{ id: string; pending: boolean }>(db, 'SELECT id, analysis_pending AS pending FROM items WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE', [itemIds]))
      .filter((row) => row.pending)
      .map((row) => row.id),
  );
  // An item the classifier failed on stays unclassified (topic NULL): the next collect retries it.
  const inBatch = new Set(itemIds);
  await writeClassifications(db, new Map([...batch.labels].filter(([id]) => inBatch.has(id))), batch.modelId);

  const plan = planFilings(batch, stillPending);
  const ids = await allocateStoryIds(db, plan.opened.length);
  const stored = new Map(plan.opened.map((story, n) => [story.temporaryId, ids[n]!]));
  const storyOf = (id: number) => (id < 0 ? stored.get(id)! : id);
  if (plan.opened.length > 0) {
    await db.query(
      `INSERT INTO stories (id, representative_item_id, first_seen, last_seen, coverage, size, thread_id)
       SELECT id, item_id, published_at, published_at, 1, 1, thread_id FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[]) AS x(id, item_id, published_at, thread_id)`,
      [
        plan.opened.map((story) => storyOf(story.temporaryId)),
        plan.opened.map((story) => story.item.id),
        plan.opened.map((story) => story.item.publishedAt),
        plan.opened.map((story) => (story.threadId === null ? storyOf(story.temporaryId) : storyOf(story.threadId))),
      ],
    );
  }
  const filed = plan.filed.map((f) => ({ ...f, storyId: storyOf(f.storyId) }));
  const set = await changes(
    db,
    `UPDATE items i SET story_id = x.story_id, copy_key = x.copy_key, story_evidence = x.evidence
     FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[]) AS x(id, story_id, copy_key, evidence) WHERE i.id = x.id`,
    [filed.map((f) => f.item.id), filed.map((f) => f.storyId), filed.map((f) => f.copyKey), filed.map((f) => f.evidence)],
  );
  if (set !== filed.length) throw new Error(`cannot file ${filed.length - set} of the batch's items: they are not stored`);
  await joinMembers(db, filed.filter((f) => !f.opens));
  await db.query('UPDATE items SET analysis_pending = false WHERE id = ANY($1::text[])', [itemIds]);
  return stored;
}

/** Ids for `count` new stories, ascending (new stories get increasing ids in filing order, as SQLite's rowids). */
async function allocateStoryIds(db: Queryable, count: number): Promise<number[]> {
  if (count === 0) return [];
  const rows = await all<{ id: number }>(db, "SELECT nextval(pg_get_serial_sequence('stories', 'id')) AS id FROM generate_series(1, $1::int)", [count]);
  return rows.map((row) => row.id).sort((a, b) => a - b);
}

/**
 * sqlite/stories.ts `joinStory` for every item that joined a story, once per story. Item by item,
 * SQLite adds 1 to the size, 1 to the coverage when no OTHER member (the members before it,
 * including those filed earlier in the batch) came from the item's feed, takes the earlier and
 * later publication time, and keeps the better of the representative and the newcomer (feed
 * weight, then earliest published, then smallest id). Folded per story that is: size + the
 * joiners; coverage + the distinct feeds of joiners that no member had before they joined (the
 * members that are not joiners of this batch: those stored before, and an opener of this batch);
 * the least and greatest publication time; the best of the representative and all the joiners.
 */
async function joinMembers(db: Queryable, joiners: readonly { item: Item; storyId: number }[]): Promise<void> {
  if (joiners.length === 0) return;
  await db.query(
    `WITH j AS (
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[]) AS x(item_id, story_id, feed_id, published_at)
     ), per_story AS (
       SELECT j.story_id, COUNT(*)::int AS joined, MIN(j.published_at COLLATE "C") AS earliest, MAX(j.published_at COLLATE "C") AS latest,
         COUNT(DISTINCT j.feed_id) FILTER (WHERE NOT EXISTS (
           SELECT 1 FROM items m WHERE m.story_id = j.story_id AND m.feed_id = j.feed_id AND m.id <> ALL($1::text[])))::int AS new_feeds
       FROM j GROUP BY j.story_id
     ), best AS (
       SELECT DISTINCT ON (j.story_id) j.story_id, j.item_id
       FROM j JOIN items i ON i.id = j.item_id JOIN feeds f ON f.id = i.feed_id
       ORDER BY j.story_id, f.weight DESC, i.published_at, i.id
     )
     UPDATE stories s SET
       size = s.size + p.joined,
       coverage = s.coverage + p.new_feeds,
       first_seen = LEAST(s.first_seen, p.earliest),
       last_seen = GREATEST(s.last_seen, p.latest),
       representative_item_id = (
         SELECT i.id FROM items i JOIN feeds f ON f.id = i.feed_id
         WHERE i.id IN (s.representative_item_id, b.item_id)
         ORDER BY f.weight DESC, i.published_at, i.id LIMIT 1)
     FROM per_story p LEFT JOIN best b ON b.story_id = p.story_id
     WHERE s.id = p.story_id`,
    [joiners.map((f) => f.item.id), joiners.map((f) => f.storyId), joiners.map((f) => f.item.feedId), joiners.map((f) => f.item.publishedAt)],
  );
}

/** `analyze --db`'s store step (call inside a transaction): the feeds made sure of, the items stored pending. */
export async function ingestItems(db: Queryable, input: { feeds: readonly IngestFeed[]; items: readonly Item[]; now: string }): Promise<void> {
  for (const feed of input.feeds) await ensureFeed(db, feed, input.now);
  await storeItems(db, input.items, input.now);
}

/** Members of stories published in [since, until], in publication order (the clusterer's window). */
export function storyMembers(db: Queryable, since: string, until: string): Promise<StoryContextMember[]> {
  return all<StoryContextMember>(
    db,
    `SELECT i.id, i.feed_id AS "feedId", i.title, i.summary, i.published_at AS "publishedAt", i.url_hash AS "urlHash", i.story_id AS "storyId",
       s.thread_id AS "threadId", s.first_seen AS "storyFirstSeen"
     FROM items i JOIN stories s ON s.id = i.story_id
     WHERE i.story_id IS NOT NULL AND i.published_at BETWEEN $1 AND $2 ORDER BY i.published_at, i.id`,
    [since, until],
  );
}

/** The stories of the earliest filed items with these URL hashes or copy keys, at any age. */
export async function storiesByKey(
  db: Queryable,
  urlHashes: readonly string[],
  copyKeys: readonly string[],
): Promise<{ byUrlHash: Map<string, StoryRef>; byCopyKey: Map<string, StoryRef> }> {
  const lookup = async (column: 'url_hash' | 'copy_key', keys: readonly string[]) => {
    if (keys.length === 0) return new Map<string, StoryRef>();
    // The column comes from the closed type above, never from the caller's text.
    const rows = await all<{ key: string; storyId: number; threadId: number }>(
      db,
      `SELECT DISTINCT ON (i.${column}) i.${column} AS key, i.story_id AS "storyId", s.thread_id AS "threadId"
       FROM items i JOIN stories s ON s.id = i.story_id
       WHERE i.${column} = ANY($1::text[]) ORDER BY i.${column}, i.published_at, i.id`,
      [[...keys]],
    );
    return new Map(rows.map((row) => [row.key, { storyId: row.storyId, threadId: row.threadId }]));
  };
  return { byUrlHash: await lookup('url_hash', urlHashes), byCopyKey: await lookup('copy_key', copyKeys) };
}

/** The story, thread and stored evidence of each of these items that is filed. */
export async function storiesOfItems(db: Queryable, itemIds: readonly string[]): Promise<Map<string, StoryRef & { evidence: string | null }>> {
  const rows = await all<{ id: string; storyId: number; threadId: number; evidence: string | null }>(
    db,
    `SELECT i.id, i.story_id AS "storyId", s.thread_id AS "threadId", i.story_evidence AS evidence
     FROM items i JOIN stories s ON s.id = i.story_id WHERE i.id = ANY($1::text[])`,
    [[...itemIds]],
  );
  return new Map(rows.map((r) => [r.id, { storyId: r.storyId, threadId: r.threadId, evidence: r.evidence }]));
}
