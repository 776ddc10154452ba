import { STOPWORDS } from '../pipeline/classify/stopwords.js';

/**
 * Plain text and sentences of a story's texts, for blurbs, key facts and severity signals. A
 * regular-expression splitter rather than natural's SentenceTokenizer: natural costs ~0.6 s and
 * prints to stdout on import (../shared/LIBRARIES.md), and a few rules cover news prose.
 */

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', ndash: '–', mdash: '—' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (all, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && code !== 0x3c && code !== 0x3e ? String.fromCodePoint(code) : ' ';
    }
    return ENTITIES[name.toLowerCase()] ?? all;
  });
}

function stripTags(s: string): string {
  return s
    .replace(/<(script|style|iframe|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<\/?[a-z!][^>]*>/gi, ' ');
}

/**
 * Feed text as plain text: tags (and script bodies) removed, entities decoded, Markdown links and
 * emphasis reduced to their words. Summaries are stored without HTML already; this is the second
 * line of defence, since a blurb is drafted from hostile input. Tags are stripped again after
 * decoding so "&lt;script&gt;" cannot come back as a tag. The result is still untrusted text:
 * renderers escape it.
 */
export function toPlainText(raw: string): string {
  return stripTags(decodeEntities(stripTags(raw)))
    // Markdown image (nothing to read) and link (its text); a destination may hold one level of parentheses.
    .replace(/!\[[^\]]*\]\((?:[^()]|\([^()]*\))*\)/g, ' ')
    .replace(/\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, '$1')
    .replace(/(\*\*|__|`+)/g, '')
    .replace(/[<>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A press-release dateline: a city in capitals, an optional region and date, then the wire's
 * marker and a dash: "WICHITA, Kan.--(BUSINESS WIRE)--", "DENVER, Nov. 24, 2026 /PRNewswire/ --",
 * "BOSTON, Nov. 18, 2026 (GLOBE NEWSWIRE) --". Without a wire marker a date and a dash are needed
 * ("LONDON, Nov. 3, 2026 -- "), so an ordinary sentence that starts with a capitalised word stays.
 */
const MONTH = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?`;
const DATELINE_CITY = String.raw`\p{Lu}[\p{Lu}\p{M}.'’ -]{1,40}?`;
const DATELINE_REGION = String.raw`(?:,\s*\p{Lu}[\p{L}.'’]*(?:\s+\p{Lu}[\p{L}.'’]*){0,2}){0,2}`;
const DATELINE_DATE = String.raw`,?\s*(?:${MONTH}\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+${MONTH}\s+\d{4})`;
const WIRE_MARKER = String.raw`(?:\(\s*[\p{L} .-]*?(?:WIRE|[Ww]ire|PRWeb|Newsfile[\p{L} .-]*)\s*\)|/\s*[\p{L}-]*?(?:[Ww]ire|WIRE|PRWeb|CNW)\s*/)`;
const DASH = String.raw`(?:-{1,2}|[–—])`;
const DATELINE = new RegExp(
  String.raw`^${DATELINE_CITY}${DATELINE_REGION}(?:(?:${DATELINE_DATE})?\s*${DASH}?\s*${WIRE_MARKER}|${DATELINE_DATE})\s*${DASH}\s*(?=\S)`,
  'u',
);

/** The text without a press release's dateline, and whether it had one. */
export function stripDateline(text: string): { text: string; dateline: boolean } {
  const m = DATELINE.exec(text);
  return m ? { text: text.slice(m[0].length), dateline: true } : { text, dateline: false };
}

/**
 * Abbreviations that never end a sentence: they stand before what they qualify ("Dr. Lee", "No. 5",
 * "Nov. 24", "St. Louis", "vs. Acme"). Lower-cased.
 */
const ALWAYS_CONTINUE = new Set(
  'mr mrs ms dr prof st mt ft jr sr gen sen rep gov col lt capt sgt vs e.g i.e cf no nos approx dept fig vol ver jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '),
);
/**
 * US state abbreviations as datelines write them ("SAN JOSE, Calif.", "WICHITA, Kan."): capitalised
 * only, since several are words too ("ill", "mass", "wash"). Two-letter dotted ones ("N.C.") are acronyms.
 */
const STATES = new Set('Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont Neb Nebr Nev Okla Ore Pa Tenn Tex Vt Va Wash Wis Wyo'.split(' '));
/**
 * Abbreviations that may end a sentence ("… sold to Acme Inc. The deal …", "… in the U.S. It …"):
 * a boundary only when a word that starts sentences follows, never before a name that continues
 * the clause ("Acme Inc. (NASDAQ: ACME)", "U.S. Treasury", "Acme Corp. Chief Executive …").
 */
const MAY_END = new Set('inc ltd corp co llc plc bros etc'.split(' '));
/** Capitalised words that start a new sentence after an abbreviation that may end one. */
const SENTENCE_STARTERS = new Set([...STOPWORDS, 'however', 'according', 'meanwhile', 'researchers', 'attackers', 'officials']);

/**
 * Splits plain text into sentences at . ! ? (and …) followed by space and a capital, digit or
 * quote; a lower-case word after a period never starts a sentence. Not a boundary: an abbreviation
 * ("Nov.", "Calif.", "No."), an initial ("J. Smith"), a dot inside a token ("v2.1", "example.com"),
 * or "Inc." and dotted acronyms ("U.S.", "N.C.") unless a sentence-starting word ("The", "It") follows.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  const boundary = /[.!?…]+["'”’)\]]*\s+(?=["“‘'([]?[\p{Lu}\d])/gu;
  let start = 0;
  for (const m of text.matchAll(boundary)) {
    const end = m.index + m[0].trimEnd().length;
    const lastWord = /(\S+)$/.exec(text.slice(start, m.index + 1))?.[1] ?? '';
    const nextWord = /^["“‘'([]?([\p{L}\d]+)/u.exec(text.slice(m.index + m[0].length))?.[1] ?? '';
    if (!endsSentence(lastWord, nextWord)) continue;
    sentences.push(text.slice(start, end).trim());
    start = m.index + m[0].length;
  }
  sentences.push(text.slice(start).trim());
  return sentences.filter((s) => s !== '');
}

/** Whether a word ending in a period ends its sentence, given the word that follows. */
function endsSentence(wordWithDot: string, next: string): boolean {
  const kind = abbreviationKind(wordWithDot);
  if (kind === 'none') return true;
  if (kind === 'continues') return false;
  return /^\p{Lu}\p{Ll}*$/u.test(next) && SENTENCE_STARTERS.has(next.toLowerCase());
}

type AbbreviationKind = 'none' | 'continues' | 'may-end';

function abbreviationKind(wordWithDot: string): AbbreviationKind {
  if (!wordWithDot.endsWith('.')) return 'none';
  const word = wordWithDot.replace(/^["“‘'([]+/, '').slice(0, -1);
  if (/^\p{Lu}$/u.test(word)) return 'continues'; // an initial: "J. Smith"
  if (STATES.has(word) || ALWAYS_CONTINUE.has(word.toLowerCase())) return 'continues';
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return 'may-end'; // U.S, U.K, N.C
  return MAY_END.has(word.toLowerCase()) ? 'may-end' : 'none';
}

/** Whether a text ends in an abbreviation ("… services to U.S.", "… Components, Inc."). */
export function endsInAbbreviation(text: string): boolean {
  return abbreviationKind(/(\S+)$/.exec(text.trim())?.[1] ?? '') !== 'none';
}

/** Lower-case content words (letters or digits, 3+ characters, no stopwords), for overlap scores. */
export function contentWords(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  return new Set(words.map((w) => w.replace(/['’]s$/, '')).filter((w) => w.length >= 3 && !STOPWORDS.has(w)));
}

/** Share of `a`'s words that are also in `b` (0 when `a` is empty). */
export function coverage(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / a.size;
}
