import { describe, expect, it } from 'vitest';
import { formatUtc, timeAgo, timeUntil } from './time-format.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

describe('time formatting (terminal and review page)', () => {
  it('shows instants in UTC to the minute', () => {
    expect(formatUtc('2026-11-24T06:00:59.999+01:00')).toBe('2026-11-24 05:00 UTC');
    expect(formatUtc(null)).toBe('never');
    expect(formatUtc('soon')).toBe('soon');
  });

  it.each([
    [-0.4, 'just now'],
    [0.6, 'just now'], // a clock slightly ahead
    [-1, '1m ago'],
    [-59.4, '59m ago'],
    [-59.6, '1h ago'], // rounded to minutes first: never "60m ago"
    [-24 * 60, '24h ago'],
    [-47 * 60, '47h ago'],
    [-48 * 60, '2d ago'],
    [-10 * 1440, '10d ago'],
  ])('%s minutes from now was %s', (minutes, text) => {
    expect(timeAgo(at(minutes), NOW)).toBe(text);
  });

  it.each([
    [-5, 'now'],
    [0, 'now'],
    [0.2, 'in 1m'],
    [59.6, 'in 1h'],
    [24 * 60, 'in 24h'], // the daily recheck and the backoff cap read exactly
    [36 * 60, 'in 36h'],
    [72 * 60, 'in 3d'],
  ])('%s minutes from now is %s', (minutes, text) => {
    expect(timeUntil(at(minutes), NOW)).toBe(text);
  });

  it('says never for no time and shows a string that is not a time as it is', () => {
    expect(timeAgo(null, NOW)).toBe('never');
    expect(timeAgo(undefined, NOW)).toBe('never');
    expect(timeAgo('yesterday', NOW)).toBe('yesterday');
    expect(timeUntil('later', NOW)).toBe('later');
  });
});
