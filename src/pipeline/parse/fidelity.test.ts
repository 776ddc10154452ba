import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../config/defaults.js';
import type { Item } from '../../model/index.js';
import { normalizeEntries } from '../normalize/index.js';
import { parseFeedDocument, type ParseOptions } from './index.js';

/**
 * Issue 17: every item says what its publisher wrote. Each document here is written for the test
 * and read the way collect reads it (parse, then normalize), so the checks are on stored fields.
 */
const fetchedAt = new Date('2025-06-10T12:00:00Z');

function items(doc: string, options: ParseOptions = {}, feedUrl = 'https://feeds.example.org/sec.xml'): Item[] {
  const feed = parseFeedDocument(Buffer.from(doc, 'utf8'), null, options);
  return normalizeEntries(feed.entries, {
    feedId: 'f',
    feedUrl,
    ...(feed.siteUrl ? { siteUrl: feed.siteUrl } : {}),
    fetchedAt,
    limits: DEFAULT_SETTINGS.collect,
  });
}

const rss = (itemXml: string, ns = '') => `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"${ns}><channel><title>Sec</title><link>https://sec.example.org/</link>${itemXml}</channel></rss>`;
const atom = (entryXml: string, feedAttrs = '') =>
  `<feed xmlns="http://www.w3.org/2005/Atom"${feedAttrs}><title>A</title><id>urn:a</id>${entryXml}</feed>`;

describe('text that names a tag is kept', () => {
  it.each([
    ['XSS via &lt;svg onload&gt; in the Orbit gallery plugin', 'XSS via <svg onload> in the Orbit gallery plugin'],
    ['Injection in &lt;iframe srcdoc&gt; handling, CVE-2024-0001 fixed', 'Injection in <iframe srcdoc> handling, CVE-2024-0001 fixed'],
    ['Why a &lt;script&gt; tag in a PDF matters', 'Why a <script> tag in a PDF matters'],
    ['&quot;&gt;&lt;svg onload=alert(1)&gt;Acme Health confirms breach of 2M patient records',
      '"><svg onload=alert(1)>Acme Health confirms breach of 2M patient records'],
    ['AT&amp;T fixes a &lt; b comparison bug', 'AT&T fixes a < b comparison bug'],
  ])('RSS title %j', (source, title) => {
    expect(items(rss(`<item><title>${source}</title><link>https://sec.example.org/1</link></item>`))[0]?.title).toBe(title);
  });

  it('reads an RSS title with real markup (end tags, references, comments) as HTML', () => {
    const titles = [
      '&lt;b&gt;Bold&lt;/b&gt; move by regulators',
      'Tom &amp;amp; Jerry patch',
      '<![CDATA[Smart&#8217;s <em>quotes</em>]]>',
      'Before<!-- hidden --> after',
    ].map((t) => items(rss(`<item><title>${t}</title><link>https://sec.example.org/1</link></item>`))[0]?.title);
    expect(titles).toEqual(['Bold move by regulators', 'Tom & Jerry patch', 'Smart’s quotes', 'Before after']);
  });

  it('keeps an Atom text title as text and strips an html or xhtml one', () => {
    const doc = atom(`
      <entry><id>urn:1</id><title type="text">History of the &lt;blink&gt; tag</title><link href="https://a.example/1"/></entry>
      <entry><id>urn:2</id><title>Default type: &lt;marquee&gt; returns</title><link href="https://a.example/2"/></entry>
      <entry><id>urn:3</id><title type="html">&lt;em&gt;Patched&lt;/em&gt; &amp;amp; shipped</title><link href="https://a.example/3"/></entry>
      <entry><id>urn:4</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Hot <b>fix</b></div></title><link href="https://a.example/4"/></entry>
      <entry><id>urn:5</id><title type="html">&quot;&gt;&lt;svg onload=alert(1)&gt;Real headline here</title><link href="https://a.example/5"/></entry>
      <entry><id>urn:6</id><title type="text">Tom &amp;amp; Jerry</title><summary type="text">Use &lt;b&gt; sparingly &lt;/b&gt;</summary><link href="https://a.example/6"/></entry>`);
    expect(items(doc).map((i) => i.title)).toEqual([
      'History of the <blink> tag',
      'Default type: <marquee> returns',
      'Patched & shipped',
      'Hot fix',
      '">Real headline here',
      'Tom &amp; Jerry',
    ]);
    expect(items(doc)[5]?.summary).toBe('Use <b> sparingly </b>');
  });

  it('does not let an unclosed or self-closed iframe or object hide the rest of a summary', () => {
    const description = '&lt;p&gt;Attackers &lt;iframe src="https://v.example/x"/&gt; stole data &lt;object data="y"&gt;from 3 banks.&lt;/p&gt;';
    const [item] = items(rss(`<item><title>T</title><link>https://sec.example.org/1</link><description>${description}</description></item>`));
    expect(item?.summary).toBe('Attackers stole data from 3 banks.');
  });
});

describe('fields publishers put elsewhere', () => {
  const ns = ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
    ' xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:media="http://search.yahoo.com/mrss/"';

  it('reads dc:title, dc:description, dcterms dates and a dc:creator without its address', () => {
    const [item] = items(rss(`<item><dc:title>Ransomware hits &lt;Acme&gt;</dc:title><link>https://sec.example.org/1</link>
      <dc:description>Systems offline.</dc:description><dc:creator>Ann Analyst (ann@example.org)</dc:creator>
      <dcterms:issued>2025-06-01T08:00:00Z</dcterms:issued><dcterms:modified>2025-06-02T08:00:00Z</dcterms:modified></item>`, ns));
    expect(item).toMatchObject({
      title: 'Ransomware hits <Acme>',
      summary: 'Systems offline.',
      author: 'Ann Analyst',
      publishedAt: '2025-06-01T08:00:00.000Z',
      dateSource: 'published',
    });
  });

  it('falls back to dcterms:modified, itunes:summary and media:title / media:description', () => {
    const [a, b] = items(rss(`
      <item><media:title>Episode 12: &lt;img&gt; tricks</media:title><link>https://sec.example.org/a</link>
        <itunes:summary>Podcast notes</itunes:summary><dcterms:modified>2025-06-03</dcterms:modified></item>
      <item><media:group><media:title type="html">&lt;b&gt;Grouped&lt;/b&gt;</media:title>
        <media:description>Plain &lt;i&gt; text</media:description></media:group><link>https://sec.example.org/b</link></item>`, ns));
    expect(a).toMatchObject({ title: 'Episode 12: <img> tricks', summary: 'Podcast notes', publishedAt: '2025-06-03T00:00:00.000Z', dateSource: 'updated' });
    expect(b).toMatchObject({ title: 'Grouped', summary: 'Plain <i> text', dateSource: 'missing' });
  });

  it('prefers the core elements when both are there', () => {
    const [item] = items(rss(`<item><title>Core</title><dc:title>DC</dc:title><description>Core desc</description>
      <dc:description>DC desc</dc:description><pubDate>Tue, 10 Jun 2025 04:00:00 GMT</pubDate><dc:date>2020-01-01</dc:date>
      <link>https://sec.example.org/1</link></item>`, ns));
    expect(item).toMatchObject({ title: 'Core', summary: 'Core desc', publishedAt: '2025-06-10T04:00:00.000Z' });
  });

  it.each([
    ['Ann Analyst (ann@example.org)', 'Ann Analyst'],
    ['ann@example.org (Ann Analyst)', 'Ann Analyst'],
    ['Ann Analyst &lt;ann@example.org&gt;', 'Ann Analyst'],
    ['ann@example.org', 'ann@example.org'],
    ['Ann (Security Desk)', 'Ann (Security Desk)'],
    ['&lt;b&gt;Ann&lt;/b&gt;', 'Ann'],
    ['Ann &lt;the &quot;admin&quot;', 'Ann <the "admin"'],
  ])('author %j → %j', (creator, author) => {
    const [item] = items(rss(`<item><title>T</title><link>https://sec.example.org/1</link><dc:creator>${creator}</dc:creator></item>`, ns));
    expect(item?.author).toBe(author);
  });

  it('keeps RSS <author> names and drops their addresses', () => {
    const [item] = items(rss('<item><title>T</title><link>https://sec.example.org/1</link><author>eve@example.org (Eve Editor)</author></item>'));
    expect(item?.author).toBe('Eve Editor');
  });

  it('decodes Atom base64 text: Atom 0.3 mode="base64" and Atom 1.0 non-text content types', () => {
    const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
    const doc03 = `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old</title>
      <entry><title mode="base64" type="text/plain">${b64('Patch <now>')}</title><id>urn:x</id>
      <link rel="alternate" href="https://old.example/1"/><content type="text/html" mode='base64'>${b64('<p>Body &amp; more</p>')}</content>
      <issued>2004-01-02T03:04:05Z</issued></entry></feed>`;
    expect(items(doc03)[0]).toMatchObject({ title: 'Patch <now>', summary: 'Body & more', publishedAt: '2004-01-02T03:04:05.000Z' });
    const doc10 = atom(`<entry><id>urn:y</id><title>T</title><link href="https://a.example/y"/>
      <content type="application/octet-stream">${b64('Encoded text')}</content></entry>
      <entry><id>urn:z</id><title>Binary</title><link href="https://a.example/z"/>
      <content type="image/png">${Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe]).toString('base64')}</content></entry>`);
    expect(items(doc10).map((i) => i.summary)).toEqual(['Encoded text', '']);
  });
});

describe('links', () => {
  it('resolves feed- and entry-level xml:base, nested, against the document URL', () => {
    const doc = atom(`
      <entry xml:base="2025/"><id>urn:1</id><title>One</title><link href="post-1.html"/></entry>
      <entry xml:base="https://mirror.example.net/news/"><id>urn:2</id><title>Two</title><link href="../post-2"/></entry>
      <entry><id>urn:3</id><title>Three</title><link href="/abs"/></entry>`, ' xml:base="https://blog.example.com/archive/"');
    expect(items(doc).map((i) => i.url)).toEqual([
      'https://blog.example.com/archive/2025/post-1.html',
      'https://mirror.example.net/post-2',
      'https://blog.example.com/abs',
    ]);
  });

  it('resolves a relative xml:base against the document URL when it is known, else the feed URL', () => {
    const doc = atom('<entry><id>urn:1</id><title>One</title><link href="p1"/></entry>', ' xml:base="blog/"');
    expect(items(doc, { documentUrl: 'https://site.example/feeds/atom.xml' })[0]?.url).toBe('https://site.example/feeds/blog/p1');
    expect(items(doc, {}, 'https://site.example/feeds/atom.xml')[0]?.url).toBe('https://site.example/blog/p1');
  });

  it('reads xml:base on RSS items', () => {
    const [item] = items(rss('<item xml:base="https://sec.example.org/2025/"><title>T</title><link>story</link></item>'));
    expect(item?.url).toBe('https://sec.example.org/2025/story');
  });

  it('links an Atom entry whose only link is its id, and resolves a relative id against xml:base', () => {
    const doc = atom(`
      <entry><id>https://a.example/posts/7</id><title>Id only</title></entry>
      <entry xml:base="https://b.example/posts/"><id>8</id><title>Relative id</title></entry>
      <entry><id>tag:a.example,2025:9</id><title>Tag id</title></entry>`);
    const [a, b, c] = items(doc);
    expect(a).toMatchObject({ url: 'https://a.example/posts/7', guid: 'https://a.example/posts/7' });
    expect(b).toMatchObject({ url: 'https://b.example/posts/8', guid: 'https://b.example/posts/8' });
    expect(c).toMatchObject({ url: null, guid: 'tag:a.example,2025:9' });
  });
});

describe('document shapes', () => {
  it.each([
    ['an RSS channel with no items', '<rss version="2.0"><channel><title>Quiet</title></channel></rss>', 'rss'],
    ['an empty RSS channel', '<rss version="2.0"><channel></channel></rss>', 'rss'],
    ['a self-closed RSS channel', '<rss version="2.0"><channel/></rss>', 'rss'],
    ['an Atom feed with no entries', '<feed xmlns="http://www.w3.org/2005/Atom"><title>Quiet</title></feed>', 'atom'],
    ['an empty Atom feed', '<feed xmlns="http://www.w3.org/2005/Atom"></feed>', 'atom'],
    ['a self-closed Atom feed', '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"/>\n', 'atom'],
  ])('reads %s as a valid empty feed', (_what, doc, format) => {
    const feed = parseFeedDocument(Buffer.from(doc), null);
    expect(feed.format).toBe(format);
    expect(feed.entries).toEqual([]);
  });

  it('reads RSS 0.9x items outside (or beside an empty) <channel>', () => {
    for (const doc of [
      '<rss version="0.91"><channel><title>x</title></channel><item><title>A</title><link>https://a.example/</link></item></rss>',
      '<rss version="0.91"><item><title>A</title><link>https://a.example/</link></item></rss>',
      '<rss version="0.92"><channel></channel><item><title>A</title><link>https://a.example/</link></item></rss>',
    ]) {
      expect(items(doc).map((i) => [i.title, i.url])).toEqual([['A', 'https://a.example/']]);
    }
  });

  it('still refuses a self-closed root followed by more markup, and a truncated one', () => {
    expect(() => parseFeedDocument(Buffer.from('<feed xmlns="http://www.w3.org/2005/Atom"/><entry/>'), null)).toThrow(/truncated/);
    expect(() => parseFeedDocument(Buffer.from('<feed xmlns="http://www.w3.org/2005/Atom">'), null)).toThrow(/truncated/);
  });
});

describe('dates on items', () => {
  it('marks an undated item and an unreadable date, and never invents a publication time', () => {
    const list = items(rss(`
      <item><title>No date</title><link>https://sec.example.org/1</link></item>
      <item><title>Bad date</title><link>https://sec.example.org/2</link><pubDate>Mon, 30 Feb 2025 10:00:00 GMT</pubDate></item>
      <item><title>US zone</title><link>https://sec.example.org/3</link><pubDate>Mon, 09 Jun 2025 21:00:00 PT</pubDate></item>`));
    expect(list.map((i) => [i.publishedAt, i.dateSource])).toEqual([
      [fetchedAt.toISOString(), 'missing'],
      [fetchedAt.toISOString(), 'unparseable'],
      ['2025-06-10T05:00:00.000Z', 'published'],
    ]);
  });
});
