/** A link to one outlet's telling of a story ("also covered by"). */
export interface StoryLink {
  source: string;
  sourceId: string;
  title: string;
  url: string | null;
}

/**
 * What the draft builder knows about one story when it ranks and places it: the representative
 * item's fields, the story's coverage, and the classifier's labels. Produced from storage.
 */
export interface StoryCandidate {
  storyId: string;
  title: string;
  url: string | null;
  summary: string;
  source: string;
  sourceId: string;
  /** Editorial weight of the representative's feed (0..10). */
  sourceWeight: number;
  /** Distinct feeds that carried the story. */
  coverage: number;
  /** The other members (not the representative), for "also covered by". */
  alsoCoveredBy: StoryLink[];
  publishedAt: string;
  firstSeen: string;
  topic: string;
  topicScores: { id: string; score: number }[];
  relevant: boolean;
  section: 'news' | 'press-release';
  victims: string[];
  cves: string[];
  /**
   * Earlier stories of its thread (the same incident) that a stored issue carried, oldest issue
   * first (issue 15): the draft says what came before. Absent when there are none.
   */
  previously?: PreviousStory[];
  /** The representative's feed gave no readable date: `publishedAt` is when it was fetched. */
  undated?: boolean;
}

/** An earlier development of an entry's incident, as an earlier issue carried it. */
export interface PreviousStory {
  storyId: string;
  /** The title as that issue printed it. */
  title: string;
  /** The number. */
  draftNumber: number;
}

/** One line of a draft issue. */
export interface DraftEntry {
  storyId: string;
  title: string;
  url: string | null;
  source: string;
  sourceId: string;
  /** Optional one-line blurb written by the editor. */
  blurb: string | null;
  topic: string;
  topicScores: { id: string; score: number }[];
  publishedAt: string;
  coverage: number;
  alsoCoveredBy: StoryLink[];
  victims: string[];
  cves: string[];
  /** Ranking score; entries are ordered by it within a section unless the editor reorders. */
  score: number;
  /** Why the entry ranks where it does, e.g. "coverage 3 (+0.9)". */
  rankReasons: string[];
  /** False when the editor excluded it (kept so the exclusion is remembered). */
  included: boolean;
  /** Earlier developments of its incident in earlier issues (StoryCandidate.previously); absent when none. */
  previously?: PreviousStory[];
  /** True when its date is the fetch time, the feed having given none it could read; absent otherwise. */
  undated?: boolean;
}

export interface DraftSection {
  /** Stable id, e.g. `latest-news`, `press-releases`, `wall-of-shame`. */
  id: string;
  title: string;
  subtitle: string | null;
  entries: DraftEntry[];
}

export interface Draft {
  /** Issue number, 1, 2, 3 … */
  number: number;
  /** The date (YYYY-MM-DD). */
  date: string;
  window: { since: string; until: string };
  createdAt: string;
  sections: DraftSection[];
}
