/**
 * An item's model features as vocabulary indices, read straight from its words (issue 16, speed).
 *
 * features.ts spells every feature out as a string ("t:breach", "hack>to>death") and the model
 * looked each one up by name: building and hashing ~200 strings an item was half the cost of
 * classifying it. Here each stem of the vocabulary gets a number once, when the model loads, and
 * an item's features are found with array reads and integer-keyed maps. The set and the order are
 * those of `itemFeatures` restricted to the vocabulary (model.test.ts holds the two together).
 */
import { analyse, PREPOSITIONS, specialFeatures, type Analysis, type FeatureOptions, type Stem } from './features.js';
import { forumBody } from './sense.js';

const PREP_CODE = new Map(PREPOSITIONS.map((prep, i) => [`>${prep}`, i]));
const PREPS = PREPOSITIONS.length;
/** Stream codes besides stem ids (≥ 0): a content word in no feature, a dropped stopword, a preposition. */
const UNKNOWN = -1;
const BREAK = -2;
const prepCode = (p: number) => -100 - p;

type Entry = { kind: 'word' | 'title' | 'phrase' | 'pair' | 'object'; a: number; p: number; b: number } | { kind: 'special'; name: string };

/**
 * A text's words and stream as stem ids (the stream with BREAK and prepCode), in buffers reused by
 * every call: coding is done once per text per item, and allocating two arrays a text was a
 * measurable share of the garbage classifying made.
 */
class Coded {
  words = new Int32Array(64);
  stream = new Int32Array(128);
  wordCount = 0;
  streamCount = 0;
}

export class FeatureIndex {
  readonly #stem: Stem;
  readonly #options: FeatureOptions;
  /** Stem → its number (only stems some vocabulary feature uses). */
  readonly #ids = new Map<string, number>();
  readonly #special = new Map<string, number>();
  readonly #word: Int32Array;
  readonly #title: Int32Array;
  /** `a_b` by a × stems + b; `a>p` by a × PREPS + p; `a>p>b` by (a × PREPS + p) × stems + b. */
  readonly #pairs = new Map<number, number>();
  readonly #phrases = new Map<number, number>();
  readonly #objects = new Map<number, number>();
  readonly #stems: number;
  /** The call in which each vocabulary index was last added: dedupe without clearing. */
  readonly #seen: Uint32Array;
  #call = 0;
  readonly #titleCodes = new Coded();
  readonly #summaryCodes = new Coded();

  constructor(vocabulary: readonly string[], stem: Stem, options: FeatureOptions) {
    this.#stem = stem;
    this.#options = options;
    this.#seen = new Uint32Array(vocabulary.length);
    const entries = vocabulary.map((feature) => this.#parse(feature));
    const n = (this.#stems = this.#ids.size);
    this.#word = new Int32Array(n).fill(-1);
    this.#title = new Int32Array(n).fill(-1);
    entries.forEach((entry, index) => {
      if (entry === undefined) return;
      if (entry.kind === 'special') this.#special.set(entry.name, index);
      else if (entry.kind === 'word') this.#word[entry.a] = index;
      else if (entry.kind === 'title') this.#title[entry.a] = index;
      else if (entry.kind === 'phrase') this.#phrases.set(entry.a * PREPS + entry.p, index);
      else if (entry.kind === 'pair') this.#pairs.set(entry.a * n + entry.b, index);
      else this.#objects.set((entry.a * PREPS + entry.p) * n + entry.b, index);
    });
  }

  #id(stem: string): number {
    let id = this.#ids.get(stem);
    if (id === undefined) this.#ids.set(stem, (id = this.#ids.size));
    return id;
  }

  /** What a vocabulary feature is made of (the inverse of features.ts's spelling). */
  #parse(feature: string): Entry | undefined {
    if (/^(?:shape|sense|it|sec|tsec):/.test(feature)) return { kind: 'special', name: feature };
    if (feature.startsWith('t:')) return { kind: 'title', a: this.#id(feature.slice(2)), p: 0, b: 0 };
    if (feature.indexOf('>') > 0) {
      const [a, prep, b] = feature.split('>');
      const p = PREP_CODE.get(`>${prep}`);
      if (p === undefined) return undefined;
      return b === undefined ? { kind: 'phrase', a: this.#id(a!), p, b: 0 } : { kind: 'object', a: this.#id(a!), p, b: this.#id(b) };
    }
    const underscore = feature.indexOf('_');
    if (underscore > 0) return { kind: 'pair', a: this.#id(feature.slice(0, underscore)), p: 0, b: this.#id(feature.slice(underscore + 1)) };
    return { kind: 'word', a: this.#id(feature), p: 0, b: 0 };
  }

  /** Codes `analysis` into `into` (its buffers grown as needed). */
  #codes(analysis: Analysis, into: Coded): Coded {
    const { words, stream } = analysis;
    if (into.words.length < words.length) into.words = new Int32Array(words.length * 2);
    if (into.stream.length < stream.length) into.stream = new Int32Array(stream.length * 2);
    // The stream holds every content word in order: each stem is looked up once, for both.
    const codedWords = into.words;
    const codedStream = into.stream;
    let w = 0;
    for (let i = 0; i < stream.length; i++) {
      const t = stream[i]!;
      if (t === null) codedStream[i] = BREAK;
      else if (t.charCodeAt(0) === 62) codedStream[i] = prepCode(PREP_CODE.get(t)!);
      else codedStream[i] = codedWords[w++] = this.#ids.get(t) ?? UNKNOWN;
    }
    into.wordCount = w;
    into.streamCount = stream.length;
    return into;
  }

  /** The indices found so far in this call, and how many (a buffer reused across calls). */
  #out = new Int32Array(256);
  #count = 0;

  #add(index: number | undefined): void {
    if (index === undefined || index < 0 || this.#seen[index] === this.#call) return;
    this.#seen[index] = this.#call;
    if (this.#count === this.#out.length) {
      const grown = new Int32Array(this.#out.length * 2);
      grown.set(this.#out);
      this.#out = grown;
    }
    this.#out[this.#count++] = index;
  }

  /** The item's features in the vocabulary, as indices, in `itemFeatures` order. */
  indices(title: string, summary: string): Int32Array {
    this.#call++;
    this.#count = 0;
    for (const feature of specialFeatures(title, summary, this.#stem, this.#options)) this.#add(this.#special.get(feature));
    const t = this.#codes(analyse(title, this.#stem), this.#titleCodes);
    const s = this.#codes(analyse(forumBody(summary), this.#stem), this.#summaryCodes);
    if (this.#options.titleFeatures) {
      for (let i = 0; i < t.wordCount; i++) if (t.words[i]! >= 0) this.#add(this.#title[t.words[i]!]);
    }
    this.#words(t.words, t.wordCount);
    if (this.#options.phrases) this.#phrasesOf(t.stream, t.streamCount);
    this.#words(s.words, s.wordCount);
    if (this.#options.phrases) this.#phrasesOf(s.stream, s.streamCount);
    return this.#out.slice(0, this.#count);
  }

  #words(words: Int32Array, count: number): void {
    const bigrams = this.#options.bigrams;
    for (let i = 0; i < count; i++) {
      const a = words[i]!;
      if (a >= 0) this.#add(this.#word[a]);
      if (bigrams && i > 0) {
        const before = words[i - 1]!;
        if (before >= 0 && a >= 0) this.#add(this.#pairs.get(before * this.#stems + a));
      }
    }
  }

  #phrasesOf(stream: Int32Array, length: number): void {
    for (let i = 0; i + 1 < length; i++) {
      const word = stream[i]!;
      const prep = stream[i + 1]!;
      if (word < 0 || prep > -100) continue;
      const p = -100 - prep;
      this.#add(this.#phrases.get(word * PREPS + p));
      // The object: the next content word, past at most one dropped stopword (features.ts).
      const next = i + 2 < length && stream[i + 2] !== BREAK ? stream[i + 2]! : i + 3 < length ? stream[i + 3]! : BREAK;
      if (next >= 0) this.#add(this.#objects.get((word * PREPS + p) * this.#stems + next));
    }
  }
}
