import { boundedMemo } from './memo.js';
import { forumBody, senseFeatures, senseLexicon, shapeFeatures } from './sense.js';
import { STOPWORDS } from './stopwords.js';

/** How an item's text becomes model features. Stored with a trained model: loading must match. */
export interface FeatureOptions {
  /** Adjacent content-word pairs ("suppli_chain") as extra features. */
  bigrams: boolean;
  /** Title words again with a `t:` prefix: a headline word says more than a summary word. */
  titleFeatures: boolean;
  /**
   * A word with the preposition after it and the next content word (`hack>into>server`,
   * `hack>to>death`, `breach>of>contract`): what a verb or noun is *of*, where single words and
   * content-word pairs lose the preposition that tells the senses apart (issue 16).
   */
  phrases: boolean;
  /** Sense and shape features (sense.ts). */
  sense: boolean;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { bigrams: true, titleFeatures: true, phrases: true, sense: true };

/** Prepositions kept for phrase features: the ones that carry a verb's object or direction. */
export const PREPOSITIONS: readonly string[] = ['of', 'into', 'to', 'on', 'against', 'by', 'with', 'at', 'for', 'in', 'from', 'after', 'off', 'over'];
const IS_PREPOSITION = new Set(PREPOSITIONS);

/** Content words read per text: bounds the work (and the features) of a very long summary. */
const MAX_WORDS = 150;

/** Characters of the summary read at most: a feed's summary is capped at 600, a bad one is not. */
const MAX_TEXT_CHARS = 4000;
const CVE_ID = /\bcve[-\u2010-\u2013]\d{4}[-\u2010-\u2013]\d{4,7}\b/giu;
const MAY_NAME_CVE = /cve/i;
const STEM_CACHE_LIMIT = 50_000;

export type Stem = (word: string) => string;

/**
 * Wraps a stemmer with a cache: Porter stemming costs ~3.5 µs a word, a cache hit ~0.2 µs
 * (LIBRARIES.md), and news vocabulary repeats a lot. The cache is dropped whole when full.
 */
export function cachedStem(stem: Stem): Stem {
  return boundedMemo(STEM_CACHE_LIMIT, stem);
}

/**
 * Content words of a text (at most MAX_WORDS), lower-cased and stemmed, in order; a CVE id becomes
 * `cveid`. `surface` receives each stem's first word as written.
 */
export function contentWords(text: string, stem: Stem, surface?: Map<string, string>): string[] {
  const analysis = analyseText(text, stem);
  if (surface !== undefined) for (const [k, v] of analysis.surface) if (!surface.has(k)) surface.set(k, v);
  return analysis.words;
}

/** A text's words in order: content words stemmed, kept prepositions as written, others dropped (null). */
export interface Analysis {
  words: string[];
  /** Each stem's first word as written (built on first read: only tests need them all). */
  readonly surface: Map<string, string>;
  /** A stem's first word as written, or undefined: what evidence reads, for a few stems an item. */
  surfaceOf(stem: string): string | undefined;
  /** Content stems and prepositions in text order; other stopwords as null (a break between phrases). */
  stream: (string | null)[];
}

/**
 * Classifying one item reads its title and summary's words several times (features, then the
 * evidence of each head): analysed once. A few recent texts suffice; the cache is dropped whole
 * when full.
 */
const RECENT_LIMIT = 8;
const analysers = new WeakMap<Stem, (text: string) => Analysis>();

/** Kind of a code point: 1 a letter (`\p{L}`), 2 another number (`\p{N}`), 0 neither. Non-ASCII looked up once. */
const kinds = new Map<number, number>();
function kindOf(point: number): number {
  if (point < 128) return (point >= 97 && point <= 122) || (point >= 65 && point <= 90) ? 1 : point >= 48 && point <= 57 ? 2 : 0;
  let kind = kinds.get(point);
  if (kind === undefined) {
    const char = String.fromCodePoint(point);
    kind = /\p{L}/u.test(char) ? 1 : /\p{N}/u.test(char) ? 2 : 0;
    // Bounded by the code points ever seen.
    kinds.set(point, kind);
  }
  return kind;
}

/**
 * The matches of WORD (`[\p{L}\p{N}]+(?:['’][\p{L}]+)?`) in order, found with a loop over code
 * points instead of the regex: the same tokens (model.test.ts compares them), at a third of the
 * cost. `visit(token, sawAsciiDigit)`.
 */
function eachWord(text: string, visit: (word: string, sawDigit: boolean) => boolean): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let point = text.codePointAt(i)!;
    if (kindOf(point) === 0) {
      i += point > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    let sawDigit = false;
    while (i < n) {
      point = text.codePointAt(i)!;
      if (kindOf(point) === 0) break;
      if (point >= 48 && point <= 57) sawDigit = true;
      i += point > 0xffff ? 2 : 1;
    }
    const apostrophe = text.charCodeAt(i);
    if (apostrophe === 39 || apostrophe === 0x2019) {
      let j = i + 1;
      while (j < n) {
        const p = text.codePointAt(j)!;
        if (kindOf(p) !== 1) break;
        j += p > 0xffff ? 2 : 1;
      }
      if (j > i + 1) i = j;
    }
    if (!visit(text.slice(start, i), sawDigit)) return;
  }
}

/** What analyseText needs of a word: its stem, or that it is a stopword (and which preposition). */
type WordInfo = { stem: string; stop: false } | { stop: true; prep: string | null };
const wordInfos = new WeakMap<Stem, (word: string) => WordInfo>();

/**
 * One cached look-up a word instead of three (stopword, preposition, stem): analysing every
 * word of every item is the bulk of building its features.
 */
function wordInfoFor(stem: Stem): (word: string) => WordInfo {
  let info = wordInfos.get(stem);
  if (info === undefined) {
    info = boundedMemo(STEM_CACHE_LIMIT, (word): WordInfo => (STOPWORDS.has(word) ? { stop: true, prep: IS_PREPOSITION.has(word) ? `>${word}` : null } : { stem: stem(word), stop: false }));
    wordInfos.set(stem, info);
  }
  return info;
}

function analyseText(text: string, stem: Stem): Analysis {
  const info = wordInfoFor(stem);
  const words: string[] = [];
  const stream: (string | null)[] = [];
  // Each word as written, beside its stem in `words`: the surface map is built from them when read.
  const written: string[] = [];
  const sample = text.slice(0, MAX_TEXT_CHARS);
  const lowered = (MAY_NAME_CVE.test(sample) ? sample.replace(CVE_ID, ' cveid ') : sample).toLowerCase();
  eachWord(lowered, (token, sawDigit) => {
    const last = token.charCodeAt(token.length - 2);
    const word = token.length > 2 && token.charCodeAt(token.length - 1) === 115 && (last === 39 || last === 0x2019) ? token.slice(0, -2) : token;
    if (word.length < 2 || (sawDigit && /^\d+$/.test(word))) return true;
    const known = info(word);
    if (known.stop) {
      stream.push(known.prep);
      return true;
    }
    if (words.length === MAX_WORDS) return false;
    // Words with digits (apt28, log4j, win11) are names: stemming them only blurs them.
    const stemmed = sawDigit ? word : known.stem;
    words.push(stemmed);
    stream.push(stemmed);
    written.push(word);
    return true;
  });
  let surface: Map<string, string> | undefined;
  return {
    words,
    stream,
    get surface() {
      if (surface === undefined) {
        surface = new Map();
        for (let i = 0; i < words.length; i++) if (!surface.has(words[i]!)) surface.set(words[i]!, written[i]!);
      }
      return surface;
    },
    surfaceOf(stem) {
      const i = words.indexOf(stem);
      return i < 0 ? undefined : written[i];
    },
  };
}

export function analyse(text: string, stem: Stem): Analysis {
  let analyser = analysers.get(stem);
  if (analyser === undefined) {
    analyser = boundedMemo(RECENT_LIMIT, (t) => analyseText(t, stem));
    analysers.set(stem, analyser);
  }
  return analyser(text);
}

function addAll(target: Set<string>, words: readonly string[], bigrams: boolean, prefix: string): void {
  for (let i = 0; i < words.length; i++) {
    target.add(prefix + words[i]);
    if (bigrams && i > 0) target.add(`${prefix}${words[i - 1]}_${words[i]}`);
  }
}

/** `word>prep` and `word>prep>next`: a content word, the preposition right after it, its object. */
function addPhrases(target: Set<string>, stream: readonly (string | null)[]): void {
  for (let i = 0; i + 1 < stream.length; i++) {
    const word = stream[i];
    const prep = stream[i + 1];
    if (word == null || word.startsWith('>') || prep == null || !prep.startsWith('>')) continue;
    target.add(word + prep);
    // The object: the next content word, past at most one dropped article or determiner.
    const next = stream[i + 2] ?? stream[i + 3];
    if (next != null && !next.startsWith('>')) target.add(`${word}${prep}>${next}`);
  }
}

/** Sense and shape features of an item (sense.ts), or none when the options turn them off. */
export function specialFeatures(title: string, summary: string, stem: Stem, options: FeatureOptions): string[] {
  if (!options.sense) return [];
  const t = analyse(title, stem);
  const s = analyse(forumBody(summary), stem);
  return [...shapeFeatures(title, summary), ...senseFeatures(t.words, s.words, senseLexicon(stem))];
}

/**
 * The distinct features of an item (the summary's words without a forum footer, sense.ts), in this order: sense and shape, title words again (`t:`),
 * title words and pairs, title phrases, summary words and pairs, summary phrases. feature-index.ts
 * reads the same features as vocabulary indices, in the same order, without building the strings.
 */
export function itemFeatures(title: string, summary: string, stem: Stem, options: FeatureOptions): string[] {
  const features = new Set<string>(specialFeatures(title, summary, stem, options));
  const t = analyse(title, stem);
  const s = analyse(forumBody(summary), stem);
  if (options.titleFeatures) addAll(features, t.words, false, 't:');
  addAll(features, t.words, options.bigrams, '');
  if (options.phrases) addPhrases(features, t.stream);
  addAll(features, s.words, options.bigrams, '');
  if (options.phrases) addPhrases(features, s.stream);
  return [...features];
}

const SHAPES: Record<string, string> = {
  'shape:question': 'worded as a question',
  'shape:first-person': 'first person',
  'shape:episode': 'an episode number',
  'shape:issue': 'an issue number',
  'shape:reddit': 'a forum post',
  'shape:link-post': 'a forum link post',
  'shape:brand-suffix': '"| Brand" headline',
  'shape:money': 'a sum of money',
  'shape:lower-case': 'lower-case headline',
  'shape:no-summary': 'no summary',
  'shape:ask': 'asks readers for help',
  'shape:roundup': 'a roundup or newsletter',
  'it:0': 'no computing words',
  'it:1': 'one computing word',
  'it:2+': 'computing words',
  'sec:0': 'no security words',
  'sec:1': 'one security word',
  'sec:2': 'security words',
  'sec:3': 'many security words',
  'tsec:0': 'no security word in the headline',
  'tsec:1': 'a security word in the headline',
  'tsec:2': 'security words in the headline',
};

/**
 * Model features as the words of this item they came from, for evidence an editor can read:
 * `t:vulner` → "vulnerability", `suppli_chain` → "supply chain", `hack>to>death` → "hacked to
 * death", `sense:hack|none` → "hack without computing words".
 */
export function describeFeatures(features: readonly string[], title: string, summary: string, stem: Stem): string[] {
  if (features.length === 0) return [];
  // The title's word for a stem first, as if both were read into one map.
  const inTitle = analyse(title, stem);
  const inSummary = analyse(forumBody(summary), stem);
  const word = (part: string) => (part === 'cveid' ? 'CVE id' : (inTitle.surfaceOf(part) ?? inSummary.surfaceOf(part) ?? part));
  const words = features.map((feature) => {
    if (SHAPES[feature] !== undefined) return SHAPES[feature];
    const sense = /^sense:(\w+)\|(it|none|off)$/.exec(feature);
    if (sense) return `${sense[1]} ${sense[2] === 'it' ? 'with computing words' : sense[2] === 'none' ? 'without computing words' : 'next to everyday words'}`;
    return feature
      .replace(/^t:/, '')
      .split(/(?=>)|_/)
      .map((part) => part.replace(/^>/, ''))
      .map((part) => (IS_PREPOSITION.has(part) ? part : word(part)))
      .join(' ');
  });
  return [...new Set(words)];
}
