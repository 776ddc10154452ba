import { DetectError, MalformedError, ParseError, parseAtomFeed, parseJsonFeed, parseRdfFeed, parseRssFeed } from 'feedsmith';
import { FeedError } from '../../model/errors.js';
import type { FeedFormat, ParsedFeed } from '../../model/item.js';
import { base64ModeValues } from './base64-text.js';
import { decodeBody } from './decode.js';
import { assertRootClosed, detectShape, type DocumentShape } from './detect.js';
import { assertSafeDoctype } from './doctype.js';
import { jsonErrorLocation } from './json-position.js';
import { mapAtom } from './map-atom.js';
import { mapJson } from './map-json.js';
import { mapRdf } from './map-rdf.js';
import { mapRss } from './map-rss.js';
import type { MapContext } from './fields.js';
import { trimEntries } from './trim.js';

export { decodeBody } from './decode.js';

/**
 * Bytes of a fetched feed → ParsedFeed (RSS 0.9x/1.0/2.0, Atom 1.0, JSON Feed 1.0/1.1).
 * Throws FeedError: `decode`, `not-a-feed` (empty, HTML, other XML/JSON) or `malformed`.
 *
 * DTD entities are never expanded nor fetched: feedsmith runs fast-xml-parser with processEntities off,
 * so `&name;` from a DOCTYPE stays literal text (billion laughs), and a DOCTYPE declaring an external
 * or parameter entity is rejected as `malformed` with a message naming it (XXE; doctype.ts).
 * entities.test.ts holds both to it; test/adversarial/entities.test.ts does so through collect.
 */
export function parseFeedDocument(body: Buffer, contentType: string | null, options: ParseOptions = {}): ParsedFeed {
  const decoded = decodeBody(body, contentType);
  const shape = detectShape(decoded, contentType);
  if (shape.kind === 'json') return parseJson(decoded, options.maxEntries);
  assertSafeDoctype(decoded, shape.rootStart);
  assertRootClosed(decoded, shape.root, shape.rootStart);
  const text = options.maxEntries === undefined
    ? decoded
    : trimEntries(decoded, shape.format === 'atom' ? 'entry' : 'item', shape.rootStart, options.maxEntries);
  const ctx: MapContext = {
    ...(options.documentUrl ? { documentUrl: options.documentUrl } : {}),
    base64Values: shape.format === 'atom' ? base64ModeValues(text) : new Set(),
  };
  // We dispatch on the root element we found rather than on feedsmith's parseFeed, whose regex
  // detection tries RSS first anywhere in the text (an Atom entry quoting "<rss version=" would misroute).
  try {
    switch (shape.format) {
      case 'rss':
        return mapRss(parseRss(text, shape), ctx);
      case 'atom':
        return mapAtom(parseAtomFeed(text), ctx);
      case 'rdf':
        return mapRdf(parseRdfFeed(text), ctx);
    }
  } catch (error) {
    // feedsmith's ParseError: well-formed XML under a feed root, but no channel or feed content to
    // read. That is a feed with nothing in it yet (issue 17), not a broken document.
    if (error instanceof ParseError) return emptyFeed(shape.format);
    throw xmlError(error, shape.root);
  }
}

/**
 * RSS 0.9x documents may put their items beside an empty or missing `<channel>` (the RDF
 * layout), which feedsmith reads only when a channel with content exists: one is added, empty.
 */
function parseRss(text: string, shape: Extract<DocumentShape, { kind: 'xml' }>) {
  try {
    return parseRssFeed(text);
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    const startTagEnd = text.indexOf('>', shape.rootStart) + 1;
    return parseRssFeed(`${text.slice(0, startTagEnd)}<channel><title></title></channel>${text.slice(startTagEnd)}`);
  }
}

function emptyFeed(format: FeedFormat): ParsedFeed {
  return { format, entries: [] };
}

export interface ParseOptions {
  /**
   * Read at most this many entries (the first ones, in document order); the rest are dropped
   * before the XML parser sees them, so a 50,000-item document costs what a short one does.
   */
  maxEntries?: number;
  /**
   * The document's URL (after redirects), the base of `xml:base` and of relative ids. Without it
   * such references stay relative paths, which normalize resolves against the feed's URL.
   */
  documentUrl?: string;
}

function parseJson(text: string, maxEntries: number | undefined): ParsedFeed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const at = jsonErrorLocation(text);
    const where = at ? ` at line ${at.line}, column ${at.column}` : '';
    throw new FeedError('malformed', `malformed JSON${where}: ${messageOf(error)}`, { cause: error });
  }
  if (!isJsonFeed(json)) {
    throw new FeedError('not-a-feed', 'JSON but not a JSON Feed (no "version": "https://jsonfeed.org/version/1…")');
  }
  const record = json as Record<string, unknown>;
  if (maxEntries !== undefined && Array.isArray(record.items) && record.items.length > maxEntries) {
    json = { ...record, items: record.items.slice(0, maxEntries) };
  }
  try {
    return mapJson(parseJsonFeed(json));
  } catch (error) {
    throw new FeedError('malformed', `malformed JSON Feed: ${messageOf(error)}`, { cause: error });
  }
}

/** https://www.jsonfeed.org/version/1.1/: `version` is required and is the spec's URL. */
function isJsonFeed(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const version: unknown = (json as Record<string, unknown>).version;
  return typeof version === 'string' && /jsonfeed\.org\/version\/1/i.test(version);
}

function xmlError(error: unknown, root: string): FeedError {
  if (error instanceof FeedError) return error;
  if (error instanceof DetectError) {
    return new FeedError('not-a-feed', `XML root <${root}> but no feed content`, { cause: error });
  }
  // MalformedError wraps the XML parser's own complaint ("Unexpected end of title"); ParseError means
  // the XML was read but held no channel/feed to speak of.
  const detail = error instanceof MalformedError && error.cause !== undefined ? messageOf(error.cause) : undefined;
  const message = detail ? `malformed XML: ${detail}` : `malformed XML: <${root}> holds no readable feed`;
  return new FeedError('malformed', message, { cause: error });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
