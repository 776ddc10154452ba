import type { Features, TokenWeights } from './features.js';

/**
 * An item's weighted tokens with each token as a small integer (TokenIds), sorted: the similarity
 * of an item to a story is then a merge of two sorted integer arrays instead of one string-keyed map
 * lookup per token, and the token index an array instead of a map. Filing 50,000 synthetic items
 * spent ~30% of its time in those lookups (see docs/ARCHITECTURE.md, "Measured figures").
 */
export interface TokenVector extends Weighted {
  /** The ids in the features' own token order (`tokenList`): walks whose sums keep that order. */
  readonly inOrder: readonly number[];
}

/**
 * Token ids, ascending, and the weight of each at the same position. Plain arrays, not typed ones:
 * a typed array of more than 64 bytes lives outside V8's heap, and allocating three per item cost
 * more in garbage collection than the merges saved.
 */
export interface Weighted {
  readonly ids: readonly number[];
  readonly weights: readonly number[];
}

/** Positions a sort key leaves room for: more distinct tokens than any item's title and summary have. */
const POSITIONS = 65_536;

/**
 * Token → id for one clusterer (ids are dense: 0, 1, 2, … in the order tokens are first seen).
 * It lives as long as its clusterer, one analysis pass.
 */
export class TokenIds {
  private readonly ids = new Map<string, number>();
  /** Id → token. */
  private readonly tokens: string[] = [];

  idOf(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      this.ids.set(token, (id = this.ids.size));
      this.tokens.push(token);
    }
    return id;
  }

  tokenOf(id: number): string {
    return this.tokens[id]!;
  }

  /** The id of a token seen before, else undefined (a lookup adds nothing). */
  find(token: string): number | undefined {
    return this.ids.get(token);
  }

  vectorOf(f: Features): TokenVector {
    const n = f.tokenList.length;
    const inOrder = new Array<number>(n);
    for (let i = 0; i < n; i++) inOrder[i] = this.idOf(f.tokenList[i]!);
    const ids = new Array<number>(n);
    const weights = new Array<number>(n);
    const order = sortedPositions(inOrder);
    for (let i = 0; i < n; i++) {
      const position = order[i]!;
      ids[i] = inOrder[position]!;
      weights[i] = f.weightList[position]!;
    }
    return { ids, weights, inOrder };
  }
}

/**
 * Positions of `ids` in ascending id order. Sorted as one number per token, id × 2^16 + position
 * (exact below 2^53): a typed array's own numeric sort, several times faster than a comparator
 * (which a text of 65,536 distinct tokens or more still gets).
 */
function sortedPositions(ids: readonly number[]): ArrayLike<number> {
  const n = ids.length;
  if (n >= POSITIONS) return Array.from({ length: n }, (_, i) => i).sort((a, b) => ids[a]! - ids[b]!);
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, 2 * scratch.length));
  const keys = scratch.subarray(0, n);
  for (let i = 0; i < n; i++) keys[i] = ids[i]! * POSITIONS + i;
  keys.sort();
  for (let i = 0; i < n; i++) keys[i] = keys[i]! % POSITIONS;
  return keys;
}

/** sortedPositions' keys, reused from item to item (read before the next call). */
let scratch = new Float64Array(1024);

/** Two sorted vectors added token by token (a story's centroid taking a member). */
export function addVectors(a: Weighted, b: Weighted): Weighted {
  const ids: number[] = [];
  const weights: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.ids.length || j < b.ids.length) {
    const x = i < a.ids.length ? a.ids[i]! : Infinity;
    const y = j < b.ids.length ? b.ids[j]! : Infinity;
    ids.push(Math.min(x, y));
    weights.push((x <= y ? a.weights[i++]! : 0) + (y <= x ? b.weights[j++]! : 0));
  }
  return { ids, weights };
}

/** Σ √(a·b / size) over the tokens both sorted vectors have: the numerator of centroid similarity. */
export function sharedRoots(a: Weighted, b: Weighted, size: number): number {
  const { ids: ai, weights: aw } = a;
  const { ids: bi, weights: bw } = b;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < ai.length && j < bi.length) {
    const x = ai[i]!;
    const y = bi[j]!;
    if (x === y) shared += Math.sqrt((aw[i++]! * bw[j++]!) / size);
    else if (x < y) i++;
    else j++;
  }
  return shared;
}

/**
 * A story member's token weights as a read-only map over its vector: a Map per stored item cost
 * ~2 KB (its entries, boxed weights and its own copies of the token strings), a quarter of what the
 * clusterer held per item. Iterates in the features' own token order (`inOrder`), so sums over it
 * add up exactly as they did over the map.
 */
export class VectorWeights implements TokenWeights {
  constructor(
    private readonly vector: TokenVector,
    private readonly tokenIds: TokenIds,
  ) {}

  get size(): number {
    return this.vector.ids.length;
  }

  get(token: string): number | undefined {
    const id = this.tokenIds.find(token);
    if (id === undefined) return undefined;
    const at = positionOf(this.vector.ids, id);
    return at < 0 ? undefined : this.vector.weights[at];
  }

  has(token: string): boolean {
    return this.get(token) !== undefined;
  }

  *keys(): IterableIterator<string> {
    for (const id of this.vector.inOrder) yield this.tokenIds.tokenOf(id);
  }

  *[Symbol.iterator](): IterableIterator<[string, number]> {
    const { ids, weights, inOrder } = this.vector;
    for (const id of inOrder) yield [this.tokenIds.tokenOf(id), weights[positionOf(ids, id)]!];
  }
}

/** Where `id` sits in the ascending `ids`, or -1 (a binary search). */
function positionOf(ids: readonly number[], id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = ids[mid]!;
    if (at === id) return mid;
    if (at < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
