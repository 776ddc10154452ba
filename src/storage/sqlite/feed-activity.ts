import type { Db } from './database.js';
import { listFeedStates, type FeedState } from './feeds.js';
import { statement } from './statements.js';

/** One feed's health for the review page's feed-health overview (issue 7). */
export interface FeedActivity extends FeedState {
  /** Failed fetches logged since `since`. */
  recentErrors: number;
  /** Items published on each day from `since` on (UTC, oldest first, one number per day, zeros included). */
  itemsPerDay: number[];
}

/**
 * Every real feed (the `analyze:` pseudo-feeds left out) with its state, its failed fetches and
 * its items per publication day over `days` UTC days ending with the day of `until`.
 */
export function feedActivity(db: Db, options: { until: Date; days: number }): FeedActivity[] {
  const days = Math.max(1, Math.floor(options.days));
  const lastDay = Date.UTC(options.until.getUTCFullYear(), options.until.getUTCMonth(), options.until.getUTCDate());
  const firstDay = lastDay - (days - 1) * 86_400_000;
  const since = new Date(firstDay).toISOString();
  const until = new Date(lastDay + 86_400_000).toISOString();

  const feeds = listFeedStates(db);
  const errors = new Map(
    (
      statement(db, `SELECT feed_id, COUNT(*) AS n FROM fetch_log WHERE outcome = 'failed' AND started_at >= ? GROUP BY feed_id`).all(since) as {
        feed_id: string;
        n: number;
      }[]
    ).map((r) => [r.feed_id, r.n]),
  );
  const perDay = statement(
    db,
    `SELECT feed_id, substr(published_at, 1, 10) AS day, COUNT(*) AS n FROM items
     WHERE published_at >= ? AND published_at < ? GROUP BY feed_id, day`,
  ).all(since, until) as { feed_id: string; day: string; n: number }[];
  const counts = new Map<string, number[]>();
  for (const row of perDay) {
    const index = Math.round((Date.parse(`${row.day}T00:00:00Z`) - firstDay) / 86_400_000);
    if (index < 0 || index >= days) continue;
    const series = counts.get(row.feed_id) ?? new Array<number>(days).fill(0);
    series[index] = row.n;
    counts.set(row.feed_id, series);
  }
  return feeds.map((feed) => ({
    ...feed,
    recentErrors: errors.get(feed.id) ?? 0,
    itemsPerDay: counts.get(feed.id) ?? new Array<number>(days).fill(0),
  }));
}
