import type { RdfFeed } from 'feedsmith';
import type { ParsedFeed, RawEntry } from '../../model/item.js';
import { extensionPublished, extensionSummary, extensionTitle, extensionUpdated } from './extensions.js';
import { compact, firstText, joinNames, text, texts, type MapContext } from './fields.js';
import { personName } from './people.js';
import { asHtml } from './text-construct.js';
import { resolveReference } from './xml-base.js';

type Feed = RdfFeed.Feed<string>;
type Item = RdfFeed.Item<string>;

/** RSS 0.90 / RSS 1.0 (RDF) document → ParsedFeed. Both name items by `rdf:about`. */
export function mapRdf(feed: Feed, ctx: MapContext): ParsedFeed {
  const bases = [ctx.documentUrl, feed.xml?.base];
  return compact({
    format: 'rdf',
    title: text(feed.title),
    siteUrl: resolveReference(firstText(feed.link, feed.rdf?.about), bases),
    entries: (feed.items ?? []).map((item) => mapItem(item, bases)),
  });
}

function mapItem(item: Item, feedBases: readonly (string | undefined)[]): RawEntry {
  const bases = [...feedBases, item.xml?.base];
  const about = text(item.rdf?.about);
  const author = joinNames((item.dc?.creators ?? []).map(personName));
  return compact({
    guid: about,
    link: resolveReference(firstText(item.link, about), bases),
    title: asHtml(text(item.title), 'undeclared') ?? extensionTitle(item),
    summary: text(item.description) ?? extensionSummary(item),
    content: text(item.content?.encoded),
    // A name is text; markup around it (an end tag, an entity) is HTML to strip, like a title's.
    author: asHtml(author, 'undeclared'),
    categories: texts(item.dc?.subjects),
    published: extensionPublished(item),
    updated: extensionUpdated(item),
  });
}
