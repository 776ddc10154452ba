import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_POLICY as policy, isUnhealthy, nextAttemptAfterFailure } from './backoff.js';

const now = new Date('2026-11-25T00:00:00Z');
const minutesUntil = (date: Date) => (date.getTime() - now.getTime()) / 60_000;

describe('feed backoff and health', () => {
  it('doubles the delay with each consecutive failure, capped at the maximum', () => {
    const middle = () => 0.5; // no jitter
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => minutesUntil(nextAttemptAfterFailure(n, now, policy, middle)))).toEqual([
      30, 60, 120, 240, 480, 960, 1440, 1440,
    ]);
  });

  it('jitters by at most ±20%', () => {
    expect(minutesUntil(nextAttemptAfterFailure(1, now, policy, () => 0))).toBe(24);
    expect(minutesUntil(nextAttemptAfterFailure(1, now, policy, () => 1))).toBe(36);
  });

  it('calls a feed unhealthy only after enough failures over enough time', () => {
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
    expect(isUnhealthy(10, hoursAgo(30), now, policy)).toBe(true);
    expect(isUnhealthy(9, hoursAgo(30), now, policy)).toBe(false); // too few failures
    expect(isUnhealthy(50, hoursAgo(3), now, policy)).toBe(false); // a short outage
    expect(isUnhealthy(10, null, now, policy)).toBe(false);
  });
});
