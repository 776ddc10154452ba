import { activityDays, toFeedActivity, type FeedActivity } from '../rows/feed-activity.js';
import { listFeedStates } from './feeds.js';
import { all, type Queryable } from './queries.js';

/**
 * Every real feed with its state, its failed fetches and its items per UTC publication day over
 * `days` days ending with the day of `until` (see sqlite/feed-activity.ts).
 */
export async function feedActivity(db: Queryable, options: { until: Date; days: number }): Promise<FeedActivity[]> {
  const window = activityDays(options);
  const feeds = await listFeedStates(db);
  const errors = await all<{ feed_id: string; n: number }>(
    db,
    `SELECT feed_id, COUNT(*)::int AS n FROM fetch_log WHERE outcome = 'failed' AND started_at >= $1 GROUP BY feed_id`,
    [window.since],
  );
  const perDay = await all<{ feed_id: string; day: string; n: number }>(
    db,
    `SELECT feed_id, substr(published_at, 1, 10) AS day, COUNT(*)::int AS n FROM items
     WHERE published_at >= $1 AND published_at < $2 GROUP BY feed_id, day`,
    [window.since, window.until],
  );
  return toFeedActivity(feeds, errors, perDay, window);
}
