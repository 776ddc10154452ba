import { fmix32 } from './minhash.js';

/**
 * LSH banding (Leskovec, Rajaraman & Ullman, Mining of Massive Datasets, §3.4): the signature is
 * cut into `bands` bands of `rows` values; two items become candidates when any band is equal.
 * With Jaccard similarity s the chance of becoming candidates is 1 − (1 − s^rows)^bands, an
 * S-curve whose middle sits near (1/bands)^(1/rows).
 *
 * A band is stored as one integer key below 2^53 (exact in a JS number and an SQLite INTEGER),
 * mixing in the band's index so equal values in different bands never collide.
 */
export function bandKeys(signature: Uint32Array, bands: number): number[] {
  const rows = Math.floor(signature.length / bands);
  if (rows === 0 || signature[0] === 0xffffffff) return [];
  const keys: number[] = [];
  for (let band = 0; band < bands; band++) {
    let hi = fmix32(band + 0x51ed27);
    let lo = fmix32(band ^ 0x2545f491);
    for (let r = 0; r < rows; r++) {
      const value = signature[band * rows + r]!;
      hi = fmix32(hi ^ value);
      lo = fmix32(Math.imul(lo, 31) ^ value ^ 0x6a09e667);
    }
    keys.push((hi & 0x1fffff) * 0x100000000 + lo);
  }
  return keys;
}

/** Chance that two items with Jaccard similarity `s` share at least one band. */
export function candidateProbability(s: number, bands: number, rows: number): number {
  return 1 - (1 - s ** rows) ** bands;
}
