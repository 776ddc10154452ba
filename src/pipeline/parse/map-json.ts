import type { JsonFeed } from 'feedsmith';
import type { ParsedFeed, RawEntry } from '../../model/item.js';
import { compact, firstText, joinNames, text, texts } from './fields.js';
import { personName } from './people.js';
import { asHtml } from './text-construct.js';

type Feed = JsonFeed.Feed<string>;
type Item = JsonFeed.Item<string>;
type Author = JsonFeed.Author;

/**
 * JSON Feed 1.0 / 1.1 → ParsedFeed. feedsmith already folds 1.0's single `author` into `authors`.
 * The spec makes `title` and `summary` plain text, but feeds put HTML in them too: they are
 * guessed like RSS titles; `content_html` is HTML, `content_text` text.
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
  // JSON Feed 1.1: an item without authors inherits the feed's.
  const author = names(item.authors) ?? names(feedAuthors);
  return compact({
    guid: text(item.id),
    link: firstText(item.url, item.external_url),
    title: asHtml(text(item.title), 'undeclared'),
    summary: asHtml(text(item.summary), 'undeclared'),
    content: text(item.content_html) ?? asHtml(text(item.content_text), 'text'),
    // A name is text; markup around it (an end tag, an entity) is HTML to strip, like a title's.
    author: asHtml(author, 'undeclared'),
    categories: texts(item.tags),
    published: text(item.date_published),
    updated: text(item.date_modified),
  });
}

function names(authors: Author[] | undefined): string | undefined {
  return joinNames(authors?.map((a) => personName(a.name)));
}
