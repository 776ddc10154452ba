/**
 * Feed dates. Parsed by hand rather than with `Date.parse`, whose non-ISO behaviour is
 * implementation-defined and reads zone-less text in the machine's local zone.
 */

/** Earlier dates are placeholders (epoch 0, year 0001), not publication times. */
const EARLIEST_PLAUSIBLE = Date.UTC(1990, 0, 1);

/** Longer strings are not dates; bounds the regex work on hostile input. */
const MAX_DATE_CHARS = 100;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december',
];

/** Offsets in minutes east of UTC. RFC 822 §5.1 names plus the central European ones feeds use. */
const ZONE_NAMES: ReadonlyMap<string, number> = new Map([
  ['ut', 0], ['utc', 0], ['gmt', 0], ['z', 0],
  ['est', -300], ['edt', -240], ['cst', -360], ['cdt', -300],
  ['mst', -420], ['mdt', -360], ['pst', -480], ['pdt', -420],
  ['cet', 60], ['cest', 120],
]);

const ZONE = String.raw`(Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{1,5})`;
const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?`;

/** ISO 8601 / RFC 3339: `2025-06-10`, `2025-06-10T04:00:00.123+02:00`, space instead of T. */
const ISO = new RegExp(
  String.raw`^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$`,
  'i',
);

/** RFC 822 / 1123 / 2822: `[Tue,] 10 Jun 2025 04:00[:00] [GMT|+0530|EST]`. */
const RFC822 = new RegExp(String.raw`^(?:[A-Za-z]{2,9}\.?,?\s+)?(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{2,4})(?:,?\s+${TIME}\s*${ZONE}?)?$`);

/** US order, seen in a CrowdStrike feed: `Jul 14, 2025 00:00:00-0500`, optional AM/PM. */
const US = new RegExp(String.raw`^(?:[A-Za-z]{2,9}\.?,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+${TIME}(?:\s*([AaPp][Mm]))?\s*${ZONE}?)?$`);

function monthIndex(word: string): number {
  const lower = word.toLowerCase();
  const index = MONTHS.indexOf(lower.slice(0, 3));
  if (index === -1) return -1;
  // Accept "Jun", "June" and "Sept", not "Junk".
  const full = MONTH_NAMES[index] ?? '';
  return full.startsWith(lower) || (lower === 'sept' && index === 8) ? index : -1;
}

/** Minutes east of UTC; a missing or unknown zone name is read as UTC (hours off beats unknown). */
function zoneOffset(zone: string | undefined): number {
  if (zone === undefined) return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) {
    if (Number(numeric[3] ?? '0') > 59) return NaN; // refused by build()
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? '0');
    return numeric[1] === '-' ? -minutes : minutes;
  }
  return ZONE_NAMES.get(zone.toLowerCase()) ?? 0;
}

/** RFC 2822 §4.3: two-digit years 00–49 are 20xx, 50–99 are 19xx; three digits add 1900. */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  if (text.length === 3) return 1900 + year;
  return year;
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offsetMinutes: number;
}

function build(p: Parts): Date | null {
  if (p.year < 1 || p.year > 9999 || p.month < 0 || p.month > 11) return null;
  const daysInMonth = new Date(Date.UTC(2000, p.month + 1, 0)).getUTCDate();
  const leapFeb = p.month === 1 && p.day === 29;
  const isLeap = (p.year % 4 === 0 && p.year % 100 !== 0) || p.year % 400 === 0;
  if (p.day < 1 || p.day > daysInMonth || (leapFeb && !isLeap)) return null;
  if (p.hour > 23 || p.minute > 59 || p.second > 60) return null;
  // Real zones run from -12:00 to +14:00; "+25:00" is a broken date, not a far-off place.
  if (!(Math.abs(p.offsetMinutes) <= 14 * 60)) return null;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  date.setUTCFullYear(p.year, p.month, p.day);
  // A leap second (:60) is read as :59.
  date.setUTCHours(p.hour, p.minute, Math.min(p.second, 59), p.millisecond);
  return new Date(date.getTime() - p.offsetMinutes * 60_000);
}

function num(text: string | undefined): number {
  return text === undefined ? 0 : Number(text);
}

/** Parses the date formats feeds use (RFC 822 family, ISO 8601, US order); anything else is null. */
export function parseFeedDate(text: string | undefined): Date | null {
  if (text === undefined) return null;
  // RFC 822 allows a trailing comment, e.g. "+0000 (UTC)".
  const value = text.trim().replace(/\s*\([^()]*\)$/, '');
  if (value === '' || value.length > MAX_DATE_CHARS) return null;

  const iso = ISO.exec(value);
  if (iso) {
    return build({
      year: num(iso[1]), month: num(iso[2]) - 1, day: num(iso[3]),
      hour: num(iso[4]), minute: num(iso[5]), second: num(iso[6]),
      millisecond: iso[7] ? Number(iso[7].padEnd(3, '0').slice(0, 3)) : 0,
      offsetMinutes: zoneOffset(iso[8]),
    });
  }
  const rfc = RFC822.exec(value);
  if (rfc) {
    return build({
      year: fullYear(rfc[3] ?? ''), month: monthIndex(rfc[2] ?? ''), day: num(rfc[1]),
      hour: num(rfc[4]), minute: num(rfc[5]), second: num(rfc[6]), millisecond: 0,
      offsetMinutes: zoneOffset(rfc[7]),
    });
  }
  const us = US.exec(value);
  if (us) {
    let hour = num(us[4]);
    const meridiem = us[7]?.toLowerCase();
    if (meridiem !== undefined) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
    }
    return build({
      year: num(us[3]), month: monthIndex(us[1] ?? ''), day: num(us[2]),
      hour, minute: num(us[5]), second: num(us[6]), millisecond: 0,
      offsetMinutes: zoneOffset(us[8]),
    });
  }
  return null;
}

/**
 * The item's publication time as UTC ISO 8601: the published date, else the updated one; a missing,
 * unparsable or placeholder (before 1990) date gives the fetch time, and a future date is clamped
 * to it, so a feed cannot pin an item to the top of the digest.
 */
export function resolvePublishedAt(published: string | undefined, updated: string | undefined, fetchedAt: Date): string {
  for (const text of [published, updated]) {
    const date = parseFeedDate(text);
    if (date === null || date.getTime() < EARLIEST_PLAUSIBLE) continue;
    return (date.getTime() > fetchedAt.getTime() ? fetchedAt : date).toISOString();
  }
  return fetchedAt.toISOString();
}
