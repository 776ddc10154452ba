import { isUtf8 } from 'node:buffer';

/**
 * Base64-encoded Atom text. Atom 1.0 encodes content whose MIME type is neither text nor XML
 * (RFC 4287 §4.1.3.3); Atom 0.3 marks any text construct `mode="base64"`. feedsmith drops the
 * `mode` attribute, so the document is scanned for it here and the encoded values recognised
 * when the mapper meets them.
 */

const NO_VALUES: ReadonlySet<string> = new Set();

/**
 * A start tag and the text after it. The name is followed by a look-ahead and the attributes by
 * `[^<>]*>`, so no two quantifiers compete for the same characters: one linear pass.
 */
const TAG_AND_TEXT = /<[A-Za-z_][\w.:-]*(?=[\s/>])([^<>]*)>([^<]*)/g;
const BASE64_MODE = /\bmode\s*=\s*["']base64["']/i;

/** The (trimmed) texts of elements marked `mode="base64"`, in a document that mentions base64. */
export function base64ModeValues(document: string): ReadonlySet<string> {
  if (!/mode\s*=\s*["']base64/i.test(document)) return NO_VALUES;
  const values = new Set<string>();
  for (const match of document.matchAll(TAG_AND_TEXT)) {
    const value = (match[2] ?? '').trim();
    if (value !== '' && BASE64_MODE.test(match[1] ?? '')) values.add(value);
  }
  return values;
}

/** Base64 that decodes to UTF-8 text, decoded; undefined for anything else (binary, not base64). */
export function decodeBase64Text(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (compact === '' || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  const bytes = Buffer.from(compact, 'base64');
  return isUtf8(bytes) ? bytes.toString('utf8') : undefined;
}
