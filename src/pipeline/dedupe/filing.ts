import type { StoryMatch, StoryRef } from '../../model/index.js';

/** What the clusterer (clusterer.ts) hands out and takes in: filings with their evidence, and stored copies. */

/** Why an item joined its story, or which earlier story its thread continues: stored and shown. */
export interface JoinEvidence {
  /**
   * url: same canonical URL; copy: same headline and text (or a near-verbatim copy); event: matched
   * the story; signature: named the same rare subject in its headline the same days; thread: new
   * story, linked.
   */
  rule: 'url' | 'copy' | 'event' | 'signature' | 'thread';
  /** Similarity (0..1) to the story's centroid (its members' words together). */
  storySimilarity: number;
  /** Similarity (0..1) to the closest member. */
  memberSimilarity: number;
  /** The earlier item it matched best. */
  matchedItemId: string | null;
  /** Rare names and CVE ids it shares with the story (the subject, victim, product). */
  sharedNames: string[];
  /** Hours from the story's first report to this item. */
  gapHours: number;
  /** For rule `thread`: the earlier story whose thread it continues. */
  previousStoryId?: number;
}

/** Where one item went, and why (the Assignment of the dedupe stage). */
export interface Filing {
  itemId: string;
  /** A stored story's id, or a new story's id from `newStoryId`. */
  storyId: number;
  /** The thread: the id of its first story. */
  threadId: number;
  match: StoryMatch;
  /** Similarity to the member it matched (near), 1 for a URL or copy match, null for a new story. */
  score: number | null;
  matchedItemId: string | null;
  /** The headline's copy key (copy-key.ts), stored so a later copy finds this story at any age. */
  copyKey: string | null;
  evidence: JoinEvidence | null;
}

/** Stored stories found by URL hash and copy key (storage's `storiesByKey`). */
export interface StoryCopies {
  byUrlHash?: ReadonlyMap<string, StoryRef>;
  byCopyKey?: ReadonlyMap<string, StoryRef>;
}
