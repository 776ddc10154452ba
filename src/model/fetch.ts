import type { FeedError } from './errors.js';

/** What the collector knows about a feed before fetching it (from storage). */
export interface FetchRequest {
  url: string;
  etag?: string | null;
  lastModified?: string | null;
  /**
   * The feed's own headers from feeds.yaml (secrets: an Authorization, a token). Sent on every
   * request while the redirect chain stays on the feed URL's origin, never after it leaves it.
   */
  headers?: Readonly<Record<string, string>>;
}

interface OutcomeBase {
  /** Wall time of the whole fetch, retries and waits included. */
  durationMs: number;
  /** Attempts made (1 when no retry happened). */
  attempts: number;
  /** Final URL when every redirect hop was permanent (301/308): the feed has moved. */
  permanentRedirect?: string;
}

/**
 * Every way a fetch can end. "Not modified", "rate limited" and "gone" are results, not errors
 * (STYLE.md: results, not nulls).
 */
export type FetchOutcome =
  | (OutcomeBase & {
      kind: 'fetched';
      status: number;
      body: Buffer;
      /** The Content-Type header, charset included, for the decoder. */
      contentType: string | null;
      finalUrl: string;
      etag: string | null;
      lastModified: string | null;
    })
  | (OutcomeBase & { kind: 'not-modified'; status: 304; etag: string | null; lastModified: string | null })
  | (OutcomeBase & { kind: 'gone'; status: 410 })
  | (OutcomeBase & { kind: 'rate-limited'; status: 429 | 503; retryAt: string })
  | (OutcomeBase & { kind: 'failed'; status: number | null; error: FeedError });
