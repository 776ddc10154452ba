/**
 * Figures a story reports (issue 18): how many people or records were hit, how much money, how many
 * hospitals or schools. Read by the ranking (people and records affected, as a severity signal) and
 * by the lead story's key facts. Plain regular expressions over plain text: no model, no network.
 */

export interface Figure {
  /** As written, whitespace collapsed: "2.3 million customers", "$31M", "740,000 records". */
  text: string;
  /** The number it stands for: 2_300_000, 31_000_000, 740_000. */
  value: number;
  /** What is counted, singular and lower case ("customer", "record"); `money` for an amount. */
  unit: string;
  /** A headcount that tells an organisation's size ("a firm with 1,100 employees"), not who was hit. */
  headcount?: true;
}

/** Nouns that count people or their records: the "people affected" severity signal reads these. */
const AFFECTED_UNITS: ReadonlySet<string> = new Set(
  'people person customer patient record user account student employee individual member client resident citizen voter child consumer policyholder subscriber'.split(' '),
);

/** Other counted things worth a key fact ("14 hospitals"), not people. */
const OTHER_UNITS = 'hospital school organi[sz]ation compan(?:y|ie) victim device server site router system endpoint government agenc(?:y|ie) bank'.split(' ');

const pattern = (noun: string): string => (noun === 'people' ? noun : noun === 'child' ? 'child(?:ren)?' : `${noun}s?`);
const UNIT_NOUN = [...AFFECTED_UNITS, ...OTHER_UNITS].map(pattern).join('|');

// A number not glued to a CVE id, a version or a word ("CVE-2024-1234", "v2", "x86").
const NUMBER = String.raw`(?<![\w.,$€£-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)`;
const SCALE = String.raw`(?:\s*(million|billion|thousand|bn|[mbk])\b)?`;
// Up to three lower-case describing words between the number and the noun ("current and former",
// "affected", "U.S."), but never a preposition: "2 of its patients" counts nothing.
const GAP = String.raw`(?:\+?\s+(?:(?!of\b|in\b|on\b|at\b|to\b|for\b|from\b|by\b|with\b|per\b|over\b)[a-z][a-z'’.-]*\s+){0,3}?)`;
// "40,000 patient records": a noun used as an adjective, then what is counted.
const COUNT = new RegExp(`${NUMBER}${SCALE}${GAP}(?:\\s*)(?:(?:${UNIT_NOUN})\\s+)?(${UNIT_NOUN}|records?|files?)\\b`, 'gi');
const MONEY = new RegExp(String.raw`(?<![\w])([$€£])\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(million|billion|thousand|bn|[mbk])\b)?`, 'gi');

const SCALES: Readonly<Record<string, number>> = { million: 1e6, m: 1e6, billion: 1e9, bn: 1e9, b: 1e9, thousand: 1e3, k: 1e3 };

function numberOf(digits: string, scale: string | undefined): number {
  const n = Number(digits.replace(/,/g, ''));
  return scale ? n * (SCALES[scale.toLowerCase()] ?? 1) : n;
}

function singular(noun: string): string {
  const n = noun.toLowerCase();
  if (n === 'people' || n === 'persons') return n === 'people' ? 'people' : 'person';
  if (n === 'children') return 'child';
  if (n.endsWith('ies')) return `${n.slice(0, -3)}y`;
  return n.endsWith('s') ? n.slice(0, -1) : n;
}

/** "a forwarder with about 1,100 employees", "companies with 200 to 5,000 employees": a size, not victims. */
const HEADCOUNT_BEFORE = /\bwith (?:about |around |roughly |some |nearly |almost |over |more than |fewer than |up to |\d[\d,]* (?:to|and) )?$/i;

/** A bare year ("in 2024 customers …") is not a count. */
const looksLikeYear = (digits: string, scale: string | undefined): boolean => !scale && /^(?:19|20)\d\d$/.test(digits);

/** Every figure in a text, in order of appearance (duplicates included: callers dedupe). */
export function findFigures(text: string): Figure[] {
  const found: { at: number; figure: Figure }[] = [];
  for (const m of text.matchAll(COUNT)) {
    const [all, digits, scale, noun] = m as unknown as [string, string, string | undefined, string];
    if (looksLikeYear(digits, scale)) continue;
    const figure: Figure = { text: all.replace(/\s+/g, ' ').trim(), value: numberOf(digits, scale), unit: singular(noun) };
    if (figure.unit === 'employee' && HEADCOUNT_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index))) figure.headcount = true;
    found.push({ at: m.index, figure });
  }
  for (const m of text.matchAll(MONEY)) {
    const [all, , digits, scale] = m as unknown as [string, string, string, string | undefined];
    found.push({ at: m.index, figure: { text: all.replace(/\s+/g, ' ').trim(), value: numberOf(digits, scale), unit: 'money' } });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.figure);
}

/** Whether a figure counts people or their records (customers, patients, accounts …) hit, not a headcount. */
export function isAffectedCount(figure: Figure): boolean {
  return AFFECTED_UNITS.has(figure.unit) && figure.headcount !== true;
}
