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

  it('turns corrupt bytes in a UTF-8 body into U+FFFD without failing', () => {
    const parts = rss('@@').split('@@');
    const bytes = Buffer.concat([Buffer.from(`${parts[0]}Café `), Buffer.from([0xff, 0xc3]), Buffer.from(` ok${parts[1]}`)]);
    const feed = parseFeedDocument(bytes, 'application/rss+xml; charset=utf-8');
    expect(feed.entries[0]?.title).toBe('Café \uFFFD\uFFFD ok');
  });

  // Adversarial case "wrong charset declaration" (test/adversarial/encoding.test.ts).
  it('reads a legacy body labelled UTF-8 as windows-1252 when no byte sequence is valid UTF-8', () => {
    const bytes = iconv.encode(rss('Café \u201Cquoted\u201D'), 'windows-1252');
    expect(chooseCharset(bytes, 'application/rss+xml; charset=utf-8')).toEqual({ charset: 'windows-1252', source: 'sniffed' });
    expect(parseFeedDocument(bytes, 'application/rss+xml; charset=utf-8').entries[0]?.title).toBe('Café \u201Cquoted\u201D');
    expect(parseFeedDocument(bytes, null).entries[0]?.title).toBe('Café \u201Cquoted\u201D');
  });

  it('reads a UTF-8 body labelled ISO-8859-1 (HTTP or XML declaration) as UTF-8', () => {
    const bytes = Buffer.from(rss('Café \u2013 \u201Cquoted\u201D', '<?xml version="1.0" encoding="ISO-8859-1"?>'), 'utf8');
    expect(chooseCharset(bytes, null)).toEqual({ charset: 'utf-8', source: 'sniffed' });
    expect(parseFeedDocument(bytes, null).entries[0]?.title).toBe('Café \u2013 \u201Cquoted\u201D');
    expect(parseFeedDocument(bytes, 'text/xml; charset=latin1').entries[0]?.title).toBe('Café \u2013 \u201Cquoted\u201D');
  });

  it('keeps a legacy label when the bytes are pure ASCII or not valid UTF-8', () => {
    expect(chooseCharset(Buffer.from(rss('plain')), 'text/xml; charset=iso-8859-1')).toEqual({ charset: 'windows-1252', source: 'http' });
    const cyrillic = iconv.encode(rss('Привет'), 'koi8-r');
    expect(chooseCharset(cyrillic, 'text/xml; charset=koi8-r')).toEqual({ charset: 'koi8-r', source: 'http' });
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
