import type { AtomFeed } from 'feedsmith';
import type { ParsedFeed, RawEntry } from '../../model/item.js';
import { compact, joinNames, text, texts } from './fields.js';

type Feed = AtomFeed.Feed<string>;
type Entry = AtomFeed.Entry<string>;
type Link = AtomFeed.Link<string>;
type Person = AtomFeed.Person;

/** Atom 1.0 feed → ParsedFeed. Text constructs keep their markup when type is html or xhtml. */
export function mapAtom(feed: Feed): ParsedFeed {
  return compact({
    format: 'atom',
    title: text(feed.title?.value),
    siteUrl: alternateLink(feed.links),
    entries: (feed.entries ?? []).map((entry) => mapEntry(entry, feed.authors)),
  });
}

function mapEntry(entry: Entry, feedAuthors: Person[] | undefined): RawEntry {
  return compact({
    guid: text(entry.id),
    link: alternateLink(entry.links) ?? text(entry.links?.[0]?.href),
    title: text(entry.title?.value),
    summary: text(entry.summary?.value),
    content: text(entry.content?.value),
    // RFC 4287 §4.2.1: an entry without atom:author takes the feed's (or its source's) authors.
    author: names(entry.authors) ?? names(entry.source?.authors) ?? names(feedAuthors),
    categories: texts((entry.categories ?? []).map((c) => text(c.term) ?? c.label)),
    published: text(entry.published),
    updated: text(entry.updated),
  });
}

/** RFC 4287 §4.2.7.2: a link without rel is rel="alternate". */
function alternateLink(links: Link[] | undefined): string | undefined {
  const alternate = links?.find((link) => (link.rel ?? 'alternate') === 'alternate' && text(link.href));
  return text(alternate?.href);
}

function names(people: Person[] | undefined): string | undefined {
  return joinNames(people?.map((p) => p.name));
}
