/**
 * A feed's health as `secdigest feeds` shows it (`health` in `--json`, a public contract):
 * `failing` backs off, `unhealthy` is tried only at its recheck (or after `feeds --retry`),
 * `disabled` is off in feeds.yaml or stopped by a 410 Gone.
 */
export type FeedHealthState = 'ok' | 'failing' | 'unhealthy' | 'disabled';

/**
 * Why a feed needs the editor (`state` in `secdigest doctor --json`, a public contract): its
 * health when that is not ok, or `moved` when it redirected permanently and feeds.yaml should follow.
 */
export type FeedAttention = Exclude<FeedHealthState, 'ok'> | 'moved';

/** The stored fields the rule reads (the `feeds` row; `FeedState` in storage has them all). */
export interface StoredFeedHealth {
  consecutiveErrors: number;
  disabledReason: string | null;
  unhealthySince: string | null;
  movedTo: string | null;
}

/**
 * The one health rule, for `feeds`, `doctor` and the review page: disabled beats unhealthy beats
 * failing. `enabled` is the feed's `enabled` in feeds.yaml.
 */
export function feedHealth(feed: StoredFeedHealth, enabled: boolean): FeedHealthState {
  if (!enabled || feed.disabledReason) return 'disabled';
  if (feed.unhealthySince) return 'unhealthy';
  if (feed.consecutiveErrors > 0) return 'failing';
  return 'ok';
}

/**
 * Whether, and why, a feed "needs attention" (the count under `secdigest feeds`, doctor's list, the
 * review page's highlighted rows). A feed switched off in feeds.yaml never does: the editor has
 * already put it aside (a `collect --feed ID` of it still reports its own result).
 */
export function feedAttention(feed: StoredFeedHealth, enabled: boolean): FeedAttention | null {
  if (!enabled) return null;
  const health = feedHealth(feed, enabled);
  if (health !== 'ok') return health;
  return feed.movedTo ? 'moved' : null;
}

/** What to do about a permanent redirect, in doctor's `problem` (a public contract) and on every surface. */
export function movedNote(movedTo: string): string {
  return `moved permanently to ${movedTo}: update feeds.yaml`;
}
