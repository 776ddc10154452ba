import { activityDays, toFeedActivity, type FeedActivity } from '../rows/feed-activity.js';
import type { Db } from './database.js';
import { listFeedStates } from './feeds.js';
import { statement } from './statements.js';

export type { FeedActivity } from '../rows/feed-activity.js';

/**
 * Every real feed (the `analyze:` pseudo-feeds left out) with its state, its failed fetches and
 * its items per publication day over `days` UTC days ending with the day of `until`.
 */
export function feedActivity(db: Db, options: { until: Date; days: number }): FeedActivity[] {
  const window = activityDays(options);
  const feeds = listFeedStates(db);
  const errors = statement(db, `SELECT feed_id, COUNT(*) AS n FROM fetch_log WHERE outcome = 'failed' AND started_at >= ? GROUP BY feed_id`).all(window.since) as {
    feed_id: string;
    n: number;
  }[];
  const perDay = statement(
    db,
    `SELECT feed_id, substr(published_at, 1, 10) AS day, COUNT(*) AS n FROM items
     WHERE published_at >= ? AND published_at < ? GROUP BY feed_id, day`,
  ).all(window.since, window.until) as { feed_id: string; day: string; n: number }[];
  return toFeedActivity(feeds, errors, perDay, window);
}
