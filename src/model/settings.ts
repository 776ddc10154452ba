import type { FeedConfig } from './feed.js';

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
}

export interface Settings {
  fetch: FetchSettings;
  collect: CollectSettings;
  dedupe: DedupeSettings;
}

/** A validated feeds.yaml: settings with defaults filled in, and the feed list. */
export interface Config {
  /** The file it was read from, for messages. */
  file: string;
  settings: Settings;
  feeds: FeedConfig[];
}
