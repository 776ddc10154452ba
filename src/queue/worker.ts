import { setMaxListeners } from 'node:events';
import { Worker, WaitingError, UnrecoverableError, type Job } from 'bullmq';
import type { CollectJob, FeedRunResult } from '../pipeline/collect.js';
import { COLLECT_QUEUE, readCollectJob, type QueueConfig } from './config.js';
import { bullConnection } from './connection.js';

export interface CollectWorkerOptions {
  config: QueueConfig;
  /** Jobs run at once by this worker. */
  concurrency: number;
  /**
   * How long a job stays claimed after the worker's last sign of life (BullMQ's lock, renewed every
   * half of it). A worker killed mid-job has its job taken over by another within about twice this.
   */
  leaseMs: number;
  /** Runs one job: `collectOne` with this worker's storage and fetcher. Aborts on the grace period's end. */
  run(job: CollectJob, signal: AbortSignal): Promise<FeedRunResult>;
  onResult?(result: FeedRunResult): void;
  /** A job that failed here (an exception, not a feed's failure: those are results). */
  onFailed?(feedId: string | undefined, error: Error, willRetry: boolean): void;
  /** A job given back to the queue at shutdown, to be run by another worker. */
  onReturned?(feedId: string): void;
  /** Connection trouble BullMQ reports while it retries. */
  onError?(error: Error): void;
}

export interface CollectWorker {
  /** Resolves once the worker is connected and taking jobs. */
  ready(): Promise<void>;
  /**
   * Stops taking jobs, lets the running ones finish for `graceMs`, then aborts them: a job cut short
   * goes back to the queue (not failed, not counted as an attempt's failure) for another worker.
   */
  stop(graceMs: number): Promise<{ returned: number }>;
}

/**
 * A BullMQ worker running collect jobs. The payload is the plain `CollectJob` and the result the
 * plain `FeedRunResult`, so a job means the same on any machine (STYLE.md, "one machine vs a fleet").
 */
export function startCollectWorker(options: CollectWorkerOptions): CollectWorker {
  const stopping = new AbortController();
  // Every running job listens on it, sometimes twice at once (a host-slot wait, a retry's sleep):
  // Node's warning at 11 listeners would read as a leak at the default 16 jobs.
  setMaxListeners(Math.max(10, options.concurrency * 4), stopping.signal);
  let returned = 0;

  const processor = async (job: Job, token?: string): Promise<FeedRunResult> => {
    let payload: CollectJob;
    try {
      payload = readCollectJob(job.data);
    } catch (error) {
      // Retrying a payload that cannot be read would fail the same way on every worker.
      throw new UnrecoverableError((error as Error).message);
    }
    const result = await options.run(payload, stopping.signal);
    // The grace period ran out while this feed was being fetched: its fetch was aborted and nothing
    // was stored, so the job goes back to the queue whole rather than ending as "skipped".
    if (stopping.signal.aborted && result.status === 'skipped' && token) {
      await job.moveToWait(token);
      returned += 1;
      options.onReturned?.(payload.feedId);
      throw new WaitingError();
    }
    return result;
  };

  const worker = new Worker(COLLECT_QUEUE, processor, {
    connection: bullConnection(options.config),
    prefix: options.config.prefix,
    concurrency: options.concurrency,
    lockDuration: options.leaseMs,
    stalledInterval: Math.max(500, Math.round(options.leaseMs / 2)),
    // A job whose worker died twice (a feed that crashes the process?) fails rather than loops.
    maxStalledCount: 2,
  });
  worker.on('completed', (_job, result: FeedRunResult) => options.onResult?.(result));
  worker.on('failed', (job, error) => {
    const attempts = job?.opts.attempts ?? 1;
    options.onFailed?.(tryFeedId(job?.data), error, job ? job.attemptsMade < attempts && !(error instanceof UnrecoverableError) : false);
  });
  // Without a listener an 'error' event would end the process; BullMQ reconnects by itself.
  worker.on('error', (error) => options.onError?.(error));

  return {
    ready: () => worker.waitUntilReady().then(() => undefined),
    async stop(graceMs) {
      const closing = worker.close();
      const timer = setTimeout(() => stopping.abort(new Error('the worker is stopping')), graceMs);
      try {
        await closing;
      } finally {
        clearTimeout(timer);
      }
      return { returned };
    },
  };
}

function tryFeedId(data: unknown): string | undefined {
  try {
    return readCollectJob(data).feedId;
  } catch {
    return undefined;
  }
}
