import { describe, expect, it } from 'vitest';
import type { RawEntry } from '../../model/index.js';
import { contentHash, entryGuid, itemId, MAX_GUID_CHARS } from './identity.js';

const entry = (fields: Partial<RawEntry>): RawEntry => ({ categories: [], ...fields });

describe('entryGuid', () => {
  it('uses the trimmed guid first', () => {
    expect(entryGuid(entry({ guid: '  tag:example.com,2025:1 \n', link: 'https://x/a' }), 'https://x/a')).toBe(
      'tag:example.com,2025:1',
    );
  });

  it('falls back to the canonical URL, then the raw link', () => {
    expect(entryGuid(entry({ guid: '   ', link: '/a?utm_source=x' }), 'https://example.com/a')).toBe('https://example.com/a');
    expect(entryGuid(entry({ link: ' javascript:void(0) ' }), null)).toBe('javascript:void(0)');
  });

  it('falls back to a hash of title and summary, else content', () => {
    const guid = entryGuid(entry({ title: 'T', summary: 'S' }), null);
    expect(guid).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(entryGuid(entry({ title: 'T', summary: 'S' }), null)).toBe(guid);
    expect(entryGuid(entry({ title: 'T', content: 'S' }), null)).toBe(guid);
    expect(entryGuid(entry({ title: 'T2', summary: 'S' }), null)).not.toBe(guid);
    expect(entryGuid(entry({}), null)).toMatch(/^sha256:[0-9a-f]{32}$/);
  });

  it('caps a huge guid without splitting a surrogate pair', () => {
    expect(entryGuid(entry({ guid: 'g'.repeat(100_000) }), null)).toHaveLength(MAX_GUID_CHARS);
    const guid = entryGuid(entry({ guid: `${'g'.repeat(MAX_GUID_CHARS - 1)}😀` }), null);
    expect(guid).toBe('g'.repeat(MAX_GUID_CHARS - 1));
  });
});

describe('itemId', () => {
  it('is stable per feed and guid', () => {
    const id = itemId('krebs', 'https://krebsonsecurity.com/?p=1');
    expect(id).toMatch(/^[0-9a-f]{20}$/);
    expect(itemId('krebs', 'https://krebsonsecurity.com/?p=1')).toBe(id);
    expect(itemId('other-feed', 'https://krebsonsecurity.com/?p=1')).not.toBe(id);
    expect(itemId('krebs', 'https://krebsonsecurity.com/?p=2')).not.toBe(id);
  });

  it('separates feed id and guid', () => {
    expect(itemId('ab', 'c')).not.toBe(itemId('a', 'bc'));
  });
});

describe('contentHash', () => {
  it('changes when the title or summary changes', () => {
    const hash = contentHash('Title', 'Summary');
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(contentHash('Title', 'Summary')).toBe(hash);
    expect(contentHash('Title (updated)', 'Summary')).not.toBe(hash);
    expect(contentHash('Title', 'Summary, revised')).not.toBe(hash);
  });
});
