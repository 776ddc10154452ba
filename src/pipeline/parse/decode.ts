import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { FeedError } from '../../model/errors.js';
import { charsetFromBom, charsetFromNulPattern, isMostlyUtf8 } from './decode-sniff.js';

/**
 * Labels browsers decode as windows-1252 (WHATWG Encoding Standard, "windows-1252" aliases):
 * feeds that say "latin-1" routinely contain cp1252 smart quotes and euro signs in 0x80–0x9F,
 * which true ISO-8859-1 would turn into invisible C1 control characters.
 */
const WINDOWS_1252_ALIASES = new Set([
  'iso-8859-1',
  'iso8859-1',
  'iso_8859-1',
  'iso-ir-100',
  'latin1',
  'latin-1',
  'l1',
  'cp819',
  'ibm819',
  'csisolatin1',
  'us-ascii',
  'ascii',
  'ansi_x3.4-1968',
]);

/** How many leading bytes to search for an XML declaration (it must come first in the document). */
const DECLARATION_WINDOW = 1024;

/** Which charset the bytes are in, and why we think so (useful in logs and tests). */
export interface CharsetChoice {
  charset: string;
  source: 'bom' | 'http' | 'xml-declaration' | 'default' | 'sniffed';
}

/**
 * Decodes a feed body to text: BOM, else the NUL pattern of UTF-16/32, else the HTTP charset,
 * else the XML declaration, else UTF-8, each label checked against the bytes (see
 * {@link sniffMislabel}). Invalid byte sequences become U+FFFD; a leading BOM is removed.
 */
export function decodeBody(body: Buffer, contentType: string | null): string {
  const { charset } = chooseCharset(body, contentType);
  let text: string;
  try {
    text = iconv.decode(body, charset, { stripBOM: true });
  } catch (error) {
    throw new FeedError('decode', `cannot decode the body as ${charset}`, { cause: error });
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function chooseCharset(body: Buffer, contentType: string | null): CharsetChoice {
  const bom = charsetFromBom(body);
  if (bom) return { charset: bom, source: 'bom' };
  // UTF-16/32 bytes cannot be what an ASCII-compatible label says: the bytes win.
  const wide = charsetFromNulPattern(body);
  if (wide) return { charset: wide, source: 'sniffed' };
  const http = contentType ? charsetFromContentType(contentType) : undefined;
  const declared = http ?? charsetFromXmlDeclaration(body);
  const choice: CharsetChoice = declared
    ? { charset: normalizeCharset(declared), source: http ? 'http' : 'xml-declaration' }
    : { charset: 'utf-8', source: 'default' };
  const sniffed = sniffMislabel(body, choice.charset);
  return sniffed ? { charset: sniffed, source: 'sniffed' } : choice;
}

/**
 * A wrong charset label is common (a CMS that says ISO-8859-1 and writes UTF-8, or the reverse),
 * and believing it garbles every accented letter ("CafÃ©"). Two checks on the bytes, both cheap:
 * - labelled with a legacy (ASCII-compatible, non-UTF) charset but valid UTF-8 with at least one
 *   multi-byte sequence: read as UTF-8. Legacy text is practically never valid UTF-8 by chance
 *   (Dürst, "The Properties and Promises of UTF-8", 1997; the reason UTF-8 detection is reliable).
 * - labelled (or defaulted) UTF-8 but not valid UTF-8, and without a single valid multi-byte
 *   sequence: a legacy body, read as windows-1252 (feedparser's fallback order does the same).
 *   A UTF-8 body with some corrupt bytes has valid sequences elsewhere and stays UTF-8 (U+FFFD).
 */
export function sniffMislabel(body: Buffer, charset: string): string | undefined {
  // A wide label on bytes without a BOM or NUL pattern (chooseCharset looked for both) is wrong:
  // the declaration itself was readable as ASCII. Read the bytes as UTF-8, with the UTF-8 checks.
  if (isWide(charset)) return sniffMislabel(body, 'utf-8') ?? 'utf-8';
  if (charset === 'utf-8') {
    if (isUtf8(body) || isMostlyUtf8(body)) return undefined;
    return 'windows-1252';
  }
  if (isAscii(body)) return undefined;
  return isUtf8(body) ? 'utf-8' : undefined;
}

function isWide(charset: string): boolean {
  return /^(utf-?(16|32)|ucs-?(2|4))/.test(charset);
}

/** The `charset` parameter of a media type (RFC 9110 §8.3.1), quoted or not. */
export function charsetFromContentType(contentType: string): string | undefined {
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  const value = (match?.[1] ?? match?.[2])?.trim();
  return value ? value : undefined;
}

function charsetFromXmlDeclaration(body: Buffer): string | undefined {
  // The declaration is ASCII in every ASCII-compatible charset; latin1 maps bytes 1:1 so nothing throws.
  const head = body.subarray(0, DECLARATION_WINDOW).toString('latin1');
  const match = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match?.[1];
}

/** Lower-cases a label, applies the browser aliases, and falls back to UTF-8 for labels we cannot decode. */
export function normalizeCharset(label: string): string {
  const lower = label.trim().toLowerCase();
  if (WINDOWS_1252_ALIASES.has(lower)) return 'windows-1252';
  // An unknown label (a typo, "none", a vendor name) is far more often UTF-8 in practice than anything
  // else; decoding as UTF-8 keeps ASCII intact and turns the rest into U+FFFD instead of failing the feed.
  if (!iconv.encodingExists(lower)) return 'utf-8';
  return lower;
}
