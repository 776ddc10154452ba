import { describe, expect, it } from 'vitest';
import { parseFeedDocument } from './index.js';

const parse = (doc: string | object, contentType: string | null = null) =>
  parseFeedDocument(Buffer.from(typeof doc === 'string' ? doc : JSON.stringify(doc), 'utf8'), contentType);

describe('RSS 2.0', () => {
  const doc = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Example Security</title>
    <link>https://sec.example.com/</link>
    <description>News</description>
    <item>
      <title>  Patch Tuesday &amp; more  </title>
      <link>https://sec.example.com/patch</link>
      <guid isPermaLink="false">post-42</guid>
      <description>&lt;p&gt;Short &lt;b&gt;teaser&lt;/b&gt;&lt;/p&gt;</description>
      <content:encoded><![CDATA[<p>Full <em>story</em></p>]]></content:encoded>
      <dc:creator><![CDATA[Ann Analyst]]></dc:creator>
      <dc:creator>Bob Blue</dc:creator>
      <category>Vulnerabilities</category>
      <category domain="tags">Microsoft</category>
      <category>  </category>
      <pubDate>Tue, 11 Jun 2024 17:00:00 GMT</pubDate>
    </item>
    <item>
      <title>Second</title>
      <author>editor@example.com (Eve Editor)</author>
      <dc:date>2024-06-10T08:00:00Z</dc:date>
      <description></description>
    </item>
  </channel>
</rss>`;

  it('maps content:encoded, dc:creator, categories and the channel', () => {
    const feed = parse(doc);
    expect(feed).toMatchObject({ format: 'rss', title: 'Example Security', siteUrl: 'https://sec.example.com/' });
    expect(feed.entries[0]).toEqual({
      guid: 'post-42',
      link: 'https://sec.example.com/patch',
      // Plain text reaches normalize entity-escaped (RawEntry strings are HTML).
      title: 'Patch Tuesday &amp; more',
      summary: '<p>Short <b>teaser</b></p>',
      content: '<p>Full <em>story</em></p>',
      author: 'Ann Analyst, Bob Blue',
      categories: ['Vulnerabilities', 'Microsoft'],
      published: 'Tue, 11 Jun 2024 17:00:00 GMT',
    });
  });

  it('falls back to <author> and dc:date, and drops empty strings', () => {
    expect(parse(doc).entries[1]).toEqual({
      title: 'Second',
      author: 'Eve Editor',
      categories: [],
      published: '2024-06-10T08:00:00Z',
    });
  });

  it('accepts an unescaped & in a title', () => {
    const feed = parse(`<rss version="2.0"><channel><title>AT&T news</title>
      <item><title>Tom & Jerry patch CVE-2024-1</title><link>https://x.example/?a=1&b=2</link></item></channel></rss>`);
    expect(feed.title).toBe('AT&T news');
    expect(feed.entries[0]).toMatchObject({ title: 'Tom &amp; Jerry patch CVE-2024-1', link: 'https://x.example/?a=1&b=2' });
  });
});

describe('RSS 0.91', () => {
  it('parses a Netscape 0.91 document with its public DOCTYPE', () => {
    const feed = parse(`<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old School</title><link>http://old.example.com/</link>
<description>d</description><language>en-us</language>
<item><title>First</title><link>http://old.example.com/1</link><description>One</description></item>
<item><title>Second</title><link>http://old.example.com/2</link></item>
</channel></rss>`);
    expect(feed.format).toBe('rss');
    expect(feed.siteUrl).toBe('http://old.example.com/');
    expect(feed.entries).toEqual([
      { title: 'First', link: 'http://old.example.com/1', summary: 'One', categories: [] },
      { title: 'Second', link: 'http://old.example.com/2', categories: [] },
    ]);
  });
});

describe('RSS 1.0 (RDF)', () => {
  it('maps rdf:about, dc:creator, dc:date and dc:subject', () => {
    const feed = parse(`<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example.org/rss">
    <title>RDF Site</title><link>https://rdf.example.org/</link><description>d</description>
    <items><rdf:Seq><rdf:li rdf:resource="https://rdf.example.org/a"/><rdf:li rdf:resource="https://rdf.example.org/b"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://rdf.example.org/a">
    <title>Item A</title><link>https://rdf.example.org/a?src=rss</link>
    <description>About A</description>
    <dc:creator>Carla</dc:creator><dc:date>2024-05-01T10:00:00+02:00</dc:date>
    <dc:subject>Malware</dc:subject><dc:subject>Botnets</dc:subject>
  </item>
  <item rdf:about="https://rdf.example.org/b"><title>Item B</title></item>
</rdf:RDF>`);
    expect(feed).toMatchObject({ format: 'rdf', title: 'RDF Site', siteUrl: 'https://rdf.example.org/' });
    expect(feed.entries).toEqual([
      {
        guid: 'https://rdf.example.org/a',
        link: 'https://rdf.example.org/a?src=rss',
        title: 'Item A',
        summary: 'About A',
        author: 'Carla',
        categories: ['Malware', 'Botnets'],
        published: '2024-05-01T10:00:00+02:00',
      },
      { guid: 'https://rdf.example.org/b', link: 'https://rdf.example.org/b', title: 'Item B', categories: [] },
    ]);
  });
});

describe('Atom', () => {
  it('keeps html/xhtml markup, picks the alternate link and joins authors', () => {
    const feed = parse(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Atom &lt;i&gt;Blog&lt;/i&gt;</title>
  <link rel="self" href="https://atom.example.net/feed.xml"/>
  <link rel="alternate" type="text/html" href="https://atom.example.net/"/>
  <id>urn:uuid:feed</id><updated>2024-06-02T00:00:00Z</updated>
  <author><name>Feed Owner</name></author>
  <entry>
    <id>urn:uuid:1</id>
    <title type="html">Exploit for &lt;code&gt;CVE-2024-0001&lt;/code&gt;</title>
    <link rel="replies" href="https://atom.example.net/1#comments"/>
    <link rel="alternate" type="text/html" href="https://atom.example.net/1"/>
    <link rel="enclosure" href="https://atom.example.net/1.mp3"/>
    <summary>Summary text</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body <strong>bold</strong></p></div></content>
    <author><name>Dana</name></author><author><name>Eli</name></author>
    <category term="exploits" label="Exploits"/><category term="linux"/>
    <published>2024-06-01T09:00:00Z</published><updated>2024-06-02T09:00:00Z</updated>
  </entry>
  <entry>
    <id>urn:uuid:2</id><title>Plain</title>
    <link rel="related" href="https://elsewhere.example/"/>
    <updated>2024-06-03T00:00:00Z</updated>
  </entry>
</feed>`);
    expect(feed).toMatchObject({ format: 'atom', title: 'Atom <i>Blog</i>', siteUrl: 'https://atom.example.net/' });
    expect(feed.entries[0]).toEqual({
      guid: 'urn:uuid:1',
      link: 'https://atom.example.net/1',
      title: 'Exploit for <code>CVE-2024-0001</code>',
      summary: 'Summary text',
      content: '<p>Body <strong>bold</strong></p>',
      author: 'Dana, Eli',
      categories: ['exploits', 'linux'],
      published: '2024-06-01T09:00:00Z',
      updated: '2024-06-02T09:00:00Z',
    });
    // No alternate link: the first link; no entry author: the feed's (RFC 4287 §4.2.1).
    expect(feed.entries[1]).toEqual({
      guid: 'urn:uuid:2',
      link: 'https://elsewhere.example/',
      title: 'Plain',
      author: 'Feed Owner',
      categories: [],
      updated: '2024-06-03T00:00:00Z',
    });
  });
});

describe('format dispatch', () => {
  it('goes by the root element, not by feed markup quoted inside the document', () => {
    const feed = parse(`<feed xmlns="http://www.w3.org/2005/Atom"><title>How to</title>
      <entry><id>1</id><title>Write RSS</title><link href="https://a.example/1"/>
      <content type="html"><![CDATA[<pre>\n<rss version="2.0"><channel><item/></channel></rss></pre>]]></content></entry></feed>`);
    expect(feed.format).toBe('atom');
    expect(feed.entries[0]?.title).toBe('Write RSS');
  });
});

describe('JSON Feed', () => {
  it('maps JSON Feed 1.1 (authors, content_html, external_url)', () => {
    const feed = parse(
      {
        version: 'https://jsonfeed.org/version/1.1',
        title: 'JSON Sec',
        home_page_url: 'https://json.example.com/',
        feed_url: 'https://json.example.com/feed.json',
        authors: [{ name: 'Feed Author' }],
        items: [
          {
            id: 'https://json.example.com/1',
            url: 'https://json.example.com/1',
            title: 'One',
            summary: 'S',
            content_html: '<p>H</p>',
            content_text: 'T',
            authors: [{ name: 'Fay' }, { name: 'Gus' }],
            tags: ['ransomware', ' ', 'ransomware'],
            date_published: '2024-06-01T00:00:00Z',
            date_modified: '2024-06-02T00:00:00Z',
          },
          { id: 2, external_url: 'https://other.example/x', content_text: 'Only text' },
        ],
      },
      'application/feed+json',
    );
    expect(feed).toMatchObject({ format: 'json', title: 'JSON Sec', siteUrl: 'https://json.example.com/' });
    expect(feed.entries).toEqual([
      {
        guid: 'https://json.example.com/1',
        link: 'https://json.example.com/1',
        title: 'One',
        summary: 'S',
        content: '<p>H</p>',
        author: 'Fay, Gus',
        categories: ['ransomware'],
        published: '2024-06-01T00:00:00Z',
        updated: '2024-06-02T00:00:00Z',
      },
      { guid: '2', link: 'https://other.example/x', content: 'Only text', author: 'Feed Author', categories: [] },
    ]);
  });

  it('maps JSON Feed 1.0 (single author object, content_text)', () => {
    const feed = parse(`
      {"version": "https://jsonfeed.org/version/1", "title": "Old JSON", "home_page_url": "https://j1.example/",
       "items": [{"id": "a", "url": "https://j1.example/a", "title": "A", "content_text": "Text A",
                  "author": {"name": "Hal"}, "date_published": "2020-01-01T00:00:00Z"}]}`);
    expect(feed.entries).toEqual([
      {
        guid: 'a',
        link: 'https://j1.example/a',
        title: 'A',
        content: 'Text A',
        author: 'Hal',
        categories: [],
        published: '2020-01-01T00:00:00Z',
      },
    ]);
  });
});

describe('RSS permalink guid', () => {
  const doc = (guidAttr: string) =>
    Buffer.from(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
      <item><title>No link</title><guid${guidAttr}>https://blog.example/posts/7</guid></item></channel></rss>`);

  it('uses a permalink guid as the link when the item has no <link>', () => {
    expect(parseFeedDocument(doc(''), null).entries[0]?.link).toBe('https://blog.example/posts/7');
  });

  it('does not when the guid says isPermaLink="false"', () => {
    expect(parseFeedDocument(doc(' isPermaLink="false"'), null).entries[0]?.link).toBeUndefined();
  });
});
