import { describe, expect, it } from 'vitest';
import type { CollectSettings, Item, RawEntry } from '../../model/index.js';
import { DEFAULT_SETTINGS } from '../../config/defaults.js';
import { contentHash, itemId, normalizeEntries, normalizeEntry, urlHash, type NormalizeContext } from './index.js';

const fetchedAt = new Date('2025-06-10T12:00:00Z');

function context(limits: Partial<CollectSettings> = {}, extra: Partial<NormalizeContext> = {}): NormalizeContext {
  return {
    feedId: 'example-blog',
    feedUrl: 'https://example.com/feed/',
    siteUrl: 'https://www.example.com/',
    fetchedAt,
    limits: { ...DEFAULT_SETTINGS.collect, ...limits },
    ...extra,
  };
}

const entry = (fields: Partial<RawEntry>): RawEntry => ({ categories: [], ...fields });

describe('normalizeEntry', () => {
  it('turns a typical WordPress entry into an Item', () => {
    const raw: RawEntry = {
      guid: 'https://www.example.com/?p=123',
      link: '/2025/06/patch-tuesday/?utm_source=rss&utm_medium=rss#respond',
      title: 'Microsoft&#8217;s June Patch Tuesday &amp; a zero-day',
      summary: '<p>Sixty-six fixes.</p><p>One is <b>exploited</b>.&nbsp;</p><script>track()</script>',
      content: '<p>Full text</p>',
      author: ' <span>Jane&nbsp;Doe</span> ',
      categories: ['Patch Tuesday', 'microsoft', 'Microsoft', '  ', '<b>Zero-day</b>'],
      published: 'Tue, 10 Jun 2025 04:00:00 +0000',
    };
    const expected: Item = {
      id: itemId('example-blog', 'https://www.example.com/?p=123'),
      feedId: 'example-blog',
      guid: 'https://www.example.com/?p=123',
      url: 'https://www.example.com/2025/06/patch-tuesday/?utm_source=rss&utm_medium=rss#respond',
      canonicalUrl: 'https://www.example.com/2025/06/patch-tuesday/',
      urlHash: urlHash('https://www.example.com/2025/06/patch-tuesday/'),
      title: 'Microsoft’s June Patch Tuesday & a zero-day',
      summary: 'Sixty-six fixes. One is exploited.',
      author: 'Jane Doe',
      categories: ['Patch Tuesday', 'microsoft', 'Zero-day'],
      publishedAt: '2025-06-10T04:00:00.000Z',
      dateSource: 'published',
      fetchedAt: '2025-06-10T12:00:00.000Z',
      contentHash: contentHash('Microsoft’s June Patch Tuesday & a zero-day', 'Sixty-six fixes. One is exploited.'),
    };
    expect(normalizeEntry(raw, context())).toEqual(expected);
  });

  it('is deterministic', () => {
    const raw = entry({ link: 'https://example.com/a', title: 'A' });
    expect(normalizeEntry(raw, context())).toEqual(normalizeEntry(raw, context()));
  });

  it('resolves relative links against the feed URL when the site URL is missing', () => {
    const item = normalizeEntry(entry({ link: 'post-1', title: 'T' }), context({}, { siteUrl: undefined }));
    expect(item.url).toBe('https://example.com/feed/post-1');
  });

  it.each(['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'mailto:x@example.com'])(
    'drops a %s link',
    (link) => {
      const item = normalizeEntry(entry({ link, title: 'Hostile', guid: 'g1' }), context());
      expect(item).toMatchObject({ url: null, canonicalUrl: null, urlHash: null });
    },
  );

  it('removes ref naming the feed’s own host', () => {
    const item = normalizeEntry(entry({ link: 'https://other.org/x?ref=example.com&id=1', title: 'T' }), context());
    expect(item.canonicalUrl).toBe('https://other.org/x?id=1');
  });

  it('uses summary, else content; keeps a summary that repeats the title', () => {
    expect(normalizeEntry(entry({ title: 'T', content: '<p>Body</p>' }), context()).summary).toBe('Body');
    expect(normalizeEntry(entry({ title: 'T', summary: '<img src=x>', content: 'Body' }), context()).summary).toBe('Body');
    expect(normalizeEntry(entry({ title: 'Same', summary: 'Same' }), context()).summary).toBe('Same');
  });

  it('falls back to the first words of the summary for a missing title, else (untitled)', () => {
    const summary = `CISA adds ${'vulnerability '.repeat(20)}to its catalog`;
    const title = normalizeEntry(entry({ title: '  <b></b> ', summary }), context()).title;
    expect(title.length).toBeLessThanOrEqual(100);
    expect(title).toMatch(/^CISA adds vulnerability .*vulnerability…$/);
    expect(normalizeEntry(entry({ link: 'https://example.com/x' }), context()).title).toBe('(untitled)');
  });

  it('caps title, summary, author and categories', () => {
    const item = normalizeEntry(
      entry({
        title: 'word '.repeat(1000),
        summary: 'text '.repeat(1000),
        author: 'a'.repeat(500),
        categories: Array.from({ length: 50 }, (_, i) => `cat${i} ${'x'.repeat(200)}`),
      }),
      context({ titleMaxChars: 50, summaryMaxChars: 80 }),
    );
    expect(item.title.length).toBeLessThanOrEqual(50);
    expect(item.summary.length).toBeLessThanOrEqual(80);
    expect(item.author?.length).toBeLessThanOrEqual(200);
    expect(item.categories).toHaveLength(20);
    expect(item.categories.every((c) => c.length <= 100)).toBe(true);
  });

  it('bounds a 1 MB title', () => {
    const item = normalizeEntry(entry({ title: `<p>${'A'.repeat(1_000_000)}</p>`, guid: 'big' }), context());
    expect(item.title.length).toBe(DEFAULT_SETTINGS.collect.titleMaxChars);
  });

  it('gives null author when there is none', () => {
    expect(normalizeEntry(entry({ title: 'T', author: ' <i></i> ' }), context()).author).toBeNull();
  });

  it('uses the fetch time for missing or future dates', () => {
    expect(normalizeEntry(entry({ title: 'T' }), context()).publishedAt).toBe(fetchedAt.toISOString());
    expect(normalizeEntry(entry({ title: 'T', published: '2099-01-01T00:00:00Z' }), context()).publishedAt).toBe(
      fetchedAt.toISOString(),
    );
    expect(normalizeEntry(entry({ title: 'T', updated: '2025-06-01T00:00:00Z' }), context()).publishedAt).toBe(
      '2025-06-01T00:00:00.000Z',
    );
  });

  it('gives the same entry the same id across fetches and feeds a different one', () => {
    const raw = entry({ guid: 'post-1', title: 'T' });
    const first = normalizeEntry(raw, context());
    const later = normalizeEntry({ ...raw, title: 'T (updated)' }, context({}, { fetchedAt: new Date('2025-06-11T00:00:00Z') }));
    expect(later.id).toBe(first.id);
    expect(later.contentHash).not.toBe(first.contentHash);
    expect(normalizeEntry(raw, context({}, { feedId: 'mirror' })).id).not.toBe(first.id);
  });

  it('keys a guid-less entry by its canonical URL, so tracking noise does not make it new', () => {
    const a = normalizeEntry(entry({ link: 'https://example.com/a?utm_source=x', title: 'T' }), context());
    const b = normalizeEntry(entry({ link: 'https://example.com/a?utm_source=y#top', title: 'T' }), context());
    expect(a.guid).toBe('https://example.com/a');
    expect(b.id).toBe(a.id);
  });

  it('treats non-string fields as absent', () => {
    const hostile = { title: { _: 'x' }, link: 42, categories: 'nope' } as unknown as RawEntry;
    const item = normalizeEntry(hostile, context());
    expect(item).toMatchObject({ title: '(untitled)', url: null, categories: [] });
  });
});

describe('normalizeEntries', () => {
  it('drops later entries repeating a guid (first wins)', () => {
    const items = normalizeEntries(
      [
        entry({ guid: 'a', title: 'First A' }),
        entry({ guid: 'b', title: 'B' }),
        entry({ guid: 'a', title: 'Second A' }),
      ],
      context(),
    );
    expect(items.map((i) => i.title)).toEqual(['First A', 'B']);
  });

  it('dedupes guid-less entries by canonical link', () => {
    const items = normalizeEntries(
      [entry({ link: '/x?utm_source=a', title: 'X' }), entry({ link: '/x?utm_source=b', title: 'X again' })],
      context(),
    );
    expect(items).toHaveLength(1);
  });

  it('skips entries with neither title nor link', () => {
    const items = normalizeEntries(
      [
        entry({ guid: 'empty' }),
        entry({ guid: 'js', link: 'javascript:alert(1)', title: '  ' }),
        entry({ guid: 'link-only', link: 'https://example.com/only-link' }),
        entry({ guid: 'title-only', title: 'Only a title' }),
      ],
      context(),
    );
    expect(items.map((i) => i.guid)).toEqual(['link-only', 'title-only']);
  });

  it('keeps at most maxItemsPerFeed', () => {
    const entries = Array.from({ length: 10 }, (_, i) => entry({ guid: `g${i}`, title: `T${i}` }));
    const items = normalizeEntries(entries, context({ maxItemsPerFeed: 3 }));
    expect(items.map((i) => i.guid)).toEqual(['g0', 'g1', 'g2']);
  });

  it('counts kept items, not skipped ones, toward the cap', () => {
    const entries = [entry({ guid: 'a', title: 'A' }), entry({ guid: 'a', title: 'dup' }), entry({}), entry({ guid: 'b', title: 'B' })];
    expect(normalizeEntries(entries, context({ maxItemsPerFeed: 2 })).map((i) => i.guid)).toEqual(['a', 'b']);
  });
});
