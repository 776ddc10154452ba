/** Feed formats the parser understands. */
export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

/**
 * One entry as the document gave it, before any cleaning. Strings may hold HTML and entities;
 * dates are whatever text the feed used. Produced by pipeline/parse, consumed by pipeline/normalize.
 */
export interface RawEntry {
  guid?: string;
  link?: string;
  title?: string;
  /** HTML-bearing description / summary (RSS description, Atom summary, JSON Feed summary). */
  summary?: string;
  /** Full content when the feed carries it (content:encoded, Atom content, JSON content_html/text). */
  content?: string;
  author?: string;
  categories: string[];
  /** Publication date text as found (pubDate, dc:date, published, date_published). */
  published?: string;
  /** Update date text as found (atom:updated, date_modified). */
  updated?: string;
}

/** See {@link Item.dateSource}: the two last values mean "undated" (publishedAt is the fetch time). */
export type DateSource = 'published' | 'updated' | 'missing' | 'unparseable';

export interface ParsedFeed {
  format: FeedFormat;
  title?: string;
  /** The site the feed belongs to, when it says so; used to resolve relative links. */
  siteUrl?: string;
  entries: RawEntry[];
}

/** The one typed record every later stage works with. All text is plain text (no HTML). */
export interface Item {
  /** Stable id: a hash of feed id and guid, so the same entry always gets the same id. */
  id: string;
  feedId: string;
  /** The entry's guid, else its link, else a hash of its title and content. */
  guid: string;
  /** Absolute link as published (resolved against the feed URL), or null when the entry has none. */
  url: string | null;
  /** Link with tracking parameters, fragment and default port removed; null without a link. */
  canonicalUrl: string | null;
  /** Hash of canonicalUrl, indexed for cross-feed exact-duplicate look-ups. */
  urlHash: string | null;
  title: string;
  summary: string;
  author: string | null;
  categories: string[];
  /** UTC ISO 8601. Missing or unreadable: the fetch time. In the future: clamped to the fetch time. */
  publishedAt: string;
  /**
   * Where `publishedAt` came from: the entry's published or updated date, or the fetch time
   * because the entry had no date (`missing`) or one that could not be read (`unparseable`).
   * Set by normalize; absent on items read back from storage, which does not keep it yet.
   */
  dateSource?: DateSource;
  /** UTC ISO 8601 time of the fetch that produced this record. */
  fetchedAt: string;
  /** Hash of title and summary: tells an in-place update from a re-read of the same entry. */
  contentHash: string;
}
