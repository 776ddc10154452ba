import type { App } from '../app.js';
import { collectOne, type CollectJob, type FeedRunResult } from '../pipeline/collect.js';
import { createFetcher, type Fetcher } from '../pipeline/fetch/index.js';
import { takeTurns } from '../pipeline/turns.js';
import { DEFAULT_GRACE_MS, DEFAULT_LEASE_MS, type QueueConfig } from '../queue/config.js';
import { checkQueueReachable, redisClient } from '../queue/connection.js';
import { createRedisHostLimiter } from '../queue/host-limiter.js';
import { startCollectWorker } from '../queue/worker.js';

export interface WorkerOptions {
  queue: QueueConfig;
  /** Jobs at once (default: `settings.fetch.concurrency`). */
  concurrency?: number;
  /** How long a killed worker's job and host slots stay claimed (default 30 s). */
  leaseMs?: number;
  /** At shutdown, how long running jobs may take before they are aborted and given back (default 30 s). */
  graceMs?: number;
  /** Stops the worker: SIGINT or SIGTERM. */
  signal: AbortSignal;
  onReady?(info: { concurrency: number; leaseMs: number }): void;
  onResult?(result: FeedRunResult): void;
  onFailed?(feedId: string | undefined, error: Error, willRetry: boolean): void;
  onReturned?(feedId: string): void;
  onError?(error: Error): void;
  onStopping?(): void;
}

export interface WorkerReport {
  jobs: number;
  returned: number;
}

/**
 * `secdigest worker`: runs collect jobs from the queue until `signal` aborts. Each job is
 * `collectOne` (the function a local collect runs per feed) with this process's storage and a
 * fetcher whose per-host limits and Retry-After pauses are shared by the fleet through Redis.
 */
export async function runWorker(app: App, options: WorkerOptions): Promise<WorkerReport> {
  await checkQueueReachable(options.queue);
  const settings = app.config.settings;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const concurrency = options.concurrency ?? settings.fetch.concurrency;
  const redis = redisClient(options.queue);
  const fetcher = createFetcher(settings.fetch, {
    hostLimiter: createRedisHostLimiter(redis, options.queue, { perHostConcurrency: settings.fetch.perHostConcurrency, leaseMs }),
  });
  const run = jobRunner(app, fetcher);
  let jobs = 0;
  const worker = startCollectWorker({
    config: options.queue,
    concurrency,
    leaseMs,
    run,
    onResult: (result) => {
      jobs += 1;
      options.onResult?.(result);
    },
    ...(options.onFailed ? { onFailed: options.onFailed } : {}),
    ...(options.onReturned ? { onReturned: options.onReturned } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  let returned = 0;
  try {
    await worker.ready();
    options.onReady?.({ concurrency, leaseMs });
    await new Promise<void>((resolve) => {
      if (options.signal.aborted) return resolve();
      options.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    options.onStopping?.();
  } finally {
    ({ returned } = await worker.stop(options.graceMs ?? DEFAULT_GRACE_MS));
    redis.disconnect();
  }
  return { jobs, returned };
}

/**
 * One job: `collectOne` with its own writer that commits the feed's run before the job is reported
 * done. A worker killed after the commit but before BullMQ hears of it has its job run again by
 * another: the items are keyed by feed and guid, so the second run finds them stored (a 304 or
 * "unchanged") and stores nothing twice.
 */
export function jobRunner(app: App, fetcher: Fetcher): (job: CollectJob, signal: AbortSignal) => Promise<FeedRunResult> {
  const { storage } = app;
  const settings = app.config.settings;
  // Fetched documents are processed one at a time, in turns, as in a local collect (pipeline/turns.ts).
  const turn = takeTurns();
  // Resolved when the worker starts: an unset header variable stops it before it takes a job.
  const feedOptions = app.feedOptions();
  return async (job, signal) => {
    // One feed per commit: several worker processes share the database, and a group kept open
    // would hold its write lock from the others.
    const writer = storage.feedRuns.writer({ maxFeeds: 1, maxDelayMs: 0 });
    try {
      const result = await collectOne(
        job,
        {
          fetcher,
          store: { getFeedState: (id) => storage.feeds.state(id), recordFeedRun: writer.record },
          limits: settings.collect,
          now: app.now,
          health: settings.health,
          // From this worker's own feeds.yaml: the job carries no headers (secrets stay out of Redis).
          feedOptions,
          signal,
        },
        turn,
      );
      await writer.flush();
      return result;
    } catch (error) {
      writer.discard();
      throw error;
    }
  };
}
