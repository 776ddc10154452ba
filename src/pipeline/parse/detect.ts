import { FeedError } from '../../model/errors.js';
import type { FeedFormat } from '../../model/item.js';

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
 * contain `<!ENTITY …>` markup).
 */
function locateRootElement(text: string, from = 0): { name: string; index: number } | undefined {
  let i = text.indexOf('<', from);
  while (i !== -1) {
    if (text.startsWith('<?', i)) {
      i = after(text, '?>', i + 2);
    } else if (text.startsWith('<!--', i)) {
      i = after(text, '-->', i + 4);
    } else if (text.startsWith('<!', i)) {
      i = afterDeclaration(text, i);
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
export function assertRootClosed(text: string, root: string): void {
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
  if (!closing.test(tail)) {
    throw new FeedError('malformed', `malformed XML: the document ends before </${root}> (truncated?)`);
  }
}

function afterDeclaration(text: string, i: number): number {
  const close = text.indexOf('>', i);
  const subset = text.indexOf('[', i);
  // A DOCTYPE internal subset holds `>` characters of its own: skip to the `]>` that ends it.
  if (subset !== -1 && (close === -1 || subset < close)) {
    const end = text.indexOf(']', subset);
    return end === -1 ? -1 : after(text, '>', end);
  }
  return close === -1 ? -1 : close + 1;
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
