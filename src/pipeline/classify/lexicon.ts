/**
 * Keyword matching over word tokens: the same matches as the keyword pattern of keywords.ts
 * (`(?<![\p{L}\p{N}])(?:(k1)|(k2)|…)(?![\p{L}\p{N}])` with flags `giu`), found with map look-ups
 * instead of trying every alternative at every word. Profiling a cold collect showed the big
 * alternations with a Unicode look-behind as the classifier's largest cost.
 *
 * Why it is the same: when every keyword is ASCII letters and digits separated by spaces or
 * hyphens, a match starts at the start of a maximal run of letters and digits (the look-behind),
 * each keyword word covers one whole run (the next character is a separator or, by the
 * look-ahead, not a letter or digit; a `*` ending eats the rest of the run), and the runs are
 * separated only by `[\s\u2010-\u2013-]`. Case-insensitive Unicode matching folds only A–Z, U+017F
 * (ſ → s) and U+212A (K → k) onto ASCII letters, which is what `fold` does. At each run the
 * first keyword in pattern order that matches wins, and the scan resumes after the match, as
 * `matchAll` does. Sets with any other keyword keep the pattern.
 */
import { boundedMemo } from './memo.js';

/** Keyword words as keywords.ts splits them; `prefix`: the last word may be followed by any letters. */
export interface KeywordParts {
  parts: string[];
  prefix: boolean;
}

export interface Lexicon {
  keywords: readonly KeywordParts[];
  /** First word → keywords (indices, ascending) whose first word must equal a token. */
  exact: Map<string, number[]>;
  /** First HEAD letters → one-word prefix keywords (`exploit*`) with at least HEAD letters. */
  byHead: Map<number, number[]>;
  /** One-word prefix keywords shorter than HEAD, tried at every token. */
  short: number[];
  /** `exact` and `byHead` by the ids of their keys in the registry below (array reads instead of map look-ups). */
  exactById: (number[] | undefined)[];
  byHeadId: (number[] | undefined)[];
}

/**
 * Ids for the first words and heads of every lexicon compiled, shared by all of them, so a text's
 * tokens are looked up once (tokenize) rather than once per lexicon: the classifier scans each text
 * with a dozen topics' lexicons, and their map look-ups at every token were its largest cost. Grows
 * only with the keyword vocabulary of the taxonomies compiled (a few hundred words).
 */
const FIRST_WORD_IDS = new Map<string, number>();
const HEAD_IDS = new Map<number, number>();

function idOf<K>(ids: Map<K, number>, key: K): number {
  let id = ids.get(key);
  if (id === undefined) ids.set(key, (id = ids.size));
  return id;
}

function byId<K>(map: ReadonlyMap<K, number[]>, ids: Map<K, number>): (number[] | undefined)[] {
  const out: (number[] | undefined)[] = [];
  for (const [key, list] of map) out[idOf(ids, key)] = list;
  return out;
}

const HEAD = 3;
const PLAIN = /^[a-z0-9]+$/;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const SEPARATORS = /^[\s\u2010-\u2013-]+$/u;

/** The lexicon of keywords in pattern order, or undefined when one of them needs the pattern. */
export function compileLexicon(keywords: readonly KeywordParts[]): Lexicon | undefined {
  if (!keywords.every(({ parts }) => parts.every((part) => PLAIN.test(part)))) return undefined;
  const lexicon: Lexicon = { keywords, exact: new Map(), byHead: new Map(), short: [], exactById: [], byHeadId: [] };
  const add = <K>(map: Map<K, number[]>, key: K, index: number) => {
    const list = map.get(key);
    if (list) list.push(index);
    else map.set(key, [index]);
  };
  keywords.forEach(({ parts, prefix }, index) => {
    const first = parts[0]!;
    if (parts.length > 1 || !prefix) add(lexicon.exact, first, index);
    else if (first.length >= HEAD) add(lexicon.byHead, headKey(first), index);
    else lexicon.short.push(index);
  });
  lexicon.exactById = byId(lexicon.exact, FIRST_WORD_IDS);
  lexicon.byHeadId = byId(lexicon.byHead, HEAD_IDS);
  return lexicon;
}

/** A text's maximal runs of letters and digits, folded, with where each starts and ends. */
export interface Tokens {
  folded: string[];
  /** The first HEAD characters of each folded token as one number (headKey), -1 when shorter. */
  heads: number[];
  starts: number[];
  ends: number[];
  /** Whether only separators (spaces, hyphens, dashes) stand between token i and token i + 1. */
  joined: boolean[];
  /** Each token's id in FIRST_WORD_IDS and its head's in HEAD_IDS (-1: none), as of `registrySize`. */
  wordIds: number[];
  headIds: number[];
  /** Tokens where some lexicon's keyword may start (either id known), in order. */
  candidates: number[];
  registrySize: number;
}

/**
 * The first HEAD characters as one small integer, or -1 when shorter or not all ASCII: keyword
 * heads are always ASCII (compileLexicon), so a token whose head is not can start no prefix
 * keyword. Small enough to stay an unboxed integer (a wider key was boxed at every look-up).
 */
function headKey(word: string): number {
  if (word.length < HEAD) return -1;
  const a = word.charCodeAt(0);
  const b = word.charCodeAt(1);
  const c = word.charCodeAt(2);
  return a < 128 && b < 128 && c < 128 ? (a << 14) | (b << 7) | c : -1;
}

function fold(word: string): string {
  const lower = word.toLowerCase();
  return lower.includes('ſ') ? lower.replaceAll('ſ', 's') : lower;
}

/** Whether the code unit at `i` starts a letter or digit (`[\p{L}\p{N}]`); ASCII without a regex. */
function isWordChar(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;
  const point = text.codePointAt(i)!;
  const width = point > 0xffff ? 2 : 1;
  return WORD_CHAR.test(text.slice(i, i + width)) ? width : 0;
}

/**
 * Whether `text` from `from` to `to` (not empty) is all SEPARATORS: ASCII decided by code (space,
 * tab…CR, hyphen; any other ASCII character is not one), the rest by the pattern. Most gaps are
 * ", " or ". ", which the pattern took a sliced string and a Unicode match to refuse.
 */
function onlySeparators(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 45 || (c >= 9 && c <= 13)) continue;
    if (c < 128) return false;
    return SEPARATORS.test(text.slice(from, to));
  }
  return true;
}

/** A text's tokens, with their ids as of now (withIds reads them again if the registry grows). */
export function tokenize(text: string): Tokens {
  const tokens: Tokens = { folded: [], heads: [], starts: [], ends: [], joined: [], wordIds: [], headIds: [], candidates: [], registrySize: -1 };
  let i = 0;
  while (i < text.length) {
    let width = isWordChar(text, i);
    if (width === 0) {
      i++;
      continue;
    }
    const start = i;
    while (width > 0) {
      i += width;
      width = i < text.length ? isWordChar(text, i) : 0;
    }
    const folded = fold(text.slice(start, i));
    const previous = tokens.ends.length - 1;
    if (previous >= 0) {
      const gapStart = tokens.ends[previous]!;
      tokens.joined.push(onlySeparators(text, gapStart, start));
    }
    const head = headKey(folded);
    // The ids as of now, in the same pass (a lexicon compiled later makes withIds read them again).
    const wordId = FIRST_WORD_IDS.get(folded) ?? -1;
    const headId = head >= 0 ? (HEAD_IDS.get(head) ?? -1) : -1;
    if (wordId >= 0 || headId >= 0) tokens.candidates.push(tokens.folded.length);
    tokens.folded.push(folded);
    tokens.heads.push(head);
    tokens.starts.push(start);
    tokens.ends.push(i);
    tokens.wordIds.push(wordId);
    tokens.headIds.push(headId);
  }
  tokens.joined.push(false);
  tokens.registrySize = FIRST_WORD_IDS.size + HEAD_IDS.size;
  return tokens;
}

/**
 * Tokens of a few recent texts, for callers that scan a string with several lexicons in turn (the
 * cache is dropped whole when full). The classifier does not use it: keywords.ts tokenizes each
 * text once an item and passes the tokens to every topic's scan.
 */
export const tokensOf = boundedMemo(8, tokenize);

/** The last token of keyword `index` matched from token `at`, or -1. */
function matchAt(lexicon: Lexicon, index: number, tokens: Tokens, at: number): number {
  const { parts, prefix } = lexicon.keywords[index]!;
  const last = at + parts.length - 1;
  if (last >= tokens.folded.length) return -1;
  for (let i = 0; i < parts.length; i++) {
    const token = tokens.folded[at + i]!;
    if (i > 0 && !tokens.joined[at + i - 1]) return -1;
    const ok = prefix && i === parts.length - 1 ? token.startsWith(parts[i]!) : token === parts[i];
    if (!ok) return -1;
  }
  return last;
}

/** Among `list` (ascending), the first keyword below `best` that matches from token `at`: [index, last token]. */
function firstMatch(lexicon: Lexicon, list: readonly number[] | undefined, tokens: Tokens, at: number, best: number, into: number[]): void {
  if (list === undefined) return;
  for (const index of list) {
    if (index >= best) return;
    const last = matchAt(lexicon, index, tokens, at);
    if (last >= 0) {
      into[0] = index;
      into[1] = last;
      return;
    }
  }
}

/** (Re)reads a text's token ids when lexicons compiled since added words to the registry. */
function withIds(tokens: Tokens): Tokens {
  const size = FIRST_WORD_IDS.size + HEAD_IDS.size;
  if (tokens.registrySize === size) return tokens;
  tokens.wordIds.length = 0;
  tokens.headIds.length = 0;
  tokens.candidates.length = 0;
  for (let i = 0; i < tokens.folded.length; i++) {
    const word = FIRST_WORD_IDS.get(tokens.folded[i]!) ?? -1;
    const head = tokens.heads[i]! >= 0 ? (HEAD_IDS.get(tokens.heads[i]!) ?? -1) : -1;
    tokens.wordIds.push(word);
    tokens.headIds.push(head);
    if (word >= 0 || head >= 0) tokens.candidates.push(i);
  }
  tokens.registrySize = size;
  return tokens;
}

/** firstMatch's answer, [keyword index, last token]: one array reused (read before `found` is called). */
const BEST = [Infinity, -1];

/**
 * Calls `found(keyword index, start, end)` for each match, in text order, as `matchAll` would.
 * `text` may be given as its tokens (tokenize), when many lexicons scan it.
 */
export function scanLexicon(lexicon: Lexicon, text: string | Tokens, found: (index: number, start: number, end: number) => void): void {
  const tokens = withIds(typeof text === 'string' ? tokensOf(text) : text);
  const count = tokens.folded.length;
  const best = BEST;
  // Without short prefix keywords (tried everywhere), a keyword can start only at a candidate token:
  // the others are skipped, as the scan below would skip them one by one.
  const everywhere = lexicon.short.length > 0;
  const positions = tokens.candidates;
  let next = 0;
  let at = 0;
  for (;;) {
    if (!everywhere) {
      while (next < positions.length && positions[next]! < at) next++;
      if (next === positions.length) return;
      at = positions[next]!;
    } else if (at >= count) return;
    best[0] = Infinity;
    best[1] = -1;
    const word = tokens.wordIds[at]!;
    if (word >= 0) firstMatch(lexicon, lexicon.exactById[word], tokens, at, best[0], best);
    const head = tokens.headIds[at]!;
    if (head >= 0) firstMatch(lexicon, lexicon.byHeadId[head], tokens, at, best[0], best);
    if (everywhere) firstMatch(lexicon, lexicon.short, tokens, at, best[0], best);
    const last = best[1]!;
    if (last >= 0) {
      found(best[0]!, tokens.starts[at]!, tokens.ends[last]!);
      at = last + 1;
    } else at++;
  }
}
