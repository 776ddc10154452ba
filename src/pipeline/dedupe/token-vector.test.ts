import { describe, expect, it } from 'vitest';
import { extractFeatures } from './features.js';
import { addVectors, sharedRoots, TokenIds } from './token-vector.js';

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
