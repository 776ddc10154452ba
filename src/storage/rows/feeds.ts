import type { FeedKind } from '../../model/index.js';

/** Feeds as both engines store them (sqlite/feeds.ts, postgres/feeds.ts): the state a feed keeps between runs, and its row. */

/** What the database remembers about one feed between runs. */
export interface FeedState {
  id: string;
  url: string;
  name: string;
  kind: FeedKind;
  weight: number;
  etag: string | null;
  lastModified: string | null;
  /** Outcome of the last attempt: ok, not-modified, failed, gone, rate-limited. */
  lastStatus: string | null;
  lastHttpStatus: number | null;
  lastFetchAt: string | null;
  lastSuccessAt: string | null;
  consecutiveErrors: number;
  lastErrorCode: string | null;
  lastError: string | null;
  /** Set when the feed must not be fetched again until someone acts (e.g. 410 Gone). */
  disabledReason: string | null;
  /** Where the feed permanently redirected to: recorded for the editor, not followed blindly. */
  movedTo: string | null;
  /** Do not fetch before this time (a long Retry-After). */
  retryAt: string | null;
  /** Backoff after failures: do not fetch before this time (pipeline/feed-health/backoff.ts). */
  nextAttemptAt: string | null;
  /** When the current error streak began (null while the feed is well). */
  errorSince: string | null;
  /**
   * Since when the feed has been unhealthy (too many failures over too long). It is then tried only
   * at `nextAttemptAt` (the recheck), or never when that is null, until `secdigest feeds --retry`.
   */
  unhealthySince: string | null;
}

export interface FeedHealth extends FeedState {
  items: number;
}

/** A feeds row. */
export interface FeedRow {
  id: string;
  url: string;
  name: string;
  kind: string;
  weight: number;
  etag: string | null;
  last_modified: string | null;
  last_status: string | null;
  last_http_status: number | null;
  last_fetch_at: string | null;
  last_success_at: string | null;
  consecutive_errors: number;
  last_error_code: string | null;
  last_error: string | null;
  disabled_reason: string | null;
  moved_to: string | null;
  retry_at: string | null;
  // SQLite's schema v3; undefined when a read-only doctor looks at an older SQLite database.
  next_attempt_at?: string | null;
  error_since?: string | null;
  unhealthy_since?: string | null;
}

export function toFeedState(row: FeedRow): FeedState {
  return {
    id: row.id,
    url: row.url,
    name: row.name,
    kind: row.kind as FeedKind,
    weight: row.weight,
    etag: row.etag,
    lastModified: row.last_modified,
    lastStatus: row.last_status,
    lastHttpStatus: row.last_http_status,
    lastFetchAt: row.last_fetch_at,
    lastSuccessAt: row.last_success_at,
    consecutiveErrors: row.consecutive_errors,
    lastErrorCode: row.last_error_code,
    lastError: row.last_error,
    disabledReason: row.disabled_reason,
    movedTo: row.moved_to,
    retryAt: row.retry_at,
    nextAttemptAt: row.next_attempt_at ?? null,
    errorSince: row.error_since ?? null,
    unhealthySince: row.unhealthy_since ?? null,
  };
}
