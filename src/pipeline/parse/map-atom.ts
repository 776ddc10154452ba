import type { AtomFeed } from 'feedsmith';
import type { ParsedFeed, RawEntry } from '../../model/item.js';
import { decodeBase64Text } from './base64-text.js';
import { extensionPublished, extensionSummary, extensionTitle, extensionUpdated } from './extensions.js';
import { compact, joinNames, text, texts, type MapContext } from './fields.js';
import { personName } from './people.js';
import { asHtml, kindOfType } from './text-construct.js';
import { resolveReference } from './xml-base.js';

type Feed = AtomFeed.Feed<string>;
type Entry = AtomFeed.Entry<string>;
type Link = AtomFeed.Link<string>;
type Person = AtomFeed.Person;
type Text = AtomFeed.Text;

/**
 * Atom 1.0 (and 0.3) feed → ParsedFeed. Text constructs follow their declared type: html and
 * xhtml keep their markup, text is escaped (text-construct.ts).
 */
export function mapAtom(feed: Feed, ctx: MapContext): ParsedFeed {
  const bases = [ctx.documentUrl, feed.xml?.base];
  return compact({
    format: 'atom',
    title: text(feed.title?.value),
    siteUrl: resolveReference(alternateLink(feed.links), bases),
    entries: (feed.entries ?? []).map((entry) => mapEntry(entry, feed.authors, bases, ctx)),
  });
}

function mapEntry(entry: Entry, feedAuthors: Person[] | undefined, feedBases: readonly (string | undefined)[], ctx: MapContext): RawEntry {
  const bases = [...feedBases, entry.xml?.base];
  const hasBase = bases.slice(1).some((base) => text(base) !== undefined);
  // An id is an IRI; a relative one (a mistake, but feeds make it) means something only against xml:base.
  const guid = hasBase ? resolveReference(text(entry.id), bases) : text(entry.id);
  const link = alternateLink(entry.links) ?? text(entry.links?.[0]?.href) ?? idAsLink(guid);
  const author = names(entry.authors) ?? names(entry.source?.authors) ?? names(feedAuthors);
  return compact({
    guid,
    link: resolveReference(link, bases),
    title: textConstruct(entry.title, ctx) ?? extensionTitle(entry),
    summary: textConstruct(entry.summary, ctx) ?? extensionSummary(entry),
    content: textConstruct(entry.content, ctx),
    // RFC 4287 §4.2.1: an entry without atom:author takes the feed's (or its source's) authors.
    // A name is text; markup around it (an end tag, an entity) is HTML to strip, like a title's.
    author: asHtml(author, 'undeclared'),
    categories: texts((entry.categories ?? []).map((c) => text(c.term) ?? c.label)),
    published: text(entry.published) ?? extensionPublished(entry),
    updated: text(entry.updated) ?? extensionUpdated(entry),
  });
}

/**
 * A text construct (title, summary, content) as RawEntry HTML. Base64 is decoded first: Atom 0.3
 * `mode="base64"` (found by base64-text.ts), or Atom 1.0 content whose type is neither text nor
 * XML (RFC 4287 §4.1.3.3), kept only when it decodes to UTF-8 text.
 */
function textConstruct(construct: Text | AtomFeed.Content | undefined, ctx: MapContext): string | undefined {
  const value = text(construct?.value);
  if (value === undefined) return undefined;
  const kind = kindOfType(construct?.type);
  if (ctx.base64Values.has(value)) return asHtml(decodeBase64Text(value), kind);
  if (isBinaryType(construct?.type)) return asHtml(decodeBase64Text(value), 'text');
  return asHtml(value, kind);
}

/** A MIME type (it has a `/`) that is neither `text/*` nor XML: RFC 4287 says base64. */
function isBinaryType(type: string | undefined): boolean {
  const value = type?.trim().toLowerCase() ?? '';
  return value.includes('/') && !value.startsWith('text/') && !value.endsWith('+xml') && !value.endsWith('/xml');
}

/** RFC 4287 §4.2.7.2: a link without rel is rel="alternate". */
function alternateLink(links: Link[] | undefined): string | undefined {
  const alternate = links?.find((link) => (link.rel ?? 'alternate') === 'alternate' && text(link.href));
  return text(alternate?.href);
}

/** An entry without a link is still linkable when its id is a web address (or a path, under xml:base). */
function idAsLink(id: string | undefined): string | undefined {
  return id !== undefined && /^(?:https?:\/\/|\/)/i.test(id) ? id : undefined;
}

function names(people: Person[] | undefined): string | undefined {
  return joinNames(people?.map((p) => personName(p.name)));
}
