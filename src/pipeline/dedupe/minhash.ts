/**
 * MinHash signatures (Broder 1997): for each of `numHashes` independent hash functions, the
 * smallest hash over an item's token set. Two signatures agree at a position with probability
 * equal to the Jaccard similarity of the two sets, which lsh.ts turns into candidate pairs
 * without comparing every pair.
 */

/** MurmurHash3's 32-bit finalizer: a cheap, well-mixed permutation of 32-bit integers. */
export function fmix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit FNV-1a over UTF-16 code units, finished with fmix32. */
export function hashToken(token: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) {
    h ^= token.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

const seedCache = new Map<number, Uint32Array>();

/** Fixed seeds, so a signature computed today matches one stored last week. */
function seeds(count: number): Uint32Array {
  let cached = seedCache.get(count);
  if (!cached) {
    cached = new Uint32Array(count);
    for (let i = 0; i < count; i++) cached[i] = fmix32(Math.imul(i + 1, 0x9e3779b9));
    seedCache.set(count, cached);
  }
  return cached;
}

/**
 * The signature of a token set. An empty set gets all-0xffffffff, which lsh.ts never turns
 * into band keys (an item without words is nobody's near-duplicate).
 */
export function minhash(tokens: Iterable<string>, numHashes: number): Uint32Array {
  const signature = new Uint32Array(numHashes).fill(0xffffffff);
  const s = seeds(numHashes);
  for (const token of tokens) {
    const x = hashToken(token);
    for (let i = 0; i < numHashes; i++) {
      const h = fmix32(x ^ s[i]!);
      if (h < signature[i]!) signature[i] = h;
    }
  }
  return signature;
}

/** Share of positions where two signatures agree: an estimate of the sets' Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return a.length === 0 ? 0 : same / a.length;
}
