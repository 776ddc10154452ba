/** A link to one outlet's telling of a story ("also covered by"). */
export interface StoryLink {
  source: string;
  sourceId: string;
  title: string;
  url: string | null;
}

/** One outlet's telling of a story, as text: what blurbs, key facts and severity signals are read from. */
export interface StoryText {
  source: string;
  title: string;
  summary: string;
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
  /** The representative's feed kind (feeds.yaml `kind`: news, vendor, government, press). */
  sourceKind: string;
  /** The representative's feed tags (feeds.yaml `tags`). */
  sourceTags: string[];
  /**
   * The story's texts: the representative first, then each other feed's earliest member (the same
   * outlets as `alsoCoveredBy`, in its order). Read for blurbs, key facts and severity signals.
   */
  texts: StoryText[];
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

/** Key facts of a story for the lead story's source brief, read from its outlets' texts. */
export interface EntryFacts {
  /** Threat actors named (ransomware gangs, APT names). */
  actors: string[];
  /** Figures reported: people or records affected, money, counts ("2.3 million customers", "$31M"). */
  figures: string[];
}

/** Editor-written parts of an issue (issue 18); an absent slot is shown as a placeholder or a default from settings. */
export const DRAFT_SLOTS = ['teaser', 'sponsorLine', 'sponsorBlock', 'intro', 'commentary', 'second', 'signOff', 'ps', 'disclaimer'] as const;
export type DraftSlot = (typeof DRAFT_SLOTS)[number];
export type DraftSlots = Partial<Record<DraftSlot, string>>;

/** One line of a draft issue. */
export interface DraftEntry {
  storyId: string;
  title: string;
  url: string | null;
  source: string;
  sourceId: string;
  /** One or two sentences: drafted from the story's texts (extractive), then the editor's to edit. */
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
  /**
   * The same company's other stories of this issue folded into this entry (its breach, the class
   * action, a law firm's alert): shown as related links. Absent when none.
   */
  related?: StoryLink[];
  /** Key facts for the source brief (lead story); absent when none were found. */
  facts?: EntryFacts;
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
  /** When the editor marked it sent (`secdigest draft sent N`); null while it is a draft. Only sent issues use up their stories. */
  sentAt: string | null;
  /** Editor-written parts filled for this issue (review page or `draft fill`). */
  slots: DraftSlots;
  /**
   * Sections in display order. A section with id `lead` (first, when present) holds the lead
   * story; the others are lists (Latest News, Press Releases, Wall of Shame, the editor's own).
   */
  sections: DraftSection[];
}
