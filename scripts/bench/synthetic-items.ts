/**
 * Synthetic items for the dedupe benchmark. Words are drawn from a Zipf distribution over a
 * fixed vocabulary, like real text; they are spelled with consonants only, so that the
 * tokenizer, stemmer and stopword lists leave them as they are and an item's band keys can be
 * computed straight from its words (checked against the real fingerprint in dedupe-worker.ts).
 */

const LETTERS = 'bcdfghjklmnpqrtvwxz';
export const VOCABULARY = 500_000;
const TITLE_WORDS = 8;
const SUMMARY_WORDS = 24;

/** Word number n, e.g. "kbq": never a stopword, never changed by the stemmer. */
export function word(n: number): string {
  let out = 'k';
  let rest = n;
  do {
    out += LETTERS[rest % LETTERS.length];
    rest = Math.floor(rest / LETTERS.length);
  } while (rest > 0);
  return out;
}

/** A small deterministic PRNG (mulberry32), so every run builds the same corpus. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Zipf–Mandelbrot sampler (weight 1 / (rank + 50)) over the vocabulary, by inverse transform on a
 * cumulative table. The offset flattens the head the way stopword removal does: the commonest
 * word is in about 9% of items, like a big vendor's name in a security newsletter's week.
 */
export function zipf(rand: () => number): () => number {
  const cumulative = new Float64Array(VOCABULARY);
  let total = 0;
  for (let i = 0; i < VOCABULARY; i++) cumulative[i] = total += 1 / (i + 50);
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = VOCABULARY - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export interface SyntheticText {
  words: number[];
  title: string;
  summary: string;
}

export function text(words: number[]): SyntheticText {
  return { words, title: words.slice(0, TITLE_WORDS).map(word).join(' '), summary: words.slice(TITLE_WORDS).map(word).join(' ') };
}

export function randomText(draw: () => number): SyntheticText {
  return text(Array.from({ length: TITLE_WORDS + SUMMARY_WORDS }, draw));
}

/** A retelling: the same words with a fifth of them replaced. */
export function nearCopy(original: number[], draw: () => number, rand: () => number): SyntheticText {
  return text(original.map((w) => (rand() < 0.2 ? draw() : w)));
}
