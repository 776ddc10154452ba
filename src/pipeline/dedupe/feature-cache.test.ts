import { describe, expect, it } from 'vitest';
import { FeatureCache } from './feature-cache.js';
import { extractFeatures, type Features } from './features.js';

/** Features as plain data in iteration order: what verify and the keys read, order included. */
function plain(f: Features) {
  return { ...f, weights: [...f.weights], cves: [...f.cves], titleNames: [...f.titleNames], names: [...f.names], titleCodes: [...f.titleCodes] };
}

const items = Array.from({ length: 8 }, (_, i) => ({
  id: `i${i}`,
  title: `Quorvex ${i} patches CVE-2026-${1000 + i} in Tamsin VPN`,
  summary: `Attackers exploited the flaw at ${i + 2} hospitals run by Velmont Health, the FBI said. About Quorvex: a vendor.`,
}));

describe('FeatureCache', () => {
  it('returns the features extractFeatures computes, from either tier, in the same order', () => {
    const cache = new FeatureCache(2, 3);
    for (const { id, title, summary } of items) cache.features(id, title, summary);
    for (const { id, title, summary } of [...items].reverse()) {
      expect(plain(cache.features(id, title, summary))).toEqual(plain(extractFeatures(title, summary)));
    }
  });

  it('keeps each tier within its bound', () => {
    const cache = new FeatureCache(2, 3);
    for (const { id, title, summary } of items) {
      cache.features(id, title, summary);
      expect(cache.size.recent).toBeLessThanOrEqual(2);
      expect(cache.size.compact).toBeLessThanOrEqual(3);
    }
    expect(cache.size).toEqual({ recent: 2, compact: 3 });
  });

  it('serves a recent item without recomputing, and recomputes an item whose text changed', () => {
    const cache = new FeatureCache(2, 3);
    const [a] = items;
    const first = cache.features(a!.id, a!.title, a!.summary);
    expect(cache.features(a!.id, a!.title, a!.summary)).toBe(first);
    for (const { id, title, summary } of items.slice(1, 3)) cache.features(id, title, summary);
    // `a` is in the compact tier now; its text changed in place.
    const updated = cache.features(a!.id, 'Velmont Health restores systems', a!.summary);
    expect(plain(updated)).toEqual(plain(extractFeatures('Velmont Health restores systems', a!.summary)));
  });
});
