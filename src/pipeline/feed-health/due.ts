import type { FeedConfig } from '../../model/index.js';
import { DUE_GRACE_MS } from './backoff.js';

/**
 * The feeds due now under their own `intervalMinutes` (a feed without one is always due). The
 * interval counts from the last attempt, with the same grace as the backoff so that a 3-hour feed
 * on an hourly collect is fetched at the third tick, not the fourth.
 */
export function dueFeeds(
  feeds: readonly FeedConfig[],
  lastAttempt: (id: string) => { lastFetchAt: string | null } | undefined,
  now: Date,
): FeedConfig[] {
  return feeds.filter((feed) => {
    if (!feed.intervalMinutes) return true;
    const last = lastAttempt(feed.id)?.lastFetchAt;
    if (!last) return true;
    return now.getTime() - Date.parse(last) >= feed.intervalMinutes * 60_000 - DUE_GRACE_MS;
  });
}
