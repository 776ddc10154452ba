import { describe, expect, it } from 'vitest';
import { bandKeys, candidateProbability } from './lsh.js';
import { estimateJaccard, minhash } from './minhash.js';

const words = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `w${from + i}`);

describe('MinHash and LSH banding', () => {
  it('estimates Jaccard similarity', () => {
    // 60 shared of 100 distinct: J = 0.6.
    const a = minhash(words(0, 80), 256);
    const b = minhash(words(20, 100), 256);
    expect(estimateJaccard(a, b)).toBeGreaterThan(0.5);
    expect(estimateJaccard(a, b)).toBeLessThan(0.7);
  });

  it('gives the same keys for the same set, whatever the order, and none for an empty set', () => {
    expect(bandKeys(minhash(['b', 'a', 'c'], 16), 16)).toEqual(bandKeys(minhash(['a', 'b', 'c'], 16), 16));
    expect(bandKeys(minhash([], 16), 16)).toEqual([]);
  });

  it('makes safe-integer keys, distinct per band', () => {
    const keys = bandKeys(minhash(['only'], 16), 16);
    expect(keys).toHaveLength(16);
    expect(new Set(keys).size).toBe(16);
    for (const key of keys) expect(Number.isSafeInteger(key)).toBe(true);
  });

  it('has the S-curve of the documented defaults: retellings (J 0.15-0.3) mostly become candidates', () => {
    expect(candidateProbability(0.15, 16, 1)).toBeGreaterThan(0.9);
    expect(candidateProbability(0.3, 16, 1)).toBeGreaterThan(0.99);
  });
});
