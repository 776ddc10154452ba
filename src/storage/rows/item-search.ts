import type { Section } from '../../model/index.js';
import { isSet, type Flag } from './flag.js';

/** What `secdigest items` asks of storage (sqlite/item-search.ts, postgres/item-search.ts). */
export interface ItemSearchQuery {
  /** A plain substring of the title or the summary, any case; `%` and `_` are plain characters. */
  text?: string;
  /** Items published at or after this ISO 8601 UTC time. */
  publishedSince?: string;
  /** Only items of these feeds. */
  feedIds?: readonly string[];
  /** Only items labelled with this topic. */
  topic?: string;
  limit: number;
}

/** A stored item with its story and labels, as `secdigest items` lists it. */
export interface ItemListing {
  id: string;
  feedId: string;
  title: string;
  url: string | null;
  publishedAt: string;
  /** The story it was filed in; null while it waits for the analysis stage. */
  storyId: number | null;
  /** Labels; null (and empty lists) while the item is not classified. */
  topic: string | null;
  section: Section | null;
  relevant: boolean | null;
  victims: string[];
  cves: string[];
}

export interface ItemListingRow {
  id: string;
  feed_id: string;
  title: string;
  url: string | null;
  published_at: string;
  /** PostgreSQL returns a BIGINT as a string. */
  story_id: number | string | null;
  topic: string | null;
  section: string | null;
  relevant: Flag | null;
  victims: string;
  cves: string;
}

export const ITEM_LISTING_COLUMNS = 'i.id, i.feed_id, i.title, i.url, i.published_at, i.story_id, i.topic, i.section, i.relevant, i.victims, i.cves';

export function toItemListing(row: ItemListingRow): ItemListing {
  const classified = row.topic !== null;
  return {
    id: row.id,
    feedId: row.feed_id,
    title: row.title,
    url: row.url,
    publishedAt: row.published_at,
    storyId: row.story_id === null ? null : Number(row.story_id),
    topic: row.topic,
    section: classified ? ((row.section ?? 'news') as Section) : null,
    relevant: classified && row.relevant !== null ? isSet(row.relevant) : null,
    victims: JSON.parse(row.victims) as string[],
    cves: JSON.parse(row.cves) as string[],
  };
}

/** `text` as a LIKE pattern matching it anywhere, its own `%`, `_` and `\` escaped (ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
