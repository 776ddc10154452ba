import { emptyResult, type CollectJob, type FeedRunResult, type FeedRunStatus } from '../pipeline/collect.js';

const STATUSES: readonly FeedRunStatus[] = ['ok', 'not-modified', 'failed', 'gone', 'rate-limited', 'skipped'];

/**
 * A worker's result as read back from Redis: checked field by field (Redis is not ours alone), and
 * anything unreadable reported as that feed's failure rather than trusted or thrown.
 */
export function readFeedRunResult(job: CollectJob, value: unknown): FeedRunResult {
  const r = value as Partial<Record<keyof FeedRunResult, unknown>> | null;
  const numbers = ['durationMs', 'bytes', 'attempts', 'itemsFound', 'itemsNew', 'itemsUpdated'] as const;
  const readable =
    typeof r === 'object' && r !== null && r.feedId === job.feedId && STATUSES.includes(r.status as FeedRunStatus) && numbers.every((key) => typeof r[key] === 'number');
  if (!readable) return failedResult(job, `the worker's result could not be read: ${JSON.stringify(value)?.slice(0, 200)}`);
  // A worker of an earlier release reports no itemsFiltered: it filtered nothing.
  const filtered = (value as { itemsFiltered?: unknown }).itemsFiltered;
  return { ...(value as FeedRunResult), itemsFiltered: typeof filtered === 'number' ? filtered : 0 };
}

/**
 * A job that failed in the workers (its attempts ran out, or its worker died more often than the
 * stalled-job limit allows): an exception of the worker's, such as storage it could not write, not
 * the feed's own problem (those are results). Nothing was stored for it.
 */
export function failedResult(job: CollectJob, reason: string): FeedRunResult {
  return { ...emptyResult(job, 'failed'), error: { code: 'internal', message: `the workers could not run this feed's job: ${reason}` } };
}

/** A feed still queued when the run was stopped: the job stays queued for the workers. */
export function unfinishedResult(job: CollectJob): FeedRunResult {
  return { ...emptyResult(job, 'skipped'), skippedReason: 'aborted: the run was stopped before a worker finished it (the job stays queued)' };
}
