import { describe, expect, it } from 'vitest';
import type { FeedConfig } from '../../model/index.js';
import { DEFAULT_HEALTH_POLICY as policy, healthAfterFailure, healthSkipReason, isUnhealthy, nextAttemptAfterFailure } from './backoff.js';
import { dueFeeds } from './due.js';

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

describe('health after a failure', () => {
  const at = (iso: string) => new Date(iso);
  const half = () => 0.5;

  it('backs off while the streak is short, and turns unhealthy after 10 failures over 24 h', () => {
    // A feed failing at every attempt the backoff allows: when does it become unhealthy?
    let streak: { consecutiveErrors: number; errorSince: string | null } = { consecutiveErrors: 0, errorSince: null };
    let clock = at('2026-11-25T00:00:00Z');
    const history: { errors: number; unhealthy: boolean }[] = [];
    for (let i = 0; i < 12; i++) {
      const health = healthAfterFailure(streak, clock, policy, half);
      streak = { consecutiveErrors: streak.consecutiveErrors + 1, errorSince: streak.errorSince ?? clock.toISOString() };
      history.push({ errors: streak.consecutiveErrors, unhealthy: health.unhealthy });
      clock = new Date(health.nextAttemptAt!);
    }
    expect(history.findIndex((h) => h.unhealthy)).toBe(9); // the 10th failure, ~4.3 days in (30 min doubling to 24 h)
    expect(history.slice(9).every((h) => h.unhealthy)).toBe(true);
  });

  it('rechecks an unhealthy feed after recheckHours, or never when it is 0', () => {
    const streak = { consecutiveErrors: 9, errorSince: '2026-11-20T00:00:00Z' };
    const now = at('2026-11-25T00:00:00Z');
    expect(healthAfterFailure(streak, now, policy, half)).toEqual({ unhealthy: true, nextAttemptAt: '2026-11-26T00:00:00.000Z' });
    expect(healthAfterFailure(streak, now, { ...policy, recheckHours: 0 }, half)).toEqual({ unhealthy: true, nextAttemptAt: null });
  });

  it('says why a feed is skipped, with a grace of two minutes', () => {
    const now = at('2026-11-25T12:00:00Z');
    const state = { id: 'x', consecutiveErrors: 3, nextAttemptAt: '2026-11-25T14:00:00.000Z', unhealthySince: null };
    expect(healthSkipReason(state, now)).toBe('backing off after 3 error(s) until 2026-11-25T14:00:00.000Z');
    expect(healthSkipReason({ ...state, nextAttemptAt: '2026-11-25T12:01:30.000Z' }, now)).toBeUndefined();
    expect(healthSkipReason({ ...state, unhealthySince: '2026-11-24T00:00:00Z' }, now)).toMatch(/^unhealthy since .*: next check at 2026-11-25T14:00:00.000Z/);
    expect(healthSkipReason({ ...state, unhealthySince: '2026-11-24T00:00:00Z', nextAttemptAt: null }, now)).toBe(
      'unhealthy since 2026-11-24T00:00:00Z (3 errors): run `secdigest feeds --retry x`',
    );
    expect(healthSkipReason({ ...state, consecutiveErrors: 0, nextAttemptAt: null }, now)).toBeUndefined();
  });
});

describe('per-feed intervals', () => {
  const feed = (id: string, intervalMinutes?: number): FeedConfig => ({ id, name: id, url: `https://${id}.example/`, kind: 'news', weight: 1, enabled: true, tags: [], ...(intervalMinutes ? { intervalMinutes } : {}) });
  const now = new Date('2026-11-25T12:00:00Z');
  const last: Record<string, string> = { hourly: '2026-11-25T11:00:04Z', slow: '2026-11-25T09:00:03Z', slower: '2026-11-25T10:00:00Z' };

  it('fetches a feed when its interval has passed (within the grace), always when it has none or was never fetched', () => {
    const due = dueFeeds([feed('plain'), feed('hourly', 60), feed('slow', 180), feed('slower', 180), feed('new', 600)], (id) => ({ lastFetchAt: last[id] ?? null }), now);
    expect(due.map((f) => f.id)).toEqual(['plain', 'hourly', 'slow', 'new']);
  });
});
