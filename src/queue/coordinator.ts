import { Queue, type Job } from 'bullmq';
import { interleaveByHost, type CollectJob, type FeedRunResult } from '../pipeline/collect.js';
import { COLLECT_JOB_NAME, COLLECT_QUEUE, jobIdOf, type QueueConfig } from './config.js';
import { checkQueueReachable, onQueue } from './connection.js';
import { failedResult, readFeedRunResult, unfinishedResult } from './results.js';

/** The coordinator's side of the queue: enqueue feeds, wait for their results. */
export interface QueueCollector {
  readonly config: QueueConfig;
  /**
   * Enqueues the jobs (hosts in turn), then waits until a worker has finished each one; returns the
   * results in the order given. `onResult` sees each as it arrives. When `signal` aborts it stops
   * waiting: unfinished feeds come back as skipped, their jobs stay queued.
   */
  collect(jobs: readonly CollectJob[], options?: { onResult?: (result: FeedRunResult) => void; signal?: AbortSignal }): Promise<FeedRunResult[]>;
  close(): Promise<void>;
}

export interface QueueCollectorOptions {
  /** How often finished jobs are read back (default 200 ms). */
  pollMs?: number;
  /** Without a finished job for this long, the jobs still awaited are checked to exist (default 10 s). */
  auditMs?: number;
  /** Tries of a job whose worker threw (default 3), the first pause between them (default 2 s, doubling). */
  attempts?: number;
  backoffMs?: number;
}

const PAGE = 500;

/**
 * Opens the queue (checking first that Redis answers: exit 4 rather than a hang). One coordinator
 * runs at a time per database, since `collect` holds the run lock, so every finished job in the
 * queue is either this run's or left over from a run that died, and can be read and removed.
 */
export async function openQueueCollector(config: QueueConfig, options: QueueCollectorOptions = {}): Promise<QueueCollector> {
  await checkQueueReachable(config);
  // Not BullMQ's worker settings: a producer's command should fail after a few retries, not hang.
  const queue = new Queue(COLLECT_QUEUE, { connection: { url: config.redisUrl, maxRetriesPerRequest: 3 }, prefix: config.prefix });
  queue.on('error', () => {}); // each command's own rejection reports it (onQueue)
  const pollMs = options.pollMs ?? 200;
  const auditMs = options.auditMs ?? 10_000;
  const call = <T>(doing: string, fn: () => Promise<T>) => onQueue(config, doing, fn);
  // A job in the failed set has used its attempts: a worker's own exception (storage it could not
  // write), retried on other workers with a pause between tries. Finished jobs are kept until read.
  const jobOptions = {
    attempts: options.attempts ?? 3,
    backoff: { type: 'exponential', delay: options.backoffMs ?? 2000 },
    removeOnComplete: false,
    removeOnFail: false,
  };

  const add = (jobs: readonly CollectJob[]) =>
    call('adding jobs', () => queue.addBulk(jobs.map((job) => ({ name: COLLECT_JOB_NAME, data: { feedId: job.feedId, url: job.url }, opts: { jobId: jobIdOf(job.feedId), ...jobOptions } }))));

  return {
    config,
    async collect(jobs, { onResult, signal } = {}) {
      // Results left by a coordinator that died are nobody's now: a feed among them is fetched again.
      for (const state of ['completed', 'failed'] as const) {
        while ((await call('clearing finished jobs', () => queue.clean(0, 1000, state))).length === 1000);
      }
      const awaited = new Map(jobs.map((job) => [jobIdOf(job.feedId), job]));
      // A feed whose job is still waiting or running (queued by a run that died) is not added again:
      // the same job id adds nothing, and its result is awaited like the others.
      const ordered = interleaveByHost(jobs);
      for (let i = 0; i < ordered.length; i += 1000) await add(ordered.slice(i, i + 1000));

      const results = new Map<string, FeedRunResult>();
      let lastProgress = Date.now();
      while (awaited.size && !signal?.aborted) {
        const completed = await call('reading finished jobs', () => queue.getJobs('completed', 0, PAGE - 1, true));
        const failed = await call('reading failed jobs', () => queue.getJobs('failed', 0, PAGE - 1, true));
        const finished = [...completed, ...failed].filter((job): job is Job => Boolean(job?.id));
        const failedIds = new Set(failed.map((job) => job?.id));
        for (const job of finished) {
          const mine = awaited.get(job.id!);
          if (!mine) continue;
          awaited.delete(job.id!);
          const result = failedIds.has(job.id) ? failedResult(mine, job.failedReason) : readFeedRunResult(mine, job.returnvalue);
          results.set(mine.feedId, result);
          onResult?.(result);
        }
        // Read, so removed (a leftover that is not this run's too): the next run adds these feeds anew.
        await call('removing finished jobs', () => Promise.all(finished.map((job) => job.remove())));
        if (finished.length) {
          lastProgress = Date.now();
          continue;
        }
        if (Date.now() - lastProgress > auditMs) {
          await requeueLost(awaited);
          lastProgress = Date.now();
        }
        await pause(pollMs, signal);
      }
      return jobs.map((job) => results.get(job.feedId) ?? unfinishedResult(job));
    },
    close: () => queue.close(),
  };

  /** Adds again an awaited job that is no longer in the queue (removed by hand, or a Redis that lost it). */
  async function requeueLost(awaited: Map<string, CollectJob>): Promise<void> {
    const ids = [...awaited.keys()];
    const lost: CollectJob[] = [];
    for (let i = 0; i < ids.length; i += PAGE) {
      const states = await call('checking queued jobs', () => Promise.all(ids.slice(i, i + PAGE).map((id) => queue.getJobState(id))));
      states.forEach((state, j) => {
        if (state === 'unknown') lost.push(awaited.get(ids[i + j]!)!);
      });
    }
    if (lost.length) await add(lost);
  }
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs `body` with a collector opened for it and closed afterwards, or with none when no queue is
 * configured (`secdigest schedule` opens one per collect, as it opens the app: a Redis restarted
 * between two runs is simply met again).
 */
export async function withQueueCollector<T>(config: QueueConfig | undefined, body: (queue: QueueCollector | undefined) => Promise<T>): Promise<T> {
  if (!config) return body(undefined);
  const queue = await openQueueCollector(config);
  try {
    return await body(queue);
  } finally {
    await queue.close();
  }
}
