import type { RssFeed } from 'feedsmith';
import type { ParsedFeed, RawEntry } from '../../model/item.js';
import { compact, firstText, joinNames, text, texts } from './fields.js';

type Feed = RssFeed.Feed<string>;
type Item = RssFeed.Item<string>;

/** RSS 0.91–2.0 channel → ParsedFeed. */
export function mapRss(feed: Feed): ParsedFeed {
  return compact({
    format: 'rss',
    title: text(feed.title),
    siteUrl: text(feed.link),
    entries: (feed.items ?? []).map(mapItem),
  });
}

function mapItem(item: Item): RawEntry {
  return compact({
    guid: text(item.guid?.value),
    link: text(item.link) ?? permalinkGuid(item),
    title: text(item.title),
    summary: text(item.description),
    content: text(item.content?.encoded),
    // dc:creator is what WordPress and most CMSs emit; RSS <author> is meant to be an e-mail address.
    author: joinNames(item.dc?.creators) ?? joinNames(item.authors?.map((p) => p.name ?? p.email)),
    categories: texts([...(item.categories ?? []).map((c) => c.name), ...(item.dc?.subjects ?? [])]),
    published: firstText(item.pubDate, ...(item.dc?.dates ?? [])),
  });
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
