import { FEED_KINDS, type DateSource, type FeedKind, type Item } from '../../model/index.js';

/**
 * Items as both engines store them (sqlite/items.ts, postgres/items.ts): the row an Item is read
 * from, and the plain types of storing and analysing them. Engine-independent: the SQL stays in
 * each engine's folder.
 */

export interface UpsertCounts {
  new: number;
  updated: number;
  seen: number;
}

/** A stored item waiting for the analysis stage, with what that stage reads of its feed. */
export interface PendingItem {
  item: Item;
  feedKind: FeedKind | undefined;
  feedWeight: number;
  /** Its story when it was updated in place (it keeps it); null when it is new. */
  storyId: number | null;
}

/** The columns of an items row an Item is made of. */
export interface ItemRow {
  id: string;
  feed_id: string;
  guid: string;
  url: string | null;
  canonical_url: string | null;
  url_hash: string | null;
  title: string;
  summary: string;
  author: string | null;
  categories: string;
  published_at: string;
  fetched_at: string;
  content_hash: string;
  /** Where published_at came from (model/item.ts DateSource); null for items stored before schema 7. */
  date_source?: string | null;
}

export function toItem(row: ItemRow): Item {
  return {
    id: row.id,
    feedId: row.feed_id,
    guid: row.guid,
    url: row.url,
    canonicalUrl: row.canonical_url,
    urlHash: row.url_hash,
    title: row.title,
    summary: row.summary,
    author: row.author,
    categories: JSON.parse(row.categories) as string[],
    publishedAt: row.published_at,
    fetchedAt: row.fetched_at,
    contentHash: row.content_hash,
    ...(isDateSource(row.date_source) ? { dateSource: row.date_source } : {}),
  };
}

const DATE_SOURCES = new Set<string>(['published', 'updated', 'missing', 'unparseable'] satisfies DateSource[]);
function isDateSource(value: string | null | undefined): value is DateSource {
  return value != null && DATE_SOURCES.has(value);
}

const FEED_KINDS_SET = new Set<string>(FEED_KINDS);

/** A stored feed kind, undefined when it is none this release knows (or the feed row is missing). */
export function feedKindOf(kind: string | null): FeedKind | undefined {
  return kind !== null && FEED_KINDS_SET.has(kind) ? (kind as FeedKind) : undefined;
}

/** A pending items row with its feed's kind and weight (LEFT JOIN: null without a feed row). */
export type PendingItemRow = ItemRow & { feed_kind: string | null; feed_weight: number | null; story_id: number | null };

export function toPendingItem(row: PendingItemRow): PendingItem {
  return { item: toItem(row), feedKind: feedKindOf(row.feed_kind), feedWeight: row.feed_weight ?? 1, storyId: row.story_id };
}
