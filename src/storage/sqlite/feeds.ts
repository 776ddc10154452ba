import type { FeedConfig } from '../../model/index.js';
import { toFeedState, type FeedHealth, type FeedRow, type FeedState } from '../rows/feeds.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

export type { FeedHealth, FeedState } from '../rows/feeds.js';


/**
 * Brings the feeds table in line with the configuration. A feed whose URL changed starts
 * afresh: its validators, error count and disabled state belonged to the old URL.
 */
export function syncFeeds(db: Db, feeds: readonly FeedConfig[], now: string): void {
  const insert = statement(db, 
    `INSERT INTO feeds (id, url, name, kind, weight, created_at) VALUES (@id, @url, @name, @kind, @weight, @now)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, weight = excluded.weight`,
  );
  const resetMoved = statement(db, 
    `UPDATE feeds SET url = @url, etag = NULL, last_modified = NULL, consecutive_errors = 0,
       disabled_reason = NULL, moved_to = NULL, retry_at = NULL, next_attempt_at = NULL,
       error_since = NULL, unhealthy_since = NULL
     WHERE id = @id AND url <> @url`,
  );
  db.transaction(() => {
    for (const feed of feeds) {
      const row = { id: feed.id, url: feed.url, name: feed.name, kind: feed.kind, weight: feed.weight, now };
      insert.run(row);
      resetMoved.run(row);
    }
  })();
}

export function getFeedState(db: Db, id: string): FeedState | undefined {
  const row = statement(db, 'SELECT * FROM feeds WHERE id = ?').get(id) as FeedRow | undefined;
  return row ? toFeedState(row) : undefined;
}

/** Every configured feed's state, by id (the `analyze:` pseudo-feeds left out). */
export function listFeedStates(db: Db): FeedState[] {
  return (statement(db, "SELECT * FROM feeds WHERE id NOT LIKE 'analyze:%' ORDER BY id").all() as FeedRow[]).map(toFeedState);
}

/** Health of the given feeds (in that order), with their stored item counts. */
export function listFeedHealth(db: Db, ids: readonly string[]): FeedHealth[] {
  const state = statement(db, 'SELECT * FROM feeds WHERE id = ?');
  const count = statement(db, 'SELECT COUNT(*) AS n FROM items WHERE feed_id = ?');
  const result: FeedHealth[] = [];
  for (const id of ids) {
    const row = state.get(id) as FeedRow | undefined;
    if (!row) continue;
    result.push({ ...toFeedState(row), items: (count.get(id) as { n: number }).n });
  }
  return result;
}

/**
 * Makes sure a feed row exists without touching a configured feed's state: used for the pseudo-feeds
 * `analyze --db` files its items under (ids `analyze:<source>`, which feeds.yaml ids cannot be).
 */
export function ensureFeed(db: Db, feed: Pick<FeedConfig, 'id' | 'name' | 'url' | 'kind' | 'weight'>, now: string): void {
  statement(
    db,
    `INSERT INTO feeds (id, url, name, kind, weight, created_at) VALUES (@id, @url, @name, @kind, @weight, @now)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, weight = excluded.weight`,
  ).run({ ...feed, now });
}

/**
 * `secdigest feeds --retry ID`: the feed is fetched at the next collect whatever its backoff, its
 * unhealthy mark, a Retry-After or a 410. The error streak is kept, so a feed that fails again is
 * unhealthy again at once; its first success clears everything. False when the id is unknown.
 */
export function retryFeed(db: Db, id: string): boolean {
  return (
    statement(
      db,
      `UPDATE feeds SET next_attempt_at = NULL, unhealthy_since = NULL, retry_at = NULL, disabled_reason = NULL
       WHERE id = ?`,
    ).run(id).changes === 1
  );
}

/** When any feed was last fetched (doctor's "is the scheduler running?"), or null before the first run. */
export function lastFetchAt(db: Db): string | null {
  return (statement(db, 'SELECT MAX(last_fetch_at) FROM feeds').pluck().get() as string | null) ?? null;
}
