import { describe, expect, it } from 'vitest';
import { parseFeedDocument } from './index.js';
import { trimEntries } from './trim.js';

const rss = (count: number, tail = '') =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>` +
  Array.from({ length: count }, (_, i) => `<item><title>Item ${i}</title><guid>g${i}</guid></item>`).join('\n') +
  `${tail}</channel></rss>`;

describe('trimEntries / parseFeedDocument maxEntries', () => {
  it('returns a document with no more than maxEntries entries unchanged (the same string)', () => {
    const doc = rss(3);
    expect(trimEntries(doc, 'item', 0, 3)).toBe(doc);
    expect(trimEntries(doc, 'item', 0, 10)).toBe(doc);
  });

  it('keeps the first entries and whatever follows the dropped ones', () => {
    const feed = parseFeedDocument(Buffer.from(rss(50, '<link>https://after.example/</link>')), null, { maxEntries: 4 });
    expect(feed.entries.map((e) => e.title)).toEqual(['Item 0', 'Item 1', 'Item 2', 'Item 3']);
    expect(feed.siteUrl).toBe('https://after.example/');
  });

  // Adversarial case "50,000 items in one feed" (test/adversarial/size.test.ts).
  it('makes a 50,000-item document cost what a short one does', () => {
    const doc = Buffer.from(rss(50_000));
    const started = performance.now();
    const feed = parseFeedDocument(doc, null, { maxEntries: 400 });
    expect(feed.entries).toHaveLength(400);
    expect(feed.entries.at(-1)?.guid).toBe('g399');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('ignores entry markup quoted in CDATA and comments, and other names that end in "item"', () => {
    const doc = `<rss version="2.0"><channel><title>T</title>
<item><title>A</title><description><![CDATA[</item><item>]]></description><!-- <item> --></item>
<lineitem/><item><title>B</title></item><item/><item><title>C</title></item></channel></rss>`;
    const feed = parseFeedDocument(Buffer.from(doc), null, { maxEntries: 2 });
    expect(feed.entries.map((e) => e.title)).toEqual(['A', 'B']);
  });

  it('trims Atom entries with a namespace prefix, and JSON Feed items', () => {
    const atom = `<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>T</a:title>${Array.from({ length: 9 }, (_, i) => `<a:entry><a:title>E${i}</a:title><a:id>urn:e${i}</a:id></a:entry>`).join('')}</a:feed>`;
    expect(trimEntries(atom, 'entry', 0, 2).match(/<a:entry>/g)).toHaveLength(2);
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items: Array.from({ length: 9 }, (_, i) => ({ id: `j${i}`, title: `J${i}` })) });
    expect(parseFeedDocument(Buffer.from(json), null, { maxEntries: 3 }).entries.map((e) => e.guid)).toEqual(['j0', 'j1', 'j2']);
  });

  it('leaves an unbalanced document to the parser', () => {
    const doc = '<rss version="2.0"><channel><item><title>A</title></item></item><item><title>B</title></item></channel></rss>';
    expect(trimEntries(doc, 'item', 0, 1)).toBe(doc);
  });
});
