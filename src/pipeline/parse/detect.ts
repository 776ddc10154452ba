import { FeedError } from '../../model/errors.js';
import type { FeedFormat } from '../../model/item.js';

/**
 * The most text before the root element: an XML declaration, a stylesheet instruction, a comment
 * and a DOCTYPE take a few hundred bytes in real feeds. A longer prolog is refused before the XML
 * parser sees it (its time grows faster than the prolog: 200,000 `<?x?>` took 0.2 s, twice as many
 * 0.5 s), and doctype.ts reads this much of it for entity declarations, so nothing hides beyond.
 */
export const MAX_PROLOG_CHARS = 64 * 1024;

/** What a decoded document looks like, decided from its first bytes before any real parsing. */
export type DocumentShape =
  | { kind: 'json' }
  /** `rootStart`: where the root element's start tag begins (the prolog and DOCTYPE lie before it). */
  | { kind: 'xml'; format: Exclude<FeedFormat, 'json'>; root: string; rootStart: number };

/**
 * Cheap checks that turn the common "this URL does not serve a feed" cases into clear `not-a-feed`
 * errors: empty body, HTML page, unknown XML root. JSON is recognised here and checked after parsing.
 */
export function detectShape(text: string, contentType: string | null): DocumentShape {
  const start = firstNonSpace(text);
  if (start === -1) throw new FeedError('not-a-feed', 'empty document');
  const first = text[start];
  if (first === '{' || first === '[') return { kind: 'json' };
  if (first !== '<') {
    if (contentType && /json/i.test(contentType)) return { kind: 'json' };
    throw new FeedError('not-a-feed', `neither XML nor JSON (starts with "${preview(text, start)}")`);
  }
  const head = text.slice(start, start + 14).toLowerCase();
  if (head.startsWith('<!doctype html') || /^<html[\s>]/.test(head)) {
    throw new FeedError('not-a-feed', 'an HTML page, not a feed');
  }
  const found = locateRootElement(text, start);
  if (found === undefined) throw new FeedError('not-a-feed', 'XML without a root element');
  const { name: root, index: rootStart } = found;
  const local = (root.split(':').pop() ?? root).toLowerCase();
  if (local === 'html') throw new FeedError('not-a-feed', 'an HTML page, not a feed');
  if (local === 'rss') return { kind: 'xml', format: 'rss', root, rootStart };
  if (local === 'feed') return { kind: 'xml', format: 'atom', root, rootStart };
  // RSS 0.90 and 1.0 are both RDF documents: <rdf:RDF> with the channel and items as children.
  if (local === 'rdf') return { kind: 'xml', format: 'rdf', root, rootStart };
  throw new FeedError('not-a-feed', `XML root <${root}> is not RSS, Atom or RDF`);
}

/**
 * The first element (its name, and the index where its start tag begins), skipping the XML
 * declaration, processing instructions, comments and a DOCTYPE (whose internal subset may itself
 * contain `<!ENTITY …>` markup). Any other `<!…>` before the root is not XML: it is refused at
 * once, so a prolog of 400,000 such declarations costs one linear scan (issue 17).
 */
function locateRootElement(text: string, from = 0): { name: string; index: number } | undefined {
  let i = text.indexOf('<', from);
  while (i !== -1) {
    if (i > MAX_PROLOG_CHARS) {
      throw new FeedError('malformed', `malformed XML: more than ${MAX_PROLOG_CHARS / 1024} KiB of declarations, comments and processing instructions before the root element`);
    }
    if (text.startsWith('<?', i)) {
      i = after(text, '?>', i + 2);
    } else if (text.startsWith('<!--', i)) {
      i = after(text, '-->', i + 4);
    } else if (text.startsWith('<!', i)) {
      if (!/^<!DOCTYPE\s/i.test(text.slice(i, i + 10))) {
        throw new FeedError('malformed', `malformed XML: "${preview(text, i)}" before the root element (only a DOCTYPE, comments and processing instructions may come first)`);
      }
      i = afterDoctype(text, i);
    } else {
      const match = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(i, i + 256));
      return match?.[1] === undefined ? undefined : { name: match[1], index: i };
    }
    if (i === -1) return undefined;
    i = text.indexOf('<', i);
  }
  return undefined;
}

/**
 * fast-xml-parser (under feedsmith) accepts a document that simply stops, returning the items read so far.
 * A body cut short by a dropped connection or a size limit should fail loudly instead, so we require the
 * root's end tag, allowing comments, processing instructions and whitespace after it.
 */
export function assertRootClosed(text: string, root: string, rootStart = 0): void {
  let end = text.length;
  for (;;) {
    while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
    if (text.endsWith('-->', end)) {
      end = text.lastIndexOf('<!--', end - 3);
    } else if (text.endsWith('?>', end)) {
      end = text.lastIndexOf('<?', end - 2);
    } else {
      break;
    }
    if (end === -1) break;
  }
  const tail = end > 0 ? text.slice(Math.max(0, end - root.length - 16), end) : '';
  const closing = new RegExp(`</\\s*${escapeRegExp(root)}\\s*>$`, 'i');
  // An empty feed may close its root in its start tag: `<feed xmlns="…"/>`.
  const selfClosed = text.indexOf('>', rootStart) === end - 1 && text.charCodeAt(end - 2) === 0x2f;
  if (!closing.test(tail) && !selfClosed) {
    throw new FeedError('malformed', `malformed XML: the document ends before </${root}> (truncated?)`);
  }
}

/**
 * The end of a DOCTYPE. Its internal subset (`[ … ]`) holds `>` characters of its own, so a `[`
 * before the first `>` means skipping to the `]` and then the `>`. The `[` is looked for only up
 * to that first `>`: searching the rest of the document for each declaration was quadratic.
 */
function afterDoctype(text: string, i: number): number {
  const close = text.indexOf('>', i);
  if (close === -1) return -1;
  const subset = text.slice(i, close).indexOf('[');
  if (subset === -1) return close + 1;
  const end = text.indexOf(']', i + subset);
  return end === -1 ? -1 : after(text, '>', end);
}

function after(text: string, token: string, from: number): number {
  const at = text.indexOf(token, from);
  return at === -1 ? -1 : at + token.length;
}

function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) return i;
  return -1;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0xfeff;
}

function preview(text: string, start: number): string {
  return text.slice(start, start + 20).replace(/\s+/g, ' ');
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
