import { describe, expect, it } from 'vitest';
import { compileFilter, filterItems } from './index.js';
import type { Item } from '../../model/index.js';

const item = (title: string, summary = ''): Item => ({
  id: title, feedId: 'f', guid: title, url: null, canonicalUrl: null, urlHash: null, title, summary,
  author: null, categories: [], publishedAt: '2026-11-24T00:00:00.000Z', fetchedAt: '2026-11-24T00:00:00.000Z', contentHash: title,
});

describe('keyword filters', () => {
  it('has no filter without include or exclude', () => {
    expect(compileFilter({})).toBeUndefined();
    expect(filterItems([item('a')], undefined)).toEqual({ kept: [item('a')], filtered: 0 });
  });

  it('matches whole words and phrases in title or summary, in any case and spacing', () => {
    const filter = compileFilter({ include: ['ransomware', 'data breach', 'CVE-2026-1234', 'C++'] })!;
    expect(filter.keep(item('RANSOMWARE hits a port'))).toBe(true);
    expect(filter.keep(item('Port closed', 'after a Data\n  Breach.'))).toBe(true);
    expect(filter.keep(item('antiransomware vendor raises money'))).toBe(false);
    expect(filter.keep(item('ransomwares'))).toBe(false);
    expect(filter.keep(item('Fix for cve-2026-1234 shipped'))).toBe(true);
    expect(filter.keep(item('CVE-2026-12345 is another one'))).toBe(false);
    expect(filter.keep(item('A C++ parser bug'))).toBe(true);
    expect(filter.keep(item('data breaches'))).toBe(false);
  });

  it('folds Unicode case and keeps an item only when it matches an include and no exclude', () => {
    const filter = compileFilter({ include: ['sécurité', 'ransomware'], exclude: ['webinar', 'sponsored content'] })!;
    const items = [item('SÉCURITÉ: une faille'), item('Ransomware webinar next week'), item('Ransomware', 'Sponsored   content'), item('Ransomware gang arrested'), item('Weather')];
    const { kept, filtered } = filterItems(items, filter);
    expect(kept.map((i) => i.title)).toEqual(['SÉCURITÉ: une faille', 'Ransomware gang arrested']);
    expect(filtered).toBe(3);
  });

  it('treats regular expression characters as plain text', () => {
    const filter = compileFilter({ exclude: ['a.b', '(beta)'] })!;
    expect(filter.keep(item('axb'))).toBe(true);
    expect(filter.keep(item('a.b released'))).toBe(false);
    expect(filter.keep(item('Tool (beta) out'))).toBe(false);
  });
});
