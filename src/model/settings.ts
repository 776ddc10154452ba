import type { TopicDefinition } from './classification.js';
import type { FeedConfig } from './feed.js';
import type { HealthSettings, RetentionSettings, ScheduleSettings } from './operations.js';

/** Limits for one HTTP fetch. Defaults live in config/defaults.ts and are documented in the README. */
export interface FetchSettings {
  /** Total time for one request attempt, headers and body included. */
  timeoutMs: number;
  /** Bytes of (decompressed) body read before the fetch is abandoned as too large. */
  maxBodyBytes: number;
  maxRedirects: number;
  userAgent: string;
  /** Requests in flight across all hosts. */
  concurrency: number;
  /** Requests in flight to one host. */
  perHostConcurrency: number;
  /** Extra attempts after a transient failure (network error, timeout, 5xx). */
  retries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  /** A Retry-After up to this long is waited out within the run; a longer one defers the feed. */
  maxRetryAfterWaitMs: number;
}

export interface CollectSettings {
  /** Entries kept from one document (the newest first as the feed lists them). */
  maxItemsPerFeed: number;
  /** Summary length cap, in characters, after HTML is stripped. */
  summaryMaxChars: number;
  /** Title length cap, in characters. */
  titleMaxChars: number;
}

/**
 * How items become stories (issue 4). Defaults in config/defaults.ts; the reasoning and the
 * measurements behind them in docs/ARCHITECTURE.md ("Dedupe").
 */
export interface DedupeSettings {
  /** Items published more than this many days apart are never near-duplicates. */
  windowDays: number;
  /** MinHash permutations per item (the signature length). */
  numHashes: number;
  /** LSH bands the signature is cut into; numHashes / bands rows each. Each band is one stored key. */
  bands: number;
  /** Items per band key looked at (the most recent ones): a bound on work for very common keys. */
  maxBucket: number;
  /** Candidate stories verified per new item, those sharing the most band keys first. */
  maxCandidates: number;
  /** Weighted cosine similarity (0..1) at or above which two items are one story. */
  similarity: number;
  /** The same, for two items that share a CVE id: strong evidence by itself. */
  cveSimilarity: number;
  /**
   * Similarity needed to merge despite a conflict: items of different kinds (a round-up, an opinion
   * or explainer piece, a lawsuit next to the incident it is about), or headlines that each name
   * something the other item never mentions (then `nameOverlap` must hold too).
   */
  conflictSimilarity: number;
  /**
   * When each headline names something the other item never mentions (a template filled in for
   * two companies), the share of the smaller item's names (0..1) the other must also have to merge.
   */
  nameOverlap: number;
  /**
   * Similarity two items must keep once their heaviest shared token (usually their subject's name)
   * is left out: one shared name is not a story.
   */
  supportSimilarity: number;
  /**
   * Hours from a story's FIRST report within which a retelling can join it (issue 15): anchored, so
   * a story cannot creep forward day by day. Near copies (same URL, same headline) join at any age.
   */
  eventHours: number;
  /** Similarity (0..1) to a story's centroid (its members' words together) needed to join it. */
  storySimilarity: number;
  /**
   * Similarity (0..1) to a story needed to join it by the event signature: same-days headlines
   * naming one rare subject (a victim, a product), with few other words in common.
   */
  signatureSimilarity: number;
  /** Days back a new story looks for an earlier story of the same incident to continue its thread. */
  threadDays: number;
  /** Similarity (0..1) to that earlier story's centroid, with a rare name or CVE id in common, to link them. */
  threadSimilarity: number;
  /**
   * Stories in the window that must mention a name before it counts as common there: the setting
   * of many stories (a president, a country, a big vendor), never the conflict that keeps two
   * headlines apart. Counted up to `maxBucket`.
   */
  commonNameStories: number;
}

/**
 * An editor's additions to the default topic taxonomy (issue 5). Defaults in config/defaults.ts
 * (nothing added); the taxonomy itself in pipeline/classify/taxonomy.ts.
 */
export interface ClassifySettings {
  /** Extra topics. The trained model has never seen them: they are scored from their keywords. */
  topics: TopicDefinition[];
  /** Extra keywords for topics by id (default topics or added ones). */
  keywords: Record<string, string[]>;
  /** Extra words that make a text about security at all (relevance evidence). */
  securityTerms: string[];
  /** `relevant` is `relevanceScore >= relevanceThreshold`. */
  relevanceThreshold: number;
}

/**
 * One section of a draft issue (issue 6): the same shape as newsletter/sections.ts's
 * SectionDefinition, so settings pass straight to buildDraft.
 */
export interface DraftSectionSettings {
  /** Stable id, stored with the draft (`latest-news`, `press-releases`, `wall-of-shame`, …). */
  id: string;
  title: string;
  subtitle: string | null;
  /** Most entries kept; the rest are reported as overflow. */
  limit: number;
  /**
   * The classifier's section a story must carry, and optionally its primary topics, its feed's kinds
   * (feeds.yaml `kind`) and tags (at least one), and whether it must be about a victim.
   */
  match: { section: 'news' | 'press-release'; topics?: string[]; victimsOnly?: boolean; kinds?: string[]; tags?: string[] };
  order: 'score' | 'topic';
  /** Whether exports name the victim organisations (the Wall of Shame). */
  showVictims: boolean;
}

/** How `secdigest draft` builds an issue and `export` renders it. Defaults in config/defaults.ts. */
export interface DraftSettings {
  /** The first draft's window, in hours before its end (later drafts start where the last ended). */
  windowHours: number;
  /**
   * Deprecated and ignored (issue 18): the ranking no longer halves a story's score with age; a
   * small linear freshness bonus within the window replaced it. Still accepted in feeds.yaml.
   */
  halfLifeHours: number;
  /**
   * Multipliers of the ranking components (newsletter/rank.ts). feeds.yaml's old `recency` key is
   * read as `freshness`.
   */
  weights: { coverage: number; sourceWeight: number; severity: number; freshness: number; topic: number };
  /** The lead story: the best-scored story of the `from` sections, opening the issue in its own section. */
  lead: { enabled: boolean; title: string; from: string[] };
  /** The issue's sections in display order. */
  sections: DraftSectionSettings[];
  /** Shown in the exports' title line. */
  newsletterName: string;
  /** "Also covered by" links shown per entry (md, html, txt); JSON keeps them all. */
  maxAlsoCoveredBy: number;
}

/**
 * The whole issue as the editor's template shows it (issue 18). Defaults in config/defaults.ts.
 * A newsletter-wide text (`intro`, `sponsorLine`, …) is used when the draft has none of its own:
 * absent means "not written" (exports show a placeholder), null means "leave that part out".
 * These texts may use Liquid variables (`{{ name }}`); the draft's own slot text is taken literally.
 */
export interface IssueSettings {
  /** The editor's own Liquid templates per format, relative to feeds.yaml's directory; shipped ones otherwise. */
  template: { md?: string; html?: string; txt?: string };
  intro?: string | null;
  sponsorLine?: string | null;
  sponsorBlock?: string | null;
  signOff?: string | null;
  ps?: string | null;
  disclaimer?: string | null;
  /** The heading over the lists of `newsSections` ("Latest Cybersecurity News"). */
  newsHeading: string;
  /** The line under it; null for none. */
  newsIntro: string | null;
  /** Section ids grouped under `newsHeading`, in draft order; other sections render as their own parts after it. */
  newsSections: string[];
  /** Where readers subscribe by e-mail, and the RSS feed: linked under the intro when given. */
  subscribeUrl?: string;
  rssUrl?: string;
}

export interface Settings {
  fetch: FetchSettings;
  collect: CollectSettings;
  dedupe: DedupeSettings;
  classify: ClassifySettings;
  draft: DraftSettings;
  schedule: ScheduleSettings;
  health: HealthSettings;
  retention: RetentionSettings;
  issue: IssueSettings;
  publish: PublishSettings;
}

/** Where `secdigest publish` writes the archive site and the URL it is served from (issue 18). */
export interface PublishSettings {
  /** The site directory, relative to the working directory. */
  dir: string;
  /** The site's public http(s) URL, for absolute links and ids in atom.xml; null when not set. */
  siteUrl: string | null;
}

/** A validated feeds.yaml: settings with defaults filled in, and the feed list. */
export interface Config {
  /** The file it was read from, for messages. */
  file: string;
  settings: Settings;
  feeds: FeedConfig[];
}
