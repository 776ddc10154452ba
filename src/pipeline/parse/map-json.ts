import type { JsonFeed } from 'feedsmith';
import type { ParsedFeed, RawEntry } from '../../model/item.js';
import { compact, firstText, joinNames, text, texts } from './fields.js';

type Feed = JsonFeed.Feed<string>;
type Item = JsonFeed.Item<string>;
type Author = JsonFeed.Author;

/**
 * JSON Feed 1.0 / 1.1 → ParsedFeed. feedsmith already folds 1.0's single `author` into `authors`.
 */
export function mapJson(feed: Feed): ParsedFeed {
  return compact({
    format: 'json',
    title: text(feed.title),
    siteUrl: text(feed.home_page_url),
    entries: (feed.items ?? []).map((item) => mapItem(item, feed.authors)),
  });
}

function mapItem(item: Item, feedAuthors: Author[] | undefined): RawEntry {
  return compact({
    guid: text(item.id),
    link: firstText(item.url, item.external_url),
    title: text(item.title),
    summary: text(item.summary),
    content: firstText(item.content_html, item.content_text),
    // JSON Feed 1.1: an item without authors inherits the feed's.
    author: names(item.authors) ?? names(feedAuthors),
    categories: texts(item.tags),
    published: text(item.date_published),
    updated: text(item.date_modified),
  });
}

function names(authors: Author[] | undefined): string | undefined {
  return joinNames(authors?.map((a) => a.name));
}
