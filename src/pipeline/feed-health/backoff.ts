/**
 * When to try a failing feed again, and when to call it unhealthy. Pure functions of the feed's
 * error streak and the clock, so the policy is tested without waiting hours.
 */
import type { HealthSettings } from '../../model/index.js';

/** `settings.health` of feeds.yaml (model/operations.ts). */
export type HealthPolicy = HealthSettings;

/** The defaults of `settings.health` (config/defaults.ts takes them from here). */
export const DEFAULT_HEALTH_POLICY: HealthPolicy = {
  // 30 min doubling to a day: 10 failures take ~4 days (Feedbin backs off to ~3 days, NewsBlur to 7).
  backoffBaseMinutes: 30,
  backoffMaxHours: 24,
  unhealthyAfterErrors: 10,
  unhealthyAfterHours: 24,
  // Miniflux stops for good after 3 errors, a recurring complaint: an unhealthy feed is still tried daily.
  recheckHours: 24,
};

/**
 * Next attempt after `consecutiveErrors` failures (≥ 1): base · 2^(n−1), capped, with ±20%
 * jitter so feeds that failed together do not retry together (NewsBlur and Feedbin jitter too).
 */
export function nextAttemptAfterFailure(consecutiveErrors: number, now: Date, policy: HealthPolicy, random: () => number): Date {
  const exponent = Math.min(Math.max(consecutiveErrors - 1, 0), 30);
  const delayMs = Math.min(policy.backoffBaseMinutes * 60_000 * 2 ** exponent, policy.backoffMaxHours * 3_600_000);
  const jitter = 0.8 + 0.4 * random();
  return new Date(now.getTime() + delayMs * jitter);
}

export function isUnhealthy(consecutiveErrors: number, errorSince: string | null, now: Date, policy: HealthPolicy): boolean {
  if (consecutiveErrors < policy.unhealthyAfterErrors || !errorSince) return false;
  return now.getTime() - Date.parse(errorSince) >= policy.unhealthyAfterHours * 3_600_000;
}

/** What a failed run does to the feed's health: when to try next, and whether it is now unhealthy. */
export interface FailureHealth {
  /** null: no automatic attempt (unhealthy with `recheckHours: 0`) until `feeds --retry`. */
  nextAttemptAt: string | null;
  unhealthy: boolean;
}

/**
 * Health after one more failure, given the streak so far. An unhealthy feed is rechecked every
 * `recheckHours` instead of following the backoff (it would be the same cap anyway by then).
 */
export function healthAfterFailure(
  streak: { consecutiveErrors: number; errorSince: string | null } | undefined,
  now: Date,
  policy: HealthPolicy,
  random: () => number,
): FailureHealth {
  const errors = (streak?.consecutiveErrors ?? 0) + 1;
  const unhealthy = isUnhealthy(errors, streak?.errorSince ?? now.toISOString(), now, policy);
  if (!unhealthy) return { nextAttemptAt: nextAttemptAfterFailure(errors, now, policy, random).toISOString(), unhealthy };
  const recheck = policy.recheckHours > 0 ? new Date(now.getTime() + policy.recheckHours * 3_600_000).toISOString() : null;
  return { nextAttemptAt: recheck, unhealthy };
}

/**
 * A feed due within this long counts as due: the hourly tick must not miss a feed whose backoff
 * ends a few seconds after it, and make it wait a whole extra hour.
 */
export const DUE_GRACE_MS = 2 * 60_000;

/** Why a feed is not fetched now because of its health, or undefined when it may be. */
export function healthSkipReason(
  state: { id: string; consecutiveErrors: number; nextAttemptAt: string | null; unhealthySince: string | null },
  now: Date,
): string | undefined {
  if (state.unhealthySince && !state.nextAttemptAt) {
    return `unhealthy since ${state.unhealthySince} (${state.consecutiveErrors} errors): run \`secdigest feeds --retry ${state.id}\``;
  }
  if (!state.nextAttemptAt || Date.parse(state.nextAttemptAt) <= now.getTime() + DUE_GRACE_MS) return undefined;
  return state.unhealthySince
    ? `unhealthy since ${state.unhealthySince}: next check at ${state.nextAttemptAt} (or \`secdigest feeds --retry ${state.id}\`)`
    : `backing off after ${state.consecutiveErrors} error(s) until ${state.nextAttemptAt}`;
}
