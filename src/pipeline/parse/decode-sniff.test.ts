import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { chooseCharset, decodeBody } from './decode.js';
import { charsetFromBom, charsetFromNulPattern, isMostlyUtf8, utf8Evidence } from './decode-sniff.js';
import { parseFeedDocument } from './index.js';

const rss = (title: string, declaration = '') =>
  `${declaration}<rss version="2.0"><channel><title>Feed</title>` +
  `<item><title>${title}</title><link>https://example.com/1</link></item></channel></rss>`;
const titleOf = (bytes: Buffer, contentType: string | null = null) => parseFeedDocument(bytes, contentType).entries[0]?.title;

describe('byte-order marks and UTF-16/32 without one', () => {
  it.each([
    [[0xef, 0xbb, 0xbf, 0x3c], 'utf-8'],
    [[0xff, 0xfe, 0x3c, 0x00], 'utf-16le'],
    [[0xfe, 0xff, 0x00, 0x3c], 'utf-16be'],
    [[0xff, 0xfe, 0x00, 0x00], 'utf-32le'],
    [[0x00, 0x00, 0xfe, 0xff], 'utf-32be'],
    [[0x3c, 0x3f, 0x78, 0x6d], undefined],
    [[0xef, 0xbb], undefined],
    [[], undefined],
  ])('BOM %j → %s', (bytes, charset) => {
    expect(charsetFromBom(Buffer.from(bytes))).toBe(charset);
  });

  it.each([
    [[0x00, 0x00, 0x00, 0x3c], 'utf-32be'],
    [[0x3c, 0x00, 0x00, 0x00], 'utf-32le'],
    [[0x00, 0x3c, 0x00, 0x3f], 'utf-16be'],
    [[0x3c, 0x00, 0x3f, 0x00], 'utf-16le'],
    [[0x00, 0x7b, 0x00, 0x22], 'utf-16be'],
    [[0x20, 0x00, 0x3c, 0x00], 'utf-16le'],
    [[0x3c, 0x00, 0x3f], undefined],
    [[0x3c, 0x3f, 0x78, 0x6d], undefined],
    [[0x00, 0x00, 0x00, 0x00], undefined],
    [[0x00, 0x80, 0x00, 0x3c], undefined],
    [[0x3c, 0x00, 0x80, 0x00], undefined],
    [[0x00, 0x00, 0x00, 0xfe], undefined],
    [[0x80, 0x00, 0x00, 0x00], undefined],
  ])('NUL pattern %j → %s', (bytes, charset) => {
    expect(charsetFromNulPattern(Buffer.from(bytes))).toBe(charset);
  });

  it.each(['utf-16le', 'utf-16be', 'utf-32le', 'utf-32be'])('parses %s without a BOM, declaration or header', (encoding) => {
    const bytes = iconv.encode(rss('Ωmega – “quoted”', `<?xml version="1.0" encoding="${encoding.slice(0, 6)}"?>`), encoding);
    expect(chooseCharset(bytes, null)).toEqual({ charset: encoding, source: 'sniffed' });
    expect(titleOf(bytes)).toBe('Ωmega – “quoted”');
    // The bytes beat a label that cannot be true of them.
    expect(titleOf(bytes, 'text/xml; charset=utf-8')).toBe('Ωmega – “quoted”');
  });

  it('parses UTF-32 with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x00]), iconv.encode(rss('Zoë'), 'utf-32le')]);
    const be = Buffer.concat([Buffer.from([0x00, 0x00, 0xfe, 0xff]), iconv.encode(rss('Zoë'), 'utf-32be')]);
    expect(titleOf(le)).toBe('Zoë');
    expect(titleOf(be)).toBe('Zoë');
  });

  it('ignores a UTF-16 declaration or header on single-byte text', () => {
    const bytes = Buffer.from(rss('Café', '<?xml version="1.0" encoding="UTF-16"?>'), 'utf8');
    expect(chooseCharset(bytes, null)).toEqual({ charset: 'utf-8', source: 'sniffed' });
    expect(titleOf(bytes)).toBe('Café');
    expect(titleOf(bytes, 'application/xml; charset=utf-16')).toBe('Café');
    const legacy = iconv.encode(rss('Café'), 'windows-1252');
    expect(chooseCharset(legacy, 'text/xml; charset=ucs-2')).toEqual({ charset: 'windows-1252', source: 'sniffed' });
  });
});

describe('UTF-8 validity, then windows-1252', () => {
  it('counts well-formed sequences and stray bytes', () => {
    expect(utf8Evidence(Buffer.from('plain ascii'))).toEqual({ valid: 0, invalid: 0 });
    expect(utf8Evidence(Buffer.from('é € 😀', 'utf8'))).toEqual({ valid: 3, invalid: 0 });
    expect(utf8Evidence(Buffer.from([0xe9, 0x20, 0xc3, 0xa9, 0xff, 0xc3]))).toEqual({ valid: 1, invalid: 3 });
    // A truncated sequence at the very end is a stray byte each.
    expect(utf8Evidence(Buffer.from([0x41, 0xe2, 0x82]))).toEqual({ valid: 0, invalid: 2 });
    expect(utf8Evidence(Buffer.from([0xf0, 0x9f, 0x98, 0x80, 0xc0, 0xaf]))).toEqual({ valid: 1, invalid: 2 });
  });

  it('keeps UTF-8 when at least one in five non-ASCII runs is well formed', () => {
    expect(isMostlyUtf8(Buffer.from([0xc3, 0xa9, 0xff, 0xff, 0xff, 0xff]))).toBe(true);
    expect(isMostlyUtf8(Buffer.from([0xc3, 0xa9, 0xff, 0xff, 0xff, 0xff, 0xff]))).toBe(false);
    expect(isMostlyUtf8(Buffer.from([0xff]))).toBe(false);
    expect(isMostlyUtf8(Buffer.from('ascii only'))).toBe(false);
  });

  it('reads undeclared ISO-8859-1 French with a chance UTF-8 pair as windows-1252, not garbled', () => {
    // "à " + NBSP + "»": 0xE0 0xA0 0xBB is a well-formed UTF-8 sequence by accident.
    const title = 'Psychologue à\u00A0» domicile : l’état « brut » – déjà vu, très complexe…';
    const bytes = iconv.encode(rss(title), 'windows-1252');
    expect(utf8Evidence(bytes).valid).toBeGreaterThan(0);
    expect(chooseCharset(bytes, null)).toEqual({ charset: 'windows-1252', source: 'sniffed' });
    expect(titleOf(bytes)).toBe(title);
  });

  it('reads a KOI8-R document by its declaration', () => {
    const bytes = iconv.encode(rss('Новости безопасности', '<?xml version="1.0" encoding="KOI8-R"?>'), 'koi8-r');
    expect(titleOf(bytes)).toBe('Новости безопасности');
  });

  it('strips every BOM it decodes', () => {
    expect(decodeBody(Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x3c, 0, 0, 0]), null)).toBe('<');
    expect(decodeBody(Buffer.from([0xef, 0xbb, 0xbf, 0x3c]), 'text/xml; charset=windows-1252')).toBe('<');
  });
});
