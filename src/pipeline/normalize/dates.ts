/**
 * Feed dates. Parsed by hand rather than with `Date.parse`, whose non-ISO behaviour is
 * implementation-defined and reads zone-less text in the machine's local zone.
 */
import type { DateSource } from '../../model/item.js';
import { parseTextualDate, type DateParts } from './date-tokens.js';
import { zoneOffset } from './date-zones.js';

/** Earlier dates are placeholders (epoch 0, year 0001), not publication times. */
const EARLIEST_PLAUSIBLE = Date.UTC(1990, 0, 1);

/**
 * Longer strings are not dates. Checked right after the (native, linear) trim and before any
 * regular expression, so a 100 KB run of spaces costs a length check, not a backtracking scan.
 */
const MAX_DATE_CHARS = 100;

/**
 * W3C-DTF / ISO 8601 / RFC 3339, extended format: `2025`, `2025-06`, `2025-06-10`,
 * `2025-06-10T04:00[:00[.123]][Z|+02:00|+0200|+02]`, a space instead of `T` and a space or a zone
 * name before the zone (MSSQL's `2004-07-08 23:56:58 -00:20`).
 */
const ISO_EXTENDED = new RegExp(
  String.raw`^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s?(Z|[+-]\d{2}(?::?\d{2})?|[A-Z]{1,5})?)?)?)?$`,
  'i',
);

/** ISO 8601 basic format: `20250610`, `20250610T0400[00][Z|+0200]`. */
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:[.,](\d{1,9}))?(Z|[+-]\d{2}(?:\d{2})?)?)?$/i;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 1 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month] ?? 0);
}

/**
 * A checked instant, or null for an impossible one (Feb 30, 25:00, a +25:00 offset). Years have
 * four digits at most (the patterns allow no more); a month outside 0–11 has no days, so its
 * every day is refused.
 */
function build(p: DateParts): Date | null {
  if (p.year < 1 || p.day < 1 || p.day > daysInMonth(p.year, p.month)) return null;
  if (p.hour > 23 || p.minute > 59 || p.second > 60) return null;
  // Real zones run from -12:00 to +14:00; "+25:00" is a broken date, not a far-off place.
  if (Math.abs(p.offsetMinutes) > 14 * 60) return null;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  date.setUTCFullYear(p.year, p.month, p.day);
  // A leap second (:60) is read as :59.
  date.setUTCHours(p.hour, p.minute, Math.min(p.second, 59), p.millisecond);
  return new Date(date.getTime() - p.offsetMinutes * 60_000);
}

function num(text: string | undefined, fallback = 0): number {
  return text === undefined ? fallback : Number(text);
}

/** The groups of either ISO regex (same order: y, m, d, h, min, s, fraction, zone) as parts. */
function isoParts(match: RegExpExecArray): DateParts | null {
  const offsetMinutes = zoneOffset(match[8]);
  if (offsetMinutes === null) return null;
  return {
    year: num(match[1]),
    // A partial date (`2025`, `2025-06`) is the start of its period.
    month: num(match[2], 1) - 1,
    day: num(match[3], 1),
    hour: num(match[4]),
    minute: num(match[5]),
    second: num(match[6]),
    millisecond: match[7] ? Number(match[7].padEnd(3, '0').slice(0, 3)) : 0,
    offsetMinutes,
  };
}

/** RFC 822 allows a trailing comment (`+0000 (UTC)`; JavaScript writes `GMT+0200 (CEST)`). */
function dropTrailingComment(value: string): string {
  if (!value.endsWith(')')) return value;
  const open = value.lastIndexOf('(');
  return open > 0 ? value.slice(0, open).trimEnd() : value;
}

/** Parses the date forms feeds use (ISO 8601 / W3C-DTF, RFC 822 and its relatives); anything else is null. */
export function parseFeedDate(text: string | undefined): Date | null {
  if (text === undefined) return null;
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > MAX_DATE_CHARS) return null;
  const value = dropTrailingComment(trimmed);
  const iso = ISO_EXTENDED.exec(value) ?? ISO_BASIC.exec(value);
  const parts = iso ? isoParts(iso) : parseTextualDate(value);
  return parts === null ? null : build(parts);
}

/** When an item was published, and where that time came from (see {@link DateSource}). */
export interface ResolvedDate {
  publishedAt: string;
  dateSource: DateSource;
}

/**
 * The item's publication time as UTC ISO 8601: the published date, else the updated one. A
 * future date is clamped to the fetch time, so a feed cannot pin an item to the top of the
 * digest. Without a usable date the fetch time stands in, and `dateSource` says why: `missing`
 * (the entry has no date) or `unparseable` (it has one we cannot read, an impossible one such
 * as Feb 30, or a placeholder before 1990), so an undated item is never mistaken for news.
 */
export function resolvePublished(published: string | undefined, updated: string | undefined, fetchedAt: Date): ResolvedDate {
  const candidates: [DateSource, string | undefined][] = [['published', published], ['updated', updated]];
  let unreadable = false;
  for (const [source, text] of candidates) {
    if (text === undefined || text.trim() === '') continue;
    const date = parseFeedDate(text);
    if (date === null || date.getTime() < EARLIEST_PLAUSIBLE) {
      unreadable = true;
      continue;
    }
    const clamped = date.getTime() > fetchedAt.getTime() ? fetchedAt : date;
    return { publishedAt: clamped.toISOString(), dateSource: source };
  }
  return { publishedAt: fetchedAt.toISOString(), dateSource: unreadable ? 'unparseable' : 'missing' };
}

/** {@link resolvePublished}'s time alone, for callers that only store the time. */
export function resolvePublishedAt(published: string | undefined, updated: string | undefined, fetchedAt: Date): string {
  return resolvePublished(published, updated, fetchedAt).publishedAt;
}
