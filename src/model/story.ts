/**
 * Stories: one entry per event, however many outlets and wires carried it (issue 4). Produced by
 * pipeline/dedupe, kept by storage/sqlite/stories.ts.
 */
export interface Story {
  id: number;
  /** The member shown for the story; rule in pipeline/dedupe/representative.ts. */
  representativeItemId: string;
  /** Earliest and latest publication time of its members (UTC ISO 8601). */
  firstSeen: string;
  lastSeen: string;
  /** Distinct feeds that carried it. */
  coverage: number;
  /** Member items. */
  size: number;
}

/**
 * How an item found its story: it opened a new one; it has the canonical URL of an earlier item;
 * it is a near-duplicate of an earlier item; or it is an item already assigned (same feed and guid).
 */
export type StoryMatch = 'new' | 'url' | 'near' | 'known';

/** An item as dedupe sees it: what it compares, and what the representative rule needs. */
export interface DedupeItem {
  id: string;
  feedId: string;
  /** Editorial weight of its feed (0..10); the representative comes from the heaviest. */
  weight: number;
  canonicalUrl: string | null;
  urlHash: string | null;
  title: string;
  summary: string;
  publishedAt: string;
}

/** A story found under a band key, and when its member holding the key was published. */
export interface KeyPosting {
  storyId: number;
  /** Comparable within one index (ISO string in memory, epoch seconds in SQLite). */
  at: string | number;
}

/** A stored member of a candidate story, for verification. */
export interface StoryMember {
  id: string;
  title: string;
  summary: string;
  publishedAt: string;
}

/**
 * Where stories live while items are matched: in memory for `analyze` without --db, in SQLite for
 * `collect` and `analyze --db` (storage/sqlite/stories.ts). Both honour the same contract (pipeline/dedupe/story-index.contract.ts).
 * Times are UTC ISO 8601 strings; windows are inclusive.
 */
export interface StoryIndex {
  /** The story of an earlier item with this canonical URL hash (any age), if any. */
  storyOfUrl(urlHash: string): number | undefined;
  /**
   * For each of `keys` (duplicates removed), the postings of stories with a member published in
   * [from, to] under that key: the `maxBucket` most recent, newest first.
   */
  postings(keys: readonly number[], from: string, to: string, maxBucket: number): KeyPosting[][];
  /** Members of a story published in [from, to], the most recent first, at most `limit`. */
  members(storyId: number, from: string, to: string, limit: number): StoryMember[];
  /** Opens a story with this item as its first member; returns its id. */
  createStory(item: DedupeItem, keys: readonly number[]): number;
  /** Adds the item to a story, updating its representative, first/last seen and coverage. */
  joinStory(storyId: number, item: DedupeItem, keys: readonly number[]): void;
}
