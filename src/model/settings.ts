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

export interface Settings {
  fetch: FetchSettings;
  collect: CollectSettings;
}

/** A validated feeds.yaml: settings with defaults filled in, and the feed list. */
export interface Config {
  /** The file it was read from, for messages. */
  file: string;
  settings: Settings;
  feeds: FeedConfig[];
}
