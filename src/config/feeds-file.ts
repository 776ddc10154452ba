import { isMap, isSeq, parseDocument, YAMLMap, YAMLSeq } from 'yaml';
import type { FeedConfig } from '../model/index.js';
import { parseConfig } from './load.js';

/** A feed to append to feeds.yaml; optional fields are written only when they differ from the defaults. */
export type NewFeed = Pick<FeedConfig, 'id' | 'name' | 'url' | 'kind'> & Partial<Pick<FeedConfig, 'weight' | 'tags'>>;

/**
 * Appends feeds to the text of a feeds.yaml, keeping its comments, order and formatting (YAML
 * document API, not a load/dump round trip), and validates the result with the same rules as
 * loading: a write can never leave a file that `collect` would refuse. Pure: text in, text out.
 */
export function appendFeeds(text: string, feeds: readonly NewFeed[], file: string): string {
  const doc = parseDocument(text);
  let list = doc.get('feeds', true);
  if (list === undefined || list === null || (isScalarNull(list))) {
    list = new YAMLSeq();
    doc.set('feeds', list);
  }
  if (!isSeq(list)) throw new Error(`${file}: "feeds:" is not a list`);
  for (const feed of feeds) {
    const entry = new YAMLMap();
    entry.set('id', feed.id);
    entry.set('name', feed.name);
    entry.set('url', feed.url);
    entry.set('kind', feed.kind);
    if (feed.weight !== undefined && feed.weight !== 1) entry.set('weight', feed.weight);
    if (feed.tags?.length) entry.set('tags', doc.createNode([...feed.tags], { flow: true }));
    list.items.push(entry);
  }
  const result = doc.toString();
  parseConfig(result, file);
  return result;
}

/** A feed id from a title: lower-case ASCII words joined by "-", unique among `taken`. */
export function feedIdFrom(title: string, taken: ReadonlySet<string>): string {
  const base =
    title
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48)
      .replace(/-+$/, '') || 'feed';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

function isScalarNull(node: unknown): boolean {
  return typeof node === 'object' && node !== null && 'value' in node && (node as { value: unknown }).value === null;
}

/** True when the document has a `feeds:` sequence of maps (what appendFeeds needs). */
export function hasFeedList(text: string): boolean {
  const list = parseDocument(text).get('feeds', true);
  return isSeq(list) && list.items.every((item) => isMap(item));
}
