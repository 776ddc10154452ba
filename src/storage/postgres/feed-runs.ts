import { disabledReasonOf, fetchLogValues, type FeedRunRecord } from '../rows/feed-runs.js';
import type { UpsertCounts } from '../rows/items.js';
import { storeItems } from './items.js';
import type { Queryable } from './queries.js';

/**
 * Writes a feed's items, its new validators and error state, and the fetch-log row (call inside
 * the caller's transaction: group-commit.ts gives each feed a savepoint). Together, because saving
 * the ETag apart from the items could lose those items for good (see sqlite/feed-runs.ts).
 */
export async function recordFeedRun(db: Queryable, run: FeedRunRecord): Promise<UpsertCounts> {
  const counts = run.outcome === 'ok' ? await storeItems(db, run.items, run.startedAt) : { new: 0, updated: 0, seen: 0 };
  await updateFeedState(db, run);
  await db.query(
    `INSERT INTO fetch_log (feed_id, started_at, outcome, http_status, duration_ms, bytes, attempts,
       items_found, items_new, items_updated, error_code, error)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    fetchLogValues(run, counts),
  );
  return counts;
}

async function updateFeedState(db: Queryable, run: FeedRunRecord): Promise<void> {
  const common = [run.feedId, run.startedAt, run.outcome, run.httpStatus];
  switch (run.outcome) {
    case 'ok':
    case 'not-modified':
      await db.query(
        `UPDATE feeds SET last_status = $3, last_http_status = $4, last_fetch_at = $2,
           last_success_at = $2, consecutive_errors = 0, last_error_code = NULL, last_error = NULL,
           retry_at = NULL, etag = COALESCE($5, etag), last_modified = COALESCE($6, last_modified),
           moved_to = $7, next_attempt_at = NULL, error_since = NULL, unhealthy_since = NULL
         WHERE id = $1`,
        [...common, run.etag ?? null, run.lastModified ?? null, run.movedTo ?? null],
      );
      return;
    case 'rate-limited':
      // Being asked to wait is not the feed's fault: no error counted.
      await db.query(
        `UPDATE feeds SET last_status = $3, last_http_status = $4, last_fetch_at = $2,
           retry_at = $5, last_error_code = $6, last_error = $7 WHERE id = $1`,
        [...common, run.retryAt ?? null, run.error?.code ?? null, run.error?.message ?? null],
      );
      return;
    case 'gone':
    case 'failed':
      await db.query(
        `UPDATE feeds SET last_status = $3, last_http_status = $4, last_fetch_at = $2,
           consecutive_errors = consecutive_errors + 1, last_error_code = $5, last_error = $6,
           disabled_reason = COALESCE($7, disabled_reason), error_since = COALESCE(error_since, $2),
           next_attempt_at = $8,
           unhealthy_since = CASE WHEN $9::boolean THEN COALESCE(unhealthy_since, $2) ELSE NULL END
         WHERE id = $1`,
        [
          ...common,
          run.error?.code ?? null,
          run.error?.message ?? null,
          disabledReasonOf(run),
          run.nextAttemptAt ?? null,
          run.unhealthy ?? false,
        ],
      );
      return;
  }
}
