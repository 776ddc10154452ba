import type { RdfFeed } from 'feedsmith';
import type { ParsedFeed, RawEntry } from '../../model/item.js';
import { compact, firstText, joinNames, text, texts } from './fields.js';

type Feed = RdfFeed.Feed<string>;
type Item = RdfFeed.Item<string>;

/** RSS 0.90 / RSS 1.0 (RDF) document → ParsedFeed. Both name items by `rdf:about`. */
export function mapRdf(feed: Feed): ParsedFeed {
  return compact({
    format: 'rdf',
    title: text(feed.title),
    siteUrl: firstText(feed.link, feed.rdf?.about),
    entries: (feed.items ?? []).map(mapItem),
  });
}

function mapItem(item: Item): RawEntry {
  const about = text(item.rdf?.about);
  return compact({
    guid: about,
    link: firstText(item.link, about),
    title: text(item.title),
    summary: text(item.description),
    content: text(item.content?.encoded),
    author: joinNames(item.dc?.creators),
    categories: texts(item.dc?.subjects),
    published: firstText(...(item.dc?.dates ?? [])),
  });
}
