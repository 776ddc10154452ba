import * as cheerio from 'cheerio';

/** Elements whose content is never text a reader sees: dropped with everything inside. */
const REMOVED_ELEMENTS = new Set([
  'script', 'style', 'noscript', 'iframe', 'object', 'embed', 'template', 'svg', 'math',
  'head', 'noembed', 'noframes',
]);

/**
 * Elements that break a line when rendered: their edges become a space so `<p>a</p><p>b</p>`
 * reads `a b`, not `ab`. Table cells, lists and rules are included for the same reason.
 */
const BLOCK_ELEMENTS = new Set([
  'p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'blockquote', 'pre', 'section',
  'article', 'figure', 'figcaption', 'dd', 'dt', 'dl', 'ul', 'ol', 'table', 'td', 'th', 'caption',
  'hr', 'header', 'footer', 'aside', 'nav', 'main', 'address', 'details', 'summary', 'fieldset',
  'legend', 'center', 'option',
]);

/** Raw HTML kept per output character before parsing, so a 1 MB title costs no more than a long one. */
const RAW_CHARS_PER_OUTPUT_CHAR = 64;

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
function sliceSafe(text: string, end: number): string {
  if (end >= text.length) return text;
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
    cut = space >= minBoundary && space > 0 ? text.slice(0, space) : sliceSafe(text, room);
  }
  return `${cut.trimEnd()}${ELLIPSIS}`;
}

/** The part of the DOM we read; domhandler's nodes satisfy it structurally. */
interface DomNode {
  readonly type: string;
  readonly name?: string;
  readonly data?: string;
  readonly children?: readonly DomNode[];
}

/**
 * Text content of parsed HTML. Iterative (deeply nested markup cannot overflow the stack);
 * text nodes are taken as decoded once by the parser and never parsed again, so
 * `&lt;script&gt;` stays the literal text `<script>`.
 */
function collectText(root: DomNode): string {
  const parts: string[] = [];
  const stack: (DomNode | ' ')[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (node === ' ') {
      parts.push(' ');
      continue;
    }
    if (node.type === 'text') {
      parts.push(node.data ?? '');
      continue;
    }
    if (node.type === 'comment' || node.type === 'directive') continue;
    const name = node.name?.toLowerCase();
    if (name !== undefined && REMOVED_ELEMENTS.has(name)) continue;
    if (name === 'br') {
      parts.push(' ');
      continue;
    }
    const block = name !== undefined && BLOCK_ELEMENTS.has(name);
    if (block) stack.push(' ');
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child !== undefined) stack.push(child);
    }
    if (block) parts.push(' ');
  }
  return parts.join('');
}

/**
 * A cut can land inside a tag or an entity; the parser would then show `<a hre` or `&am` as
 * text. Drops such a tail (with lastIndexOf, not a regex, to stay linear).
 */
function dropPartialMarkup(html: string): string {
  let end = html.length;
  const lt = html.lastIndexOf('<');
  if (lt > html.lastIndexOf('>')) end = lt;
  const amp = html.lastIndexOf('&', end - 1);
  if (amp !== -1 && /^&#?[A-Za-z0-9]{0,32}$/.test(html.slice(amp, end))) end = amp;
  return html.slice(0, end);
}

/**
 * cheerio's htmlparser2 backend in HTML mode instead of parse5: 2.6x faster on feed summaries
 * (measured: 20k summaries 1,233 ms vs 473 ms) with the same treatment of script/style raw text
 * and entities. Spec-exact tree building does not matter when only the text is kept.
 */
const HTMLPARSER2_OPTIONS = { xml: { xmlMode: false, decodeEntities: true } };

/**
 * Plain text from an HTML-bearing feed string (title, summary, content, author). Markup is parsed
 * once with cheerio: dangerous and invisible elements are dropped, block edges become spaces,
 * entities are decoded exactly once, then {@link cleanText} and, with `maxChars`, truncation.
 * The raw string is cut to 64 × maxChars first, so the work stays bounded on hostile input.
 */
export function htmlToText(html: string, maxChars?: number): string {
  const bound = maxChars === undefined ? html.length : maxChars * RAW_CHARS_PER_OUTPUT_CHAR;
  const wasCut = html.length > bound;
  const raw = wasCut ? sliceSafe(html, bound) : html;
  let text: string;
  if (!raw.includes('<') && !raw.includes('&')) {
    text = cleanText(raw);
  } else {
    const $ = cheerio.load(wasCut ? dropPartialMarkup(raw) : raw, HTMLPARSER2_OPTIONS, false);
    const root: DomNode | undefined = $.root()[0];
    text = root === undefined ? '' : cleanText(collectText(root));
  }
  return maxChars === undefined ? text : truncateText(text, maxChars, wasCut && text !== '');
}
