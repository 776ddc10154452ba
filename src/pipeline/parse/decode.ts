import iconv from 'iconv-lite';
import { FeedError } from '../../model/errors.js';

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
  source: 'bom' | 'http' | 'xml-declaration' | 'default';
}

/**
 * Decodes a feed body to text: BOM, else the HTTP charset, else the XML declaration, else UTF-8.
 * Invalid byte sequences become U+FFFD; a leading BOM is removed.
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
  const http = contentType ? charsetFromContentType(contentType) : undefined;
  if (http) return { charset: normalizeCharset(http), source: 'http' };
  const declared = charsetFromXmlDeclaration(body);
  if (declared) return { charset: normalizeCharset(declared), source: 'xml-declaration' };
  return { charset: 'utf-8', source: 'default' };
}

function charsetFromBom(body: Buffer): string | undefined {
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body.length >= 2 && body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body.length >= 2 && body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  return undefined;
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
