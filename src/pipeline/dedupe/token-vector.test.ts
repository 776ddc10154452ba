import { describe, expect, it } from 'vitest';
import { extractFeatures } from './features.js';
import { similarity } from './verify.js';
import { addVectors, sharedRoots, TokenIds, VectorWeights } from './token-vector.js';

describe('TokenIds', () => {
  it('gives each token one id and sorts an item by id, weights following their tokens', () => {
    const ids = new TokenIds();
    const first = extractFeatures('Quorvex patches CVE-2026-1234', '');
    const second = extractFeatures('CVE-2026-1234 exploited at Tarnwell', '');
    const a = ids.vectorOf(first);
    const b = ids.vectorOf(second);
    for (const v of [a, b]) expect([...v.ids]).toEqual([...v.ids].sort((x, y) => x - y));
    // The same token has the same id in both items, with each item's own weight.
    const cve = ids.find('CVE-2026-1234')!;
    expect(a.weights[a.ids.indexOf(cve)]).toBe(first.weights.get('CVE-2026-1234'));
    expect(b.weights[b.ids.indexOf(cve)]).toBe(second.weights.get('CVE-2026-1234'));
    // inOrder keeps the features' own order.
    expect(a.inOrder).toEqual(first.tokenList.map((token) => ids.find(token)));
    expect(ids.find('never-seen')).toBeUndefined();
  });

  it('sorts a text of more distinct tokens than a sort key has room for', () => {
    const words = Array.from({ length: 70_000 }, (_, i) => `k${i.toString(36)}x`);
    const ids = new TokenIds();
    // Ids in reverse order of the text: the vector must come out ascending all the same.
    for (const w of [...words].reverse()) ids.idOf(w);
    const v = ids.vectorOf(extractFeatures('', words.join(' ')));
    expect(v.ids.length).toBe(70_000);
    expect(v.ids.every((id, i) => i === 0 || v.ids[i - 1]! < id)).toBe(true);
  });
});

describe('addVectors and sharedRoots', () => {
  it('adds weights token by token and sums the roots of shared products', () => {
    const a = { ids: [1, 3, 5], weights: [1, 2, 4] };
    const b = { ids: [2, 3, 5, 9], weights: [1, 2, 1, 3] };
    expect(addVectors(a, b)).toEqual({ ids: [1, 2, 3, 5, 9], weights: [1, 1, 4, 5, 3] });
    // Shared: 3 (2·2) and 5 (4·1), over a story of 2 members.
    expect(sharedRoots(a, b, 2)).toBeCloseTo(Math.sqrt(4 / 2) + Math.sqrt(4 / 2), 12);
    expect(sharedRoots(a, { ids: [], weights: [] }, 1)).toBe(0);
  });
});

describe('VectorWeights', () => {
  it('reads like the features’ map, in the same order, so sums over it come out the same', () => {
    const ids = new TokenIds();
    const features = extractFeatures('Tarnwell Bank confirms breach of 2,300,000 records', 'The Kraxen gang claimed Tarnwell on its leak site; CVE-2026-1234 was used.');
    ids.idOf('zzz-seen-first');
    const view = new VectorWeights(ids.vectorOf(features), ids);
    expect(view.size).toBe(features.weights.size);
    expect([...view]).toEqual([...features.weights]);
    expect([...view.keys()]).toEqual([...features.weights.keys()]);
    for (const [token, weight] of features.weights) {
      expect(view.get(token)).toBe(weight);
      expect(view.has(token)).toBe(true);
    }
    // Known to the ids (another item's token) or not at all: absent either way.
    expect(view.get('zzz-seen-first')).toBeUndefined();
    expect(view.has('never-seen')).toBe(false);
    // verify's similarity over the view equals the one over the map, to the last digit.
    const other = extractFeatures('Kraxen gang claims Tarnwell Bank breach', 'Records of 2.3 million customers were posted.');
    expect(similarity(other, { ...features, weights: view })).toBe(similarity(other, features));
  });
});
