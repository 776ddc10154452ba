import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, sleep } from './retry.js';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);

describe('parseRetryAfter', () => {
  it('reads delay-seconds relative to now', () => {
    expect(parseRetryAfter('1', NOW)).toBe(NOW + 1000);
    expect(parseRetryAfter(' 3600 ', NOW)).toBe(NOW + 3_600_000);
    expect(parseRetryAfter('0', NOW)).toBe(NOW);
  });

  it('reads the three HTTP-date forms as UTC', () => {
    const expected = Date.UTC(1994, 10, 6, 8, 49, 37);
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', NOW)).toBe(expected);
    expect(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', NOW)).toBe(expected);
    expect(parseRetryAfter('Sun Nov  6 08:49:37 1994', NOW)).toBe(expected);
    expect(parseRetryAfter(new Date(NOW + 7_200_000).toUTCString(), NOW)).toBe(NOW + 7_200_000);
  });

  it('returns undefined for absent, negative, fractional or junk values', () => {
    for (const value of [null, undefined, '', '-5', '1.5', 'soon', '1 hour', 'Sun, 06 Nov 1994', '99999999999999999']) {
      expect(parseRetryAfter(value, NOW), String(value)).toBeUndefined();
    }
  });
});

describe('backoffDelay', () => {
  const settings = { retryBaseDelayMs: 500, retryMaxDelayMs: 8000 };

  it('grows exponentially up to the cap, scaled by random()', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, settings, () => 1))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    expect(backoffDelay(2, settings, () => 0.25)).toBe(500);
    expect(backoffDelay(2, settings, () => 0)).toBe(0);
  });

  it('stays within [0, min(max, base·2^n)) for real randomness', () => {
    for (let n = 0; n < 8; n++) {
      const ceiling = Math.min(8000, 500 * 2 ** n);
      for (let i = 0; i < 200; i++) {
        const delay = backoffDelay(n, settings, Math.random);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
      }
    }
  });
});

describe('sleep', () => {
  it('waits and resolves', async () => {
    const started = Date.now();
    await sleep(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('rejects at once when the signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('stop')), 20);
    await expect(sleep(10_000, controller.signal)).rejects.toThrow('stop');
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(sleep(10, AbortSignal.abort(new Error('early')))).rejects.toThrow('early');
  });
});
