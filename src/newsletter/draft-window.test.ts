import { describe, expect, it } from 'vitest';
import { parseDuration, resolveWindow } from './draft-window.js';

const now = new Date('2026-11-25T06:30:00Z');
const ctx = { now, lastUntil: undefined, defaultHours: 24 };

describe('resolveWindow', () => {
  it('defaults to the last defaultHours, or since the last draft ended', () => {
    expect(resolveWindow({}, ctx)).toEqual({ since: '2026-11-24T06:30:00.000Z', until: '2026-11-25T06:30:00.000Z', date: '2026-11-25', basis: 'default' });
    expect(resolveWindow({}, { ...ctx, lastUntil: '2026-11-23T00:00:00.000Z' })).toMatchObject({ since: '2026-11-23T00:00:00.000Z', basis: 'last-draft' });
  });

  it('ends a --date issue at the end of that day, or now when that is earlier', () => {
    expect(resolveWindow({ date: '2026-11-20', window: '2d' }, ctx)).toMatchObject({ since: '2026-11-19T00:00:00.000Z', until: '2026-11-21T00:00:00.000Z', date: '2026-11-20' });
    expect(resolveWindow({ date: '2026-11-25' }, ctx)).toMatchObject({ until: '2026-11-25T06:30:00.000Z', date: '2026-11-25' });
  });

  it('reads --since as a UTC day or a zoned time, never in the local zone', () => {
    expect(resolveWindow({ since: '2026-11-24' }, ctx).since).toBe('2026-11-24T00:00:00.000Z');
    expect(resolveWindow({ since: '2026-11-24T08:00:00+02:00' }, ctx).since).toBe('2026-11-24T06:00:00.000Z');
    expect(() => resolveWindow({ since: '2026-11-24T08:00' }, ctx)).toThrow(/with a zone/);
  });

  it('refuses a window that starts after it ends', () => {
    expect(() => resolveWindow({}, { ...ctx, lastUntil: '2026-11-26T00:00:00.000Z' })).toThrow(/where the last draft ended/);
    expect(() => resolveWindow({ since: '2026-11-26' }, ctx)).toThrow(/after its end/);
  });
});

describe('parseDuration', () => {
  it.each([
    ['24h', 86_400_000],
    ['90m', 5_400_000],
    ['1.5d', 129_600_000],
    ['1w', 604_800_000],
  ])('%s', (text, ms) => expect(parseDuration(text)).toBe(ms));
  it.each(['', '0h', '24', 'h', '-1d', '1y'])('refuses %j', (text) => expect(parseDuration(text)).toBeUndefined());
});
