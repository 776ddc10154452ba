/**
 * Adversarial: hostile content. Stored text is plain text (markup parsed once and dropped, entities
 * decoded once), invisible and bidi characters removed, links kept only when http(s).
 */
import { describe, expect, it } from 'vitest';
import { HOSTILE_ITEMS, contentCases } from './cases/content.js';
import { useAdversarialRun } from './support/collect.js';

describe('adversarial: hostile content', () => {
  const run = useAdversarialRun(Object.values(contentCases));

  it('stores every hostile item, sanitized', () => {
    expect(run().feed(contentCases.hostileContent.id)).toMatchObject({ status: 'ok', itemsNew: HOSTILE_ITEMS.length });
  });

  it.each(HOSTILE_ITEMS.map((item) => [item.guid, item] as const))('%s', (guid, item) => {
    const stored = run().items(contentCases.hostileContent.id).find((row) => row.guid === guid);
    expect({ title: stored?.title, summary: stored?.summary, url: stored?.url }).toEqual(item.stored);
    expect(stored?.canonical_url ?? null).toBe(item.stored.url);
  });

  it('nothing executable or invisible survives anywhere in the stored items', () => {
    const text = JSON.stringify(run().items(contentCases.hostileContent.id));
    expect(text).not.toMatch(/onerror|onclick|onload|onmouseover|steal\(\)|document\.cookie|<img|<svg|<a /i);
    expect(text).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u00AD]|\uDB40[\uDC00-\uDC7F]/);
    for (const row of run().items(contentCases.hostileContent.id)) {
      if (row.url !== null) expect(row.url).toMatch(/^https?:\/\//);
    }
  });
});
