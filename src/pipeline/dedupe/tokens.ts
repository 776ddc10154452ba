import { stem } from './stem.js';

/** What a token is, which decides how much a shared one counts (see features.ts). */
export type TokenKind = 'word' | 'number' | 'year' | 'cve';

/** Read-only: one Token object stands for every occurrence of its spelling (TOKEN_CACHE_LIMIT). */
export interface Token {
  /** Lowercased, stemmed word; a number in plain digits (`2300000`); a CVE id in upper case. */
  readonly text: string;
  readonly kind: TokenKind;
  /** Capitalized where a sentence does not start, or an acronym: a name, most likely. */
  readonly capitalized: boolean;
  /** An acronym ("SIEM") or a word with an inner capital ("CrowdStrike"): a name in any headline style. */
  readonly distinctive: boolean;
  /** All capitals, two to six letters ("SIEM", "FBI"). */
  readonly acronym: boolean;
  /** Written with a capital first letter, wherever it stands. */
  readonly upper: boolean;
  /** Starts a sentence (or the text): its capital letter says nothing about it being a name. */
  readonly sentenceStart: boolean;
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
const NON_ASCII = /[\u0080-\uffff]/;

/** Whether text[from, to) holds a sentence break: `[.!?:;|\u2014\u2013]` or `--`, without a slice and a regex per token. */
function hasSentenceBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    switch (text.charCodeAt(i)) {
      case 0x2e: case 0x21: case 0x3f: case 0x3a: case 0x3b: case 0x7c: case 0x2014: case 0x2013:
        return true;
      case 0x2d:
        if (i + 1 < to && text.charCodeAt(i + 1) === 0x2d) return true;
    }
  }
  return false;
}

/**
 * Accents dropped: "Jerí" and "Jeri", "José" and "Jose" are one name in two outlets' spelling.
 * ASCII text has no accents, and both normalizations leave it as it is: skipped, they were a
 * tenth of tokenizing.
 */
function withoutAccents(text: string): string {
  return NON_ASCII.test(text) ? text.normalize('NFKD').replace(/\p{M}+/gu, '').normalize('NFC') : text;
}

/** Splits plain text into comparable tokens; stopwords are kept (features.ts drops them). */
export function tokenize(text: string): Token[] {
  // "U.S.", "U.N.", "E.U." are the acronyms "US", "UN", "EU" written with dots.
  const normalized = normalizeNumbers(withoutAccents(text)).replace(/\b(?:\p{Lu}\.){2,}/gu, (m) => m.replace(/\./g, ''));
  const tokens: Token[] = [];
  let end = 0;
  for (const match of normalized.matchAll(TOKEN)) {
    const raw = match[0];
    const token = cachedToken(raw, end === 0 || hasSentenceBreak(normalized, end, match.index));
    end = match.index + raw.length;
    if (token) tokens.push(token);
  }
  return tokens;
}

/**
 * Tokens by spelling, one map per sentence-start flag: news vocabulary repeats, and a story's
 * members are featurized again whenever FeatureCache has dropped them; a look-up costs a tenth of
 * toToken. Dropped whole when full (cheaper than keeping an LRU order); `null` is a spelling that
 * makes no token.
 */
export const TOKEN_CACHE_LIMIT = 50_000;
const tokenCache = [new Map<string, Token | null>(), new Map<string, Token | null>()] as const;

function cachedToken(raw: string, sentenceStart: boolean): Token | undefined {
  const cache = tokenCache[sentenceStart ? 1 : 0];
  let token = cache.get(raw);
  if (token === undefined) {
    if (cache.size >= TOKEN_CACHE_LIMIT) cache.clear();
    token = toToken(raw, sentenceStart) ?? null;
    cache.set(raw, token);
  }
  return token ?? undefined;
}

/** Entries in the token cache, for tests. */
export function tokenCacheSize(): number {
  return tokenCache[0].size + tokenCache[1].size;
}

export function toToken(raw: string, sentenceStart: boolean): Token | undefined {
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
