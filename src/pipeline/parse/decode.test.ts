import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, chooseCharset, decodeBody, normalizeCharset } from './decode.js';
import { parseFeedDocument } from './index.js';

const rss = (title: string, declaration = '') =>
  `${declaration}<rss version="2.0"><channel><title>Feed</title>` +
  `<item><title>${title}</title><link>https://example.com/1</link></item></channel></rss>`;

describe('decodeBody', () => {
  it('decodes ISO-8859-1 without an XML declaration by the HTTP charset', () => {
    const bytes = iconv.encode(rss('Café über'), 'latin1');
    const feed = parseFeedDocument(bytes, 'text/xml; charset=ISO-8859-1');
    expect(feed.entries[0]?.title).toBe('Café über');
  });

  it('reads windows-1252 from the XML declaration: smart quotes and the euro sign', () => {
    const head = Buffer.from('<?xml version="1.0" encoding="windows-1252"?>\n', 'ascii');
    const title = Buffer.concat([Buffer.from('A '), Buffer.from([0x93]), Buffer.from('quote'), Buffer.from([0x94, 0x20, 0x80])]);
    const parts = rss('@@').split('@@');
    const bytes = Buffer.concat([head, Buffer.from(parts[0] ?? ''), title, Buffer.from(parts[1] ?? '')]);
    expect(parseFeedDocument(bytes, null).entries[0]?.title).toBe('A \u201Cquote\u201D \u20AC');
  });

  it('decodes a declared iso-8859-1 as windows-1252, as browsers do', () => {
    const bytes = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="iso-8859-1"?>'), Buffer.from([0x93, 0x61, 0x94])]);
    expect(decodeBody(bytes, null)).toContain('\u201Ca\u201D');
    expect(normalizeCharset('US-ASCII')).toBe('windows-1252');
    expect(normalizeCharset('Latin1')).toBe('windows-1252');
  });

  it('strips a UTF-8 BOM and lets it win over the HTTP charset', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rss('Zoë'), 'utf8')]);
    expect(decodeBody(bytes, 'text/xml; charset=windows-1251').startsWith('<rss')).toBe(true);
    expect(parseFeedDocument(bytes, 'text/xml; charset=windows-1251').entries[0]?.title).toBe('Zoë');
  });

  it('decodes UTF-16LE and UTF-16BE with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(rss('Ωmega', '<?xml version="1.0" encoding="UTF-16"?>'), 'utf-16le')]);
    expect(parseFeedDocument(le, null).entries[0]?.title).toBe('Ωmega');
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(rss('Ωmega'), 'utf-16be')]);
    expect(parseFeedDocument(be, null).entries[0]?.title).toBe('Ωmega');
  });

  it('turns bytes invalid in the declared charset into U+FFFD without failing', () => {
    const bytes = iconv.encode(rss('Café'), 'latin1');
    const feed = parseFeedDocument(bytes, 'application/rss+xml; charset=utf-8');
    expect(feed.entries[0]?.title).toBe('Caf\uFFFD');
  });

  it('prefers the HTTP charset to the XML declaration', () => {
    const bytes = iconv.encode(rss('Привет', '<?xml version="1.0" encoding="utf-8"?>'), 'windows-1251');
    expect(chooseCharset(bytes, 'text/xml; charset=windows-1251')).toEqual({ charset: 'windows-1251', source: 'http' });
    expect(parseFeedDocument(bytes, 'text/xml; charset=windows-1251').entries[0]?.title).toBe('Привет');
  });

  it('falls back to UTF-8 for an unknown charset label', () => {
    expect(normalizeCharset('x-no-such-charset')).toBe('utf-8');
    const bytes = Buffer.from(rss('naïve'), 'utf8');
    expect(parseFeedDocument(bytes, 'text/xml; charset=bogus').entries[0]?.title).toBe('naïve');
  });

  it('reads quoted and unquoted charset parameters', () => {
    expect(charsetFromContentType('text/xml; charset="UTF-8"')).toBe('UTF-8');
    expect(charsetFromContentType('text/xml;charset=koi8-r; foo=bar')).toBe('koi8-r');
    expect(charsetFromContentType('application/rss+xml')).toBeUndefined();
    expect(chooseCharset(Buffer.from('<rss/>'), null)).toEqual({ charset: 'utf-8', source: 'default' });
  });

  it('never throws for arbitrary bytes', () => {
    const noise = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 97) % 256));
    expect(() => decodeBody(noise, 'text/xml; charset=utf-8')).not.toThrow();
    expect(() => decodeBody(noise, 'text/xml; charset=utf-16')).not.toThrow();
  });
});
