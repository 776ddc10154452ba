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
  /** Its thread: the id of the incident's first story (its own id when it opened the thread). */
  threadId: number;
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

/** A stored member of a stored story, as the clusterer (pipeline/dedupe) is seeded with it. */
export interface StoryContextMember {
  id: string;
  feedId: string;
  title: string;
  summary: string;
  publishedAt: string;
  urlHash: string | null;
  storyId: number;
  threadId: number;
  /** The story's first report (it may lie before the window loaded): the anchor of its time span. */
  storyFirstSeen: string;
}

/** A stored story found by a URL or copy key, at any age: its id and thread. */
export interface StoryRef {
  storyId: number;
  threadId: number;
}
