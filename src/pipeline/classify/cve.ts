/**
 * CVE ids named in a text, as an editor would list them: upper case, first mention first, no repeats.
 *
 * The id syntax (cve.org, "CVE ID syntax change", 2014): `CVE-YYYY-NNNN` with four digits (leading
 * zeros allowed) or more than four without a leading zero. Years before 1999 do not exist; ids of
 * more than 7 digits have never been assigned, and are treated as typos rather than guessed at.
 *
 * Also understood, because advisories and news write them that way:
 * - lists with the year left out: "CVE-2025-1111, CVE-2025-1112 and -1113", "CVE-2025-1111/-1112"
 * - ranges: "CVE-2025-1000 through CVE-2025-1003", "… to -1003", "CVE-2025-1000–CVE-2025-1003",
 *   expanded only when they hold at most MAX_RANGE ids (a wider range keeps its two ends).
 */
import { matchesOf } from './matches.js';

export const MAX_RANGE = 20;

const DASH = '[-\\u2010-\\u2014]';
const NUMBER = '(?:\\d{4}|[1-9]\\d{4,6})(?!\\d)';
const ID = `CVE${DASH}(\\d{4})${DASH}(${NUMBER})`;
const FULL_ID = new RegExp(`(?<![\\p{L}\\p{N}])${ID}`, 'giu');
/** What may follow an id: another id, a short form "-1113", as a list item or a range end. */
const NEXT = new RegExp(
  `^(\\s*(?:,\\s*(?:and\\s+|or\\s+|&\\s*)?|\\s(?:and|or|&)\\s+|\\/\\s*)|\\s*(?:through|thru|to)\\s+|\\s*[\\u2013\\u2014]\\s*|-(?=CVE))` +
    `(?:${ID}|-(${NUMBER}))`,
  'iu',
);

const MIN_YEAR = 1999;

function id(year: string, number: string): string | undefined {
  return Number(year) >= MIN_YEAR ? `CVE-${year}-${number}` : undefined;
}

function isRange(separator: string): boolean {
  return /through|thru|\bto\b|[\u2013\u2014]|^-$/i.test(separator.trim()) || separator === '-';
}

export function extractCves(text: string): string[] {
  const found = new Set<string>();
  const add = (cve: string | undefined) => {
    if (cve !== undefined) found.add(cve);
  };
  for (const match of matchesOf(FULL_ID, text)) {
    let year = match[1]!;
    let number = match[2]!;
    add(id(year, number));
    let rest = text.slice(match.index + match[0].length);
    for (let next = NEXT.exec(rest); next !== null; next = NEXT.exec(rest)) {
      const [whole, separator = '', nextYear, nextNumber, shortNumber] = next;
      const endYear = nextYear ?? year;
      const endNumber = nextNumber ?? shortNumber!;
      if (isRange(separator) && endYear === year && Number(endNumber) > Number(number) && Number(endNumber) - Number(number) < MAX_RANGE) {
        const width = number.length;
        for (let n = Number(number) + 1; n < Number(endNumber); n++) add(id(year, String(n).padStart(width, '0')));
      }
      add(id(endYear, endNumber));
      year = endYear;
      number = endNumber;
      rest = rest.slice(whole.length);
      // A full id found here is read again by the outer loop, harmlessly (the set keeps one).
    }
  }
  return [...found];
}
