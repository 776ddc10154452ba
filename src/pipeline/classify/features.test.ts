import { describe, expect, it } from 'vitest';
import { cachedStem, contentWords } from './features.js';
import { STOPWORDS } from './stopwords.js';

/** contentWords as it was written before the CVE prefilter: the reference it must equal. */
function reference(text: string, stem: (word: string) => string, surface: Map<string, string>): string[] {
  const words: string[] = [];
  const lowered = text.slice(0, 4000).replace(/\bcve[-\u2010-\u2013]\d{4}[-\u2010-\u2013]\d{4,7}\b/giu, ' cveid ').toLowerCase();
  for (const match of lowered.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)) {
    const word = match[0].replace(/['’]s$/, '');
    if (word.length < 2 || STOPWORDS.has(word) || /^\d+$/.test(word)) continue;
    const stemmed = /\d/.test(word) ? word : stem(word);
    words.push(stemmed);
    if (!surface.has(stemmed)) surface.set(stemmed, word);
  }
  return words;
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
});
