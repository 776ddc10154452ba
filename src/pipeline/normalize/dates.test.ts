import { describe, expect, it } from 'vitest';
import { parseFeedDate, resolvePublishedAt } from './dates.js';

describe('parseFeedDate', () => {
  it.each([
    // [input, expected UTC ISO]
    ['Tue, 10 Jun 2025 04:00:00 GMT', '2025-06-10T04:00:00.000Z'],
    ['Tue, 10 Jun 2025 04:00:00 UT', '2025-06-10T04:00:00.000Z'],
    ['Tue, 10 Jun 2025 04:00:00 Z', '2025-06-10T04:00:00.000Z'],
    ['Tue, 10 Jun 2025 09:30:00 +0530', '2025-06-10T04:00:00.000Z'],
    ['Tue, 10 Jun 2025 00:00:00 -0400', '2025-06-10T04:00:00.000Z'],
    ['Mon, 09 Jun 2025 23:00:00 EST', '2025-06-10T04:00:00.000Z'],
    ['Tue, 10 Jun 2025 00:00:00 EDT', '2025-06-10T04:00:00.000Z'],
    ['Mon, 09 Jun 2025 22:00:00 CST', '2025-06-10T04:00:00.000Z'],
    ['Mon, 09 Jun 2025 23:00:00 CDT', '2025-06-10T04:00:00.000Z'],
    ['Mon, 09 Jun 2025 21:00:00 MST', '2025-06-10T04:00:00.000Z'],
    ['Mon, 09 Jun 2025 22:00:00 MDT', '2025-06-10T04:00:00.000Z'],
    ['Mon, 09 Jun 2025 20:00:00 PST', '2025-06-10T04:00:00.000Z'],
    ['Mon, 09 Jun 2025 21:00:00 PDT', '2025-06-10T04:00:00.000Z'],
    ['10 Jun 2025 04:00:00 GMT', '2025-06-10T04:00:00.000Z'],
    ['Tue, 10 Jun 25 04:00:00 GMT', '2025-06-10T04:00:00.000Z'],
    ['Thu, 01 Jan 98 00:00:00 GMT', '1998-01-01T00:00:00.000Z'],
    ['Tue, 10 Jun 2025 04:00 GMT', '2025-06-10T04:00:00.000Z'],
    ['Tue, 10 June 2025 04:00:00 GMT', '2025-06-10T04:00:00.000Z'],
    ['tue, 10 jun 2025 04:00:00 gmt', '2025-06-10T04:00:00.000Z'],
    ['Tue, 10 Jun 2025 04:00:00', '2025-06-10T04:00:00.000Z'],
    ['Tue, 10 Jun 2025 04:00:00 +0000 (UTC)', '2025-06-10T04:00:00.000Z'],
    ['  Tue, 10 Jun 2025 04:00:00 GMT\n', '2025-06-10T04:00:00.000Z'],
    ['2025-06-10T04:00:00Z', '2025-06-10T04:00:00.000Z'],
    ['2025-06-10T04:00:00.123Z', '2025-06-10T04:00:00.123Z'],
    ['2025-06-10T06:00:00+02:00', '2025-06-10T04:00:00.000Z'],
    ['2025-06-10T00:00:00-0400', '2025-06-10T04:00:00.000Z'],
    ['2025-06-10T04:00:00', '2025-06-10T04:00:00.000Z'],
    ['2025-06-10 04:00:00', '2025-06-10T04:00:00.000Z'],
    ['2025-06-10T04:00', '2025-06-10T04:00:00.000Z'],
    ['2025-06-10', '2025-06-10T00:00:00.000Z'],
    // The non-standard form a real CrowdStrike feed uses.
    ['Jul 14, 2025 00:00:00-0500', '2025-07-14T05:00:00.000Z'],
    ['Jul 14, 2025', '2025-07-14T00:00:00.000Z'],
    ['June 10, 2025 4:05 PM EDT', '2025-06-10T20:05:00.000Z'],
    ['Feb 29, 2024 12:00:00 AM', '2024-02-29T00:00:00.000Z'],
    ['2025-06-10T18:00:00+14:00', '2025-06-10T04:00:00.000Z'], // Kiribati, the easternmost zone
    ['2025-06-09T16:00:00-12:00', '2025-06-10T04:00:00.000Z'],
  ])('%j → %s', (input, expected) => {
    expect(parseFeedDate(input)?.toISOString()).toBe(expected);
  });

  it.each([
    'garbage', '', '   ', 'yesterday', '2025-13-01', '2025-02-30', 'Feb 29, 2025', '31 Junk 2025 04:00:00 GMT',
    'Tue, 10 Jun 2025 25:00:00 GMT', '1718000000', 'x'.repeat(10_000), undefined,
    '2025-06-10T04:00:00+25:00', '2025-06-10T04:00:00+05:75', 'Tue, 10 Jun 2025 04:00:00 -1500',
  ])('%j → null', (input) => {
    expect(parseFeedDate(input)).toBeNull();
  });

  it('keeps years below 100 as written (no Date.UTC 19xx mapping)', () => {
    expect(parseFeedDate('0001-01-01T00:00:00Z')?.getUTCFullYear()).toBe(1);
  });
});

describe('resolvePublishedAt', () => {
  const fetchedAt = new Date('2025-06-10T12:00:00Z');
  const fetched = fetchedAt.toISOString();

  it.each([
    // [published, updated, expected]
    ['Tue, 10 Jun 2025 04:00:00 GMT', undefined, '2025-06-10T04:00:00.000Z'],
    ['Tue, 10 Jun 2025 04:00:00 GMT', '2025-06-10T08:00:00Z', '2025-06-10T04:00:00.000Z'],
    [undefined, '2025-06-10T08:00:00Z', '2025-06-10T08:00:00.000Z'],
    ['not a date', '2025-06-10T08:00:00Z', '2025-06-10T08:00:00.000Z'],
    [undefined, undefined, fetched],
    ['garbage', 'also garbage', fetched],
    // Future dates are clamped so a feed cannot pin an item to the top.
    ['2030-01-01T00:00:00Z', undefined, fetched],
    ['2025-06-10T12:00:01Z', undefined, fetched],
    // Placeholders.
    ['Thu, 01 Jan 1970 00:00:00 GMT', undefined, fetched],
    ['0001-01-01T00:00:00Z', undefined, fetched],
    ['1989-12-31T23:59:59Z', undefined, fetched],
    ['1970-01-01T00:00:00Z', '2025-06-01T00:00:00Z', '2025-06-01T00:00:00.000Z'],
    ['1990-01-01T00:00:00Z', undefined, '1990-01-01T00:00:00.000Z'],
  ])('published %j, updated %j → %s', (published, updated, expected) => {
    expect(resolvePublishedAt(published, updated, fetchedAt)).toBe(expected);
  });
});
