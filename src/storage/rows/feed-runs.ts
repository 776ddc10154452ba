import type { Item } from '../../model/index.js';
import type { UpsertCounts } from './items.js';

/** Feed runs as both engines record them (sqlite/feed-runs.ts, postgres/feed-runs.ts). */

export type FeedRunOutcome = 'ok' | 'not-modified' | 'failed' | 'gone' | 'rate-limited';

/** Everything one feed's fetch produced, stored together. */
export interface FeedRunRecord {
  feedId: string;
  startedAt: string;
  outcome: FeedRunOutcome;
  httpStatus: number | null;
  durationMs: number;
  bytes: number;
  attempts: number;
  /** Stored pending analysis: the analysis stage labels them and files them in stories. */
  items: readonly Item[];
  /** Validators to send next time (ok / not-modified). */
  etag?: string | null;
  lastModified?: string | null;
  movedTo?: string | null;
  retryAt?: string | null;
  error?: { code: string; message: string } | null;
  /** After a failure: the backoff's next attempt (null: none until `feeds --retry`). */
  nextAttemptAt?: string | null;
  /** After a failure: the streak has made the feed unhealthy (pipeline/feed-health/backoff.ts). */
  unhealthy?: boolean;
}

/**
 * The fetch-log row of a run, in the column order (feed_id, started_at, outcome, http_status,
 * duration_ms, bytes, attempts, items_found, items_new, items_updated, error_code, error).
 */
export function fetchLogValues(run: FeedRunRecord, counts: UpsertCounts): (string | number | null)[] {
  return [
    run.feedId,
    run.startedAt,
    run.outcome,
    run.httpStatus,
    Math.round(run.durationMs),
    run.bytes,
    run.attempts,
    run.items.length,
    counts.new,
    counts.updated,
    run.error?.code ?? null,
    run.error?.message ?? null,
  ];
}

/** Why a feed is disabled after this run: a 410 disables it until `feeds --retry`; null for any other outcome. */
export function disabledReasonOf(run: FeedRunRecord): string | null {
  return run.outcome === 'gone' ? `HTTP 410 Gone on ${run.startedAt.slice(0, 10)}` : null;
}
