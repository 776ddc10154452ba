import type { FeedState } from './feeds.js';

/** The review page's feed-health overview (issue 7), as both engines fold it (sqlite/feed-activity.ts, postgres/feed-activity.ts). */

/** One feed's health for the review page's feed-health overview. */
export interface FeedActivity extends FeedState {
  /** Failed fetches logged since `since`. */
  recentErrors: number;
  /** Items published on each day from `since` on (UTC, oldest first, one number per day, zeros included). */
  itemsPerDay: number[];
}

/** The UTC days an activity overview covers: `days` of them ending with the day of `until`, [since, until) as ISO times. */
export interface ActivityDays {
  days: number;
  firstDay: number;
  since: string;
  until: string;
}

export function activityDays(options: { until: Date; days: number }): ActivityDays {
  const days = Math.max(1, Math.floor(options.days));
  const lastDay = Date.UTC(options.until.getUTCFullYear(), options.until.getUTCMonth(), options.until.getUTCDate());
  const firstDay = lastDay - (days - 1) * 86_400_000;
  return { days, firstDay, since: new Date(firstDay).toISOString(), until: new Date(lastDay + 86_400_000).toISOString() };
}

/**
 * Each feed with its failed fetches since the first day and its items per publication day
 * (`day`: the first ten characters of published_at), zeros filled in; counts outside the days are dropped.
 */
export function toFeedActivity(
  feeds: readonly FeedState[],
  errors: readonly { feed_id: string; n: number }[],
  perDay: readonly { feed_id: string; day: string; n: number }[],
  { days, firstDay }: ActivityDays,
): FeedActivity[] {
  const errorsByFeed = new Map(errors.map((r) => [r.feed_id, r.n]));
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
    recentErrors: errorsByFeed.get(feed.id) ?? 0,
    itemsPerDay: counts.get(feed.id) ?? new Array<number>(days).fill(0),
  }));
}
