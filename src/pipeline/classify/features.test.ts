import { describe, expect, it } from 'vitest';
import { FeatureIndex } from './feature-index.js';
import { analyse, cachedStem, contentWords, DEFAULT_FEATURE_OPTIONS, describeFeatures, itemFeatures } from './features.js';
import { STOPWORDS } from './stopwords.js';

/** contentWords as it was written before the CVE prefilter: the reference it must equal. */
function reference(text: string, stem: (word: string) => string, surface: Map<string, string>): string[] {
  const words: string[] = [];
  const lowered = text.slice(0, 4000).replace(/\bcve[-\u2010-\u2013]\d{4}[-\u2010-\u2013]\d{4,7}\b/giu, ' cveid ').toLowerCase();
  for (const match of lowered.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)) {
    const word = match[0].replace(/['’]s$/, '');
    if (word.length < 2 || STOPWORDS.has(word) || /^\d+$/.test(word)) continue;
    // At most 150 content words per text (features.ts).
    if (words.length === 150) break;
    const stemmed = /\d/.test(word) ? word : stem(word);
    words.push(stemmed);
    if (!surface.has(stemmed)) surface.set(stemmed, word);
  }
  return words;
}

/** A seeded generator, so the generated texts are the same on every run. */
function generator(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

const toyStem = (word: string) => word.replace(/(?:ing|ed|s)$/, '');

describe('contentWords', () => {
  it('reads the same words, stems and surface forms as the reference, with and without CVE ids', () => {
    const stem = cachedStem(toyStem);
    const texts = [
      "Microsoft's patch fixes CVE-2026-1234 and cve\u20112025\u201199999; APT28 exploited Log4j in 2024",
      'The attackers’s tools: phishing, phished, phishes. Hospitals patched 12 servers',
      'Ransomware gang claims attack on hospitals; CVE-1999-0001 (old) and CVEs in general',
    ];
    for (let round = 0; round < 2; round++) {
      for (const text of texts) {
        const surface = new Map<string, string>();
        const expectedSurface = new Map<string, string>();
        expect(contentWords(text, stem, surface)).toEqual(reference(text, toyStem, expectedSurface));
        expect([...surface]).toEqual([...expectedSurface]);
      }
    }
  });

  it('gives each stem the same written form by surfaceOf as by the surface map', () => {
    const stem = cachedStem(toyStem);
    for (const text of ['', 'Hacked hackers hack; HACKING hacked', 'Zürich’s banks’ servers — ünïcödé 😀 words', 'word '.repeat(400) + 'tail']) {
      const analysis = analyse(text, stem);
      for (const word of analysis.words) expect(analysis.surfaceOf(word)).toBe(analysis.surface.get(word));
      expect(analysis.surfaceOf('not-a-stem-here')).toBeUndefined();
    }
  });
});

describe('the word loop', () => {
  it('reads the same words as the WORD regex on 20,000 generated texts (apostrophes, digits, scripts, surrogates)', () => {
    const pieces = ['a', 'B', '1', "'", '’', ' ', '-', 'é', 'ß', 'İ', '²', '٣', '𝐀', '\ud800', 's', 'x', 'CVE-2026-12345', '.', 'the', 'of', 'hack'];
    const next = generator(16);
    const stem = cachedStem(toyStem);
    for (let k = 0; k < 20_000; k++) {
      let text = '';
      for (let i = Math.floor(next() * 30); i > 0; i--) text += pieces[Math.floor(next() * pieces.length)];
      expect(contentWords(text, stem)).toEqual(reference(text, toyStem, new Map()));
    }
  });

  it('stops after 150 content words', () => {
    expect(contentWords('word '.repeat(400), cachedStem(toyStem))).toHaveLength(150);
  });
});

describe('features', () => {
  const stem = cachedStem(toyStem);
  const texts = [
    ['Man hacked to death in village dispute', 'Police said the attack happened on Sunday.'],
    ['Hackers hacked into the city email server', 'The intruders used stolen passwords to get into the network of the council.'],
    ['Breach of contract claim against builder', ''],
    ["Acme's data breach: what we know", 'Acme confirmed a breach of its customer database on Monday.'],
    ['Exploit for router flaw', 'submitted by /u/packet_pusher [link] [comments]'],
  ] as const;

  it('spells phrases with their preposition and object, and describes them in the item\'s own words', () => {
    const features = itemFeatures(texts[0][0], texts[0][1], stem, DEFAULT_FEATURE_OPTIONS);
    expect(features).toEqual(expect.arrayContaining(['hack>to', 'hack>to>death', 't:hack', 'hack_death', 'sense:hack|none', 'sense:hack|off', 'sec:1', 'tsec:1']));
    expect(itemFeatures(texts[1][0], texts[1][1], stem, DEFAULT_FEATURE_OPTIONS)).toEqual(expect.arrayContaining(['hack>into', 'sense:hack|it']));
    expect(describeFeatures(['hack>to>death', 'sense:hack|none', 't:death'], texts[0][0], texts[0][1], stem)).toEqual(['hacked to death', 'hack without computing words', 'death']);
  });

  it('reads a forum link post by its headline: no footer words, a link-post shape', () => {
    const features = itemFeatures(texts[4][0], texts[4][1], stem, DEFAULT_FEATURE_OPTIONS);
    expect(features).toContain('shape:link-post');
    expect(features).not.toContain('shape:reddit');
    for (const footerWord of ['submitt', 'submit', 'link', 'comment', 'packet_push', 'packet', 'pusher']) expect(features).not.toContain(footerWord);
    expect(features).toEqual(expect.arrayContaining(['t:exploit', 'exploit>for>router']));
  });

  it('finds the same features by index as by name (FeatureIndex against itemFeatures)', () => {
    const vocabulary = [...new Set(texts.flatMap(([title, summary]) => itemFeatures(title, summary, stem, DEFAULT_FEATURE_OPTIONS)))].sort();
    // Half the vocabulary, so features outside it are skipped as the model skips them.
    const kept = vocabulary.filter((_, i) => i % 2 === 0);
    const index = new FeatureIndex(kept, stem, DEFAULT_FEATURE_OPTIONS);
    // A long text before short ones (the index reuses its buffers), an empty one, and other scripts.
    const long = `${texts[1][1]} `.repeat(40);
    for (const [title, summary] of [[long, long], ...texts, ['', ''], ['Unrelated words only', 'Nothing here matches anything.'], ['Hackers hacked ünïcödé servers', 'Привет 😀 hacked into the network']]) {
      const byName = itemFeatures(title, summary, stem, DEFAULT_FEATURE_OPTIONS).filter((f) => kept.includes(f));
      expect(Array.from(index.indices(title, summary), (i) => kept[i])).toEqual(byName);
    }
  });
});
