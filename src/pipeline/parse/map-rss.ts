import type { RssFeed } from 'feedsmith';
import type { ParsedFeed, RawEntry } from '../../model/item.js';
import { extensionPublished, extensionSummary, extensionTitle, extensionUpdated } from './extensions.js';
import { compact, firstText, joinNames, text, texts, type MapContext } from './fields.js';
import { personName } from './people.js';
import { asHtml } from './text-construct.js';
import { resolveReference } from './xml-base.js';

type Feed = RssFeed.Feed<string>;
type Item = RssFeed.Item<string>;

/** RSS 0.91–2.0 channel → ParsedFeed. */
export function mapRss(feed: Feed, ctx: MapContext): ParsedFeed {
  const bases = [ctx.documentUrl, feed.xml?.base];
  return compact({
    format: 'rss',
    title: text(feed.title),
    siteUrl: resolveReference(text(feed.link), bases),
    entries: (feed.items ?? []).map((item) => mapItem(item, bases)),
  });
}

function mapItem(item: Item, feedBases: readonly (string | undefined)[]): RawEntry {
  const bases = [...feedBases, item.xml?.base];
  return compact({
    guid: text(item.guid?.value),
    link: resolveReference(text(item.link) ?? permalinkGuid(item), bases),
    // RSS says nothing of a title's type; text.ts's guess keeps "XSS via <svg onload>" as text.
    title: asHtml(text(item.title), 'undeclared') ?? extensionTitle(item),
    summary: text(item.description) ?? extensionSummary(item),
    content: text(item.content?.encoded),
    author: authorOf(item),
    categories: texts([...(item.categories ?? []).map((c) => c.name), ...(item.dc?.subjects ?? [])]),
    published: firstText(item.pubDate) ?? extensionPublished(item),
    updated: extensionUpdated(item),
  });
}

/**
 * dc:creator is what WordPress and most CMSs emit; RSS <author> is meant to be an e-mail address
 * (feedsmith splits `ann@example.com (Ann)` into both). Names only, never addresses, when a name
 * is given.
 */
function authorOf(item: Item): string | undefined {
  const names = joinNames((item.dc?.creators ?? []).map(personName)) ??
    joinNames(item.authors?.map((p) => personName(p.name) ?? p.email));
  return asHtml(names, 'undeclared');
}

/**
 * RSS 2.0: a guid is a permalink unless isPermaLink="false", so an item without <link> but with
 * an http(s) guid is still linkable.
 */
function permalinkGuid(item: Item): string | undefined {
  const guid = text(item.guid?.value);
  if (!guid || item.guid?.isPermaLink === false) return undefined;
  return /^https?:\/\//i.test(guid) ? guid : undefined;
}
