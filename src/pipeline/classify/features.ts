import { boundedMemo } from './memo.js';
import { STOPWORDS } from './stopwords.js';

/** How an item's text becomes model features. Stored with a trained model: loading must match. */
export interface FeatureOptions {
  /** Adjacent content-word pairs ("suppli_chain") as extra features. */
  bigrams: boolean;
  /** Title words again with a `t:` prefix: a headline word says more than a summary word. */
  titleFeatures: boolean;
  /**
   * Distinct features read per item, title first. The model multiplies one probability per feature,
   * so a cap bounds the work and keeps the product far from underflow on very long texts.
   */
  maxFeatures: number;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { bigrams: true, titleFeatures: true, maxFeatures: 120 };

/** Characters of the summary read at most: a feed's summary is capped at 600, a bad one is not. */
const MAX_TEXT_CHARS = 4000;
const CVE_ID = /\bcve[-\u2010-\u2013]\d{4}[-\u2010-\u2013]\d{4,7}\b/giu;
const MAY_NAME_CVE = /cve/i;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const STEM_CACHE_LIMIT = 50_000;

export type Stem = (word: string) => string;

/**
 * Wraps a stemmer with a cache: Porter stemming costs ~3.5 µs a word, a cache hit ~0.2 µs
 * (LIBRARIES.md), and news vocabulary repeats a lot. The cache is dropped whole when full.
 */
export function cachedStem(stem: Stem): Stem {
  return boundedMemo(STEM_CACHE_LIMIT, stem);
}

/** Content words of a text, lower-cased and stemmed, in order; a CVE id becomes `cveid`. */
export function contentWords(text: string, stem: Stem, surface?: Map<string, string>): string[] {
  const words: string[] = [];
  const sample = text.slice(0, MAX_TEXT_CHARS);
  // Every CVE id holds the letters "cve" (no other character folds to them): most texts skip the pattern.
  const lowered = (MAY_NAME_CVE.test(sample) ? sample.replace(CVE_ID, ' cveid ') : sample).toLowerCase();
  for (const match of lowered.matchAll(WORD)) {
    const word = match[0].replace(/['’]s$/, '');
    if (word.length < 2 || STOPWORDS.has(word) || /^\d+$/.test(word)) continue;
    // Words with digits (apt28, log4j, win11) are names: stemming them only blurs them.
    const stemmed = /\d/.test(word) ? word : stem(word);
    words.push(stemmed);
    if (surface !== undefined && !surface.has(stemmed)) surface.set(stemmed, word);
  }
  return words;
}

/** A text's content words and, for each stem, the first word it came from. */
interface Analysis {
  words: string[];
  surface: Map<string, string>;
}

/**
 * Classifying one item reads its title and summary's content words up to eight times (features,
 * then the evidence of three heads): analysed once. A few recent texts suffice; the cache is
 * dropped whole when full.
 */
const RECENT_LIMIT = 8;
const analysers = new WeakMap<Stem, (text: string) => Analysis>();

function analyse(text: string, stem: Stem): Analysis {
  let analyser = analysers.get(stem);
  if (analyser === undefined) {
    analyser = boundedMemo(RECENT_LIMIT, (t) => {
      const surface = new Map<string, string>();
      return { words: contentWords(t, stem, surface), surface };
    });
    analysers.set(stem, analyser);
  }
  return analyser(text);
}

function addAll(target: Set<string>, words: readonly string[], options: FeatureOptions, prefix: string): void {
  for (let i = 0; i < words.length && target.size < options.maxFeatures; i++) {
    target.add(prefix + words[i]);
    if (options.bigrams && i > 0 && target.size < options.maxFeatures) target.add(`${prefix}${words[i - 1]}_${words[i]}`);
  }
}

/** The distinct features of an item, title first, at most `options.maxFeatures`. */
export function itemFeatures(title: string, summary: string, stem: Stem, options: FeatureOptions): string[] {
  const features = new Set<string>();
  const titleWords = analyse(title, stem).words;
  if (options.titleFeatures) addAll(features, titleWords, { ...options, bigrams: false }, 't:');
  addAll(features, titleWords, options, '');
  addAll(features, analyse(summary, stem).words, options, '');
  return [...features];
}

/**
 * Model features as the words of this item they came from, for evidence an editor can read:
 * `t:vulner` → "vulnerability", `suppli_chain` → "supply chain".
 */
export function describeFeatures(features: readonly string[], title: string, summary: string, stem: Stem): string[] {
  if (features.length === 0) return [];
  // The title's word for a stem first, as if both were read into one map.
  const inTitle = analyse(title, stem).surface;
  const inSummary = analyse(summary, stem).surface;
  const words = features.map((feature) =>
    feature
      .replace(/^t:/, '')
      .split('_')
      .map((part) => (part === 'cveid' ? 'CVE id' : (inTitle.get(part) ?? inSummary.get(part) ?? part)))
      .join(' '),
  );
  return [...new Set(words)];
}
