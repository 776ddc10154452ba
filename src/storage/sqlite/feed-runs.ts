import { disabledReasonOf, fetchLogValues, type FeedRunRecord } from '../rows/feed-runs.js';
import type { Db } from './database.js';
import { statement } from './statements.js';
import { storeItems, type UpsertCounts } from './items.js';

export type { FeedRunOutcome, FeedRunRecord } from '../rows/feed-runs.js';

/**
 * Writes a feed's items, its new validators and error state, and the fetch-log row in ONE
 * transaction. Saving the ETag apart from the items could lose those items for good: after a
 * crash between the two writes the next run would get a 304 (LIBRARIES.md).
 */
export function recordFeedRun(db: Db, run: FeedRunRecord): UpsertCounts {
  return db.transaction((): UpsertCounts => {
    let counts: UpsertCounts = { new: 0, updated: 0, seen: 0 };
    if (run.outcome === 'ok') {
      counts = storeItems(db, run.items, run.startedAt).counts;
    }
    updateFeedState(db, run);
    statement(db, 
      `INSERT INTO fetch_log (feed_id, started_at, outcome, http_status, duration_ms, bytes, attempts,
         items_found, items_new, items_updated, error_code, error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...fetchLogValues(run, counts));
    return counts;
  })();
}

function updateFeedState(db: Db, run: FeedRunRecord): void {
  const common = { id: run.feedId, at: run.startedAt, status: run.outcome, http: run.httpStatus };
  switch (run.outcome) {
    case 'ok':
    case 'not-modified':
      statement(db, 
        `UPDATE feeds SET last_status = @status, last_http_status = @http, last_fetch_at = @at,
           last_success_at = @at, consecutive_errors = 0, last_error_code = NULL, last_error = NULL,
           retry_at = NULL, etag = COALESCE(@etag, etag), last_modified = COALESCE(@lastModified, last_modified),
           moved_to = @movedTo, next_attempt_at = NULL, error_since = NULL, unhealthy_since = NULL
         WHERE id = @id`,
      ).run({ ...common, etag: run.etag ?? null, lastModified: run.lastModified ?? null, movedTo: run.movedTo ?? null });
      return;
    case 'rate-limited':
      // Being asked to wait is not the feed's fault: no error counted.
      statement(db, 
        `UPDATE feeds SET last_status = @status, last_http_status = @http, last_fetch_at = @at,
           retry_at = @retryAt, last_error_code = @code, last_error = @message WHERE id = @id`,
      ).run({ ...common, retryAt: run.retryAt ?? null, code: run.error?.code ?? null, message: run.error?.message ?? null });
      return;
    case 'gone':
    case 'failed':
      statement(db, 
        `UPDATE feeds SET last_status = @status, last_http_status = @http, last_fetch_at = @at,
           consecutive_errors = consecutive_errors + 1, last_error_code = @code, last_error = @message,
           disabled_reason = COALESCE(@disabled, disabled_reason), error_since = COALESCE(error_since, @at),
           next_attempt_at = @nextAttemptAt,
           unhealthy_since = CASE WHEN @unhealthy = 1 THEN COALESCE(unhealthy_since, @at) ELSE NULL END
         WHERE id = @id`,
      ).run({
        ...common,
        nextAttemptAt: run.nextAttemptAt ?? null,
        unhealthy: run.unhealthy ? 1 : 0,
        code: run.error?.code ?? null,
        message: run.error?.message ?? null,
        disabled: disabledReasonOf(run),
      });
      return;
  }
}
