/**
 * Plain-text rules shared by every text field: invisible characters out, whitespace collapsed,
 * lengths capped without splitting a character.
 */

/** A word boundary is used for truncation when it falls in the last fifth of the allowed length. */
const WORD_BOUNDARY_WINDOW = 0.2;

const ELLIPSIS = '…';

/**
 * Invisible characters that only serve to disguise text: zero-width (U+200B–U+200D, U+2060,
 * U+FEFF, U+180E), soft hyphen, invisible math operators, bidirectional controls (U+061C,
 * U+200E, U+200F, U+202A–U+202E, U+2066–U+2069: "Trojan Source", CVE-2021-42574), Unicode tag
 * characters (U+E0000–U+E007F, used to smuggle hidden text), and C0/C1 controls other than
 * whitespace.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|\uDB40[\uDC00-\uDC7F]/g;

/** Lone surrogates (from a cut or a broken feed) would not survive UTF-8 storage intact. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `\s` covers NBSP, U+2000–U+200A, U+2028/9, U+3000 …; NEL (U+0085) is added by hand. */
const WHITESPACE_RUN = /[\s\u0085]+/g;

/**
 * Plain text made safe to compare and display: invisible and control characters removed,
 * lone surrogates replaced by U+FFFD, every whitespace run collapsed to one space, trimmed.
 */
export function cleanText(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(WHITESPACE_RUN, ' ')
    .trim();
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Cuts `text` to at most `end` UTF-16 units without splitting a surrogate pair. */
export function sliceSafe(text: string, end: number): string {
  return isHighSurrogate(text.charCodeAt(end - 1)) ? text.slice(0, end - 1) : text.slice(0, end);
}

/**
 * Caps clean text at `maxChars` UTF-16 units, ellipsis included. Cuts at the last space when one
 * falls in the last 20% of the room, else mid-word; never splits a surrogate pair. `forced` marks
 * text that was already cut upstream, so it gets the ellipsis even when it now fits.
 */
export function truncateText(text: string, maxChars: number, forced = false): string {
  if (!forced && text.length <= maxChars) return text;
  if (maxChars < 1) return '';
  const room = maxChars - ELLIPSIS.length;
  let cut = text;
  if (text.length > room) {
    const space = text.lastIndexOf(' ', room);
    const minBoundary = room - Math.floor(room * WORD_BOUNDARY_WINDOW);
    cut = space >= minBoundary ? text.slice(0, space) : sliceSafe(text, room);
  }
  return `${cut.trimEnd()}${ELLIPSIS}`;
}

