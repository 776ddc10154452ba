import type { FeedConfig } from '../../model/index.js';
import { toFeedState, type FeedHealth, type FeedRow, type FeedState } from '../rows/feeds.js';
import { all, first, type Queryable } from './queries.js';

/**
 * Brings the feeds table in line with the configuration (call inside a transaction): two statements
 * whatever the number of feeds. A feed whose URL changed starts afresh: its validators, error count
 * and disabled state belonged to the old URL.
 */
export async function syncFeeds(db: Queryable, feeds: readonly FeedConfig[], now: string): Promise<void> {
  // One row per id, the last one winning as when SQLite upserts them in turn (ON CONFLICT may not touch a row twice).
  const unique = [...new Map(feeds.map((feed) => [feed.id, feed])).values()];
  if (unique.length === 0) return;
  const column = <K extends keyof FeedConfig>(key: K) => unique.map((feed) => feed[key]);
  await db.query(
    `INSERT INTO feeds (id, url, name, kind, weight, created_at)
     SELECT id, url, name, kind, weight, $6 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[]) AS c(id, url, name, kind, weight)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, weight = excluded.weight`,
    [column('id'), column('url'), column('name'), column('kind'), column('weight'), now],
  );
  await db.query(
    `UPDATE feeds f SET url = c.url, etag = NULL, last_modified = NULL, consecutive_errors = 0,
       disabled_reason = NULL, moved_to = NULL, retry_at = NULL, next_attempt_at = NULL,
       error_since = NULL, unhealthy_since = NULL
     FROM unnest($1::text[], $2::text[]) AS c(id, url)
     WHERE f.id = c.id AND f.url <> c.url`,
    [column('id'), column('url')],
  );
}

/**
 * Makes sure a feed row exists without touching a configured feed's state (the pseudo-feeds
 * `analyze --db` stores its items under): see sqlite/feeds.ts ensureFeed.
 */
export async function ensureFeed(db: Queryable, feed: Pick<FeedConfig, 'id' | 'name' | 'url' | 'kind' | 'weight'>, now: string): Promise<void> {
  await db.query(
    `INSERT INTO feeds (id, url, name, kind, weight, created_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, weight = excluded.weight`,
    [feed.id, feed.url, feed.name, feed.kind, feed.weight, now],
  );
}

export async function getFeedState(db: Queryable, id: string): Promise<FeedState | undefined> {
  const row = await first<FeedRow>(db, 'SELECT * FROM feeds WHERE id = $1', [id]);
  return row ? toFeedState(row) : undefined;
}

/** Every configured feed's state, by id (the `analyze:` pseudo-feeds left out). */
export async function listFeedStates(db: Queryable): Promise<FeedState[]> {
  return (await all<FeedRow>(db, "SELECT * FROM feeds WHERE id NOT LIKE 'analyze:%' ORDER BY id")).map(toFeedState);
}

/** Health of the given feeds (in that order, unknown ids left out), with their stored item counts: one query. */
export async function listFeedHealth(db: Queryable, ids: readonly string[]): Promise<FeedHealth[]> {
  const rows = await all<FeedRow & { items: number }>(
    db,
    'SELECT f.*, (SELECT COUNT(*) FROM items i WHERE i.feed_id = f.id)::int AS items FROM feeds f WHERE f.id = ANY($1::text[])',
    [[...new Set(ids)]],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ ...toFeedState(row), items: row.items }] : [];
  });
}

/** `feeds --retry`: clears backoff, the unhealthy mark, a Retry-After wait and a 410 disable (see sqlite/feeds.ts retryFeed). */
export async function retryFeeds(db: Queryable, ids: readonly string[]): Promise<void> {
  await db.query('UPDATE feeds SET next_attempt_at = NULL, unhealthy_since = NULL, retry_at = NULL, disabled_reason = NULL WHERE id = ANY($1::text[])', [[...ids]]);
}

/** When any feed was last fetched, or null before the first run. */
export async function lastFetchAt(db: Queryable): Promise<string | null> {
  return (await first<{ at: string | null }>(db, 'SELECT MAX(last_fetch_at) AS at FROM feeds'))?.at ?? null;
}
