/**
 * When to try a failing feed again, and when to call it unhealthy. Pure functions of the feed's
 * error streak and the clock, so the policy is tested without waiting hours.
 */
export interface HealthPolicy {
  /** Delay after the first failure; doubles with each further one. */
  backoffBaseMinutes: number;
  backoffMaxHours: number;
  /** A feed is unhealthy after this many consecutive failures … */
  unhealthyAfterErrors: number;
  /** … spanning at least this long (a short outage never marks a feed unhealthy). */
  unhealthyAfterHours: number;
  /** An unhealthy feed is tried again this long after its last attempt; 0: only `feeds --retry`. */
  recheckHours: number;
}

export const DEFAULT_HEALTH_POLICY: HealthPolicy = {
  backoffBaseMinutes: 30,
  backoffMaxHours: 24,
  unhealthyAfterErrors: 10,
  unhealthyAfterHours: 24,
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
