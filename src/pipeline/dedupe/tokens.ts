import { stem } from './stem.js';

/** What a token is, which decides how much a shared one counts (see features.ts). */
export type TokenKind = 'word' | 'number' | 'year' | 'cve';

export interface Token {
  /** Lowercased, stemmed word; a number in plain digits (`2300000`); a CVE id in upper case. */
  text: string;
  kind: TokenKind;
  /** Capitalized where a sentence does not start, or an acronym: a name, most likely. */
  capitalized: boolean;
  /** An acronym ("SIEM") or a word with an inner capital ("CrowdStrike"): a name in any headline style. */
  distinctive: boolean;
  /** All capitals, two to six letters ("SIEM", "FBI"). */
  acronym: boolean;
  /** Written with a capital first letter, wherever it stands. */
  upper: boolean;
  /** Starts a sentence (or the text): its capital letter says nothing about it being a name. */
  sentenceStart: boolean;
}

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
  'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const NUMBER_WORDS = new Map<string, number>([
  // "one" is left alone: "one of the", "one-time" would turn into noise.
  ...UNITS.slice(2).map((w, i): [string, number] => [w, i + 2]),
  ...TENS.slice(2).map((w, i): [string, number] => [w, (i + 2) * 10]),
]);

const MAGNITUDES: Record<string, number> = {
  thousand: 1e3, k: 1e3, million: 1e6, mn: 1e6, m: 1e6, mln: 1e6, billion: 1e9, bn: 1e9, b: 1e9,
};

/**
 * Spellings of one number made equal: "$2.3M", "2.3 million" and "2,300,000" all become
 * `2300000`; "twenty-three" and "Twenty three" become `23`. Outlets retelling a story agree on
 * its numbers far more often than on its words.
 */
function normalizeNumbers(text: string): string {
  return text
    .replace(/\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](two|three|four|five|six|seven|eight|nine|one)\b/gi,
      (_, tens: string, unit: string) => String(NUMBER_WORDS.get(tens.toLowerCase())! + (unit.toLowerCase() === 'one' ? 1 : NUMBER_WORDS.get(unit.toLowerCase())!)))
    .replace(/(\d{1,3}(?:,\d{3})+)(?![\d,])/g, (m) => m.replace(/,/g, ''))
    .replace(/(\d+(?:\.\d+)?)\s?(thousand|million|billion|mln|mn|bn|[kmb])\b/gi, (_, n: string, unit: string) => {
      const value = Number(n) * MAGNITUDES[unit.toLowerCase()]!;
      return Number.isFinite(value) ? String(Math.round(value)) : n;
    });
}

// A word (letters, digits, inner apostrophes), a decimal number, or a CVE id.
const TOKEN = /CVE-\d{4}-\d{4,7}|\d+(?:\.\d+)+|[\p{L}\p{N}]+(?:['’][\p{L}]+)?/giu;
/** Punctuation after which a capital letter only starts a sentence (or a headline's second half). */
const SENTENCE_BREAK = /[.!?:;|\u2014\u2013]|--/;

/** Splits plain text into comparable tokens; stopwords are kept (features.ts drops them). */
export function tokenize(text: string): Token[] {
  // Accents dropped: "Jerí" and "Jeri", "José" and "Jose" are one name in two outlets' spelling.
  // "U.S.", "U.N.", "E.U." are the acronyms "US", "UN", "EU" written with dots.
  const normalized = normalizeNumbers(text.normalize('NFKD').replace(/\p{M}+/gu, '').normalize('NFC'))
    .replace(/\b(?:\p{Lu}\.){2,}/gu, (m) => m.replace(/\./g, ''));
  const tokens: Token[] = [];
  let end = 0;
  for (const match of normalized.matchAll(TOKEN)) {
    const raw = match[0];
    const gap = normalized.slice(end, match.index);
    const token = toToken(raw, end === 0 || SENTENCE_BREAK.test(gap));
    end = match.index + raw.length;
    if (token) tokens.push(token);
  }
  return tokens;
}

function toToken(raw: string, sentenceStart: boolean): Token | undefined {
  if (/^CVE-/i.test(raw)) return { text: raw.toUpperCase(), kind: 'cve', capitalized: true, distinctive: true, acronym: false, upper: true, sentenceStart };
  if (/^\d+(?:\.\d+)*$/.test(raw)) {
    const year = /^(?:19|20)\d\d$/.test(raw);
    return { text: raw, kind: year ? 'year' : 'number', capitalized: false, distinctive: false, acronym: false, upper: false, sentenceStart };
  }
  const bare = raw.replace(/['’]s$/i, '').replace(/['’]/g, '');
  const lower = bare.toLowerCase();
  const asNumber = NUMBER_WORDS.get(lower);
  if (asNumber !== undefined) return { text: String(asNumber), kind: 'number', capitalized: false, distinctive: false, acronym: false, upper: false, sentenceStart };
  if (lower.length < 2 && !/\d/.test(lower)) return undefined;
  const first = bare.charAt(0);
  const acronym = bare.length >= 2 && bare.length <= 6 && bare === bare.toUpperCase() && /\p{Lu}/u.test(bare);
  const camel = /^\p{L}\p{Ll}+\p{Lu}/u.test(bare);
  const capitalized = acronym || camel || (first !== first.toLowerCase() && !sentenceStart);
  return { text: stem(lower), kind: 'word', capitalized, distinctive: acronym || camel, acronym, upper: first !== first.toLowerCase(), sentenceStart };
}
