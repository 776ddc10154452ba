/** What kind of source a feed is; drives section defaults and relevance later on. */
export const FEED_KINDS = ['news', 'vendor', 'government', 'press'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

/** One entry of feeds.yaml after validation and defaults. */
export interface FeedConfig {
  id: string;
  name: string;
  url: string;
  kind: FeedKind;
  /** Editorial weight of the source, 0..10 (default 1). Higher wins ties in later stages. */
  weight: number;
  enabled: boolean;
  tags: string[];
  /**
   * Fetch this feed at most this often (minutes); absent: at every scheduled collect. Lets a slow
   * source be polled every few hours while the collect job runs hourly.
   */
  intervalMinutes?: number;
  /**
   * Keyword filters (issue 19): an item is kept when its title or summary has one of `include`'s words
   * or phrases (when given) and none of `exclude`'s, whole words, any case. Filtered items are never stored.
   */
  include?: string[];
  exclude?: string[];
  /**
   * Extra request headers as written in feeds.yaml; `${NAME}` in a value names an environment
   * variable, filled in by config/feed-headers.ts at start-up. Values are secrets: never printed,
   * logged, exported or reported.
   */
  headers?: Record<string, string>;
}
