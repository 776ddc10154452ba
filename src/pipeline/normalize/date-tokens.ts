import { zoneOffset } from './date-zones.js';

/** A calendar date and time as written, before validation (`month` is 0–11). */
export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offsetMinutes: number;
}

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december',
];
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** `Jun`, `June`, `jun.` and `Sept` → 5 / 8: any prefix of three letters or more; else (`Junk`, `Ju`) -1. */
export function monthIndex(word: string): number {
  const lower = word.toLowerCase().replace(/\.$/, '');
  if (lower.length < 3) return -1;
  return MONTHS.findIndex((name) => name.startsWith(lower));
}

/** `Tue`, `Tues`, `Tuesday`, `Thurs.`: a weekday name, which carries nothing we need. */
function isDayName(word: string): boolean {
  const lower = word.toLowerCase().replace(/\.$/, '');
  return lower.length >= 3 && DAYS.some((name) => name.startsWith(lower));
}

/** RFC 2822 §4.3: two-digit years 00–49 are 20xx, 50–99 are 19xx; three digits add 1900. */
export function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  if (text.length === 3) return 1900 + year;
  return year;
}

/** `04:00`, `4:00:00`, `04:00:00.123`, with a zone or AM/PM glued on (`00:00:00-0500`, `4:05PM`). */
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(.*)$/;
const RFC850_DATE = /^(\d{1,2})-([A-Za-z]{3,9})-(\d{2,4})$/;
const SLASH_DATE = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;

/** Where the date itself sits in the tokens, and which tokens are left for the time and zone. */
interface Layout {
  year: string;
  month: number;
  day: string;
  rest: string[];
}

/**
 * The order of day, month and year: RFC 822 (`10 Jun 2025`), US and JavaScript `toString`
 * (`Jun 10 2025`, `Jul 14, 2025`), asctime (`Jun 10 04:00:00 [zone] 2025`) and Perforce
 * (`2006/09/15`). Undefined when the tokens fit none of them.
 */
function layoutOf(tokens: string[]): Layout | undefined {
  const [a = '', b = '', c = ''] = tokens;
  const isDay = (t: string) => /^\d{1,2}$/.test(t);
  // An unknown month name gives -1 here, which the caller's range check refuses.
  if (isDay(a)) return { day: a, month: monthIndex(b), year: c, rest: tokens.slice(3) };
  const slash = SLASH_DATE.exec(a);
  if (slash) return { year: slash[1] ?? '', month: Number(slash[2]) - 1, day: slash[3] ?? '', rest: tokens.slice(1) };
  if (!isDay(b)) return undefined;
  if (!c.includes(':')) return { day: b, month: monthIndex(a), year: c, rest: tokens.slice(3) };
  // asctime: the year comes last, after the time and an optional zone.
  const after = tokens.slice(3);
  return { day: b, month: monthIndex(a), year: after.pop() ?? '', rest: [c, ...after] };
}

/** Splits the input into words; commas are separators ("Fri,24 Nov", "Mon, 13 Feb, 2012"). */
function tokenize(value: string): string[] {
  const tokens = value.split(/[\s,]/).filter((t) => t !== '');
  if (isDayName(tokens[0] ?? '')) tokens.shift();
  // RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) writes the date as one word.
  const rfc850 = RFC850_DATE.exec(tokens[0] ?? '');
  if (rfc850) tokens.splice(0, 1, rfc850[1] ?? '', rfc850[2] ?? '', rfc850[3] ?? '');
  return tokens;
}

/**
 * The textual date forms of feeds: RFC 822/1123/2822 (with every zone form of date-zones.ts),
 * RFC 850, asctime, US order with AM/PM, JavaScript's `Date.toString` and Perforce's
 * `2006/09/15 08:19:53`. Null when the text is none of them; ranges are checked by the caller.
 */
export function parseTextualDate(value: string): DateParts | null {
  const layout = layoutOf(tokenize(value));
  if (!layout || !/^\d{2,4}$/.test(layout.year)) return null;
  const rest = [...layout.rest];
  let hour = 0;
  let minute = 0;
  let second = 0;
  let millisecond = 0;
  let zone: string | undefined;
  let meridiem: string | undefined;
  const time = TIME.exec(rest[0] ?? '');
  if (time) {
    rest.shift();
    hour = Number(time[1]);
    minute = Number(time[2]);
    second = time[3] === undefined ? 0 : Number(time[3]);
    millisecond = time[4] ? Number(time[4].padEnd(3, '0').slice(0, 3)) : 0;
    const glued = time[5] ?? '';
    if (/^[ap]m$/i.test(glued)) meridiem = glued;
    else if (glued !== '') zone = glued;
    if (meridiem === undefined && /^[ap]m$/i.test(rest[0] ?? '')) meridiem = rest.shift();
  }
  if (zone === undefined) zone = rest.shift();
  if (rest.length > 0) return null;
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
  }
  const offsetMinutes = zoneOffset(zone);
  if (offsetMinutes === null) return null;
  return { year: fullYear(layout.year), month: layout.month, day: Number(layout.day), hour, minute, second, millisecond, offsetMinutes };
}
