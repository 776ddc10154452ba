import { Queue } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteKeysByPrefix } from '../../test/support/redis-keys.js';
import { REDIS_URL, redisAvailable, uniqueName } from '../../test/support/services.js';
import type { CollectJob, FeedRunResult } from '../pipeline/collect.js';
import { COLLECT_QUEUE, jobIdOf, parseQueueUrl, type QueueConfig } from './config.js';
import { openQueueCollector, type QueueCollector } from './coordinator.js';
import { QueueUnavailableError } from './errors.js';
import { startCollectWorker, type CollectWorker } from './worker.js';

const available = await redisAvailable();

const job = (feedId: string): CollectJob => ({ feedId, url: `http://127.0.0.1:9/${feedId}.xml` });
const ok = (j: CollectJob, itemsNew = 1): FeedRunResult => ({
  feedId: j.feedId,
  url: j.url,
  status: 'ok',
  httpStatus: 200,
  durationMs: 1,
  bytes: 10,
  attempts: 1,
  itemsFound: itemsNew,
  itemsNew,
  itemsUpdated: 0,
  itemsFiltered: 0,
  error: null,
});

describe.skipIf(!available)('the coordinator and the worker loop (in-process, real Redis)', () => {
  let config: QueueConfig;
  let collector: QueueCollector;
  let workers: CollectWorker[];
  let runs: string[];

  beforeEach(async () => {
    config = parseQueueUrl(`${REDIS_URL}?prefix=${uniqueName('sdq')}`);
    collector = await openQueueCollector(config, { pollMs: 20, attempts: 2, backoffMs: 20 });
    workers = [];
    runs = [];
  });
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.stop(0)));
    await collector.close();
    await deleteKeysByPrefix(REDIS_URL, config.prefix);
  });

  const worker = async (run: (j: CollectJob, signal: AbortSignal) => Promise<FeedRunResult>, onReturned?: (feedId: string) => void) => {
    const w = startCollectWorker({
      config,
      concurrency: 2,
      leaseMs: 2000,
      run: (j, signal) => {
        runs.push(j.feedId);
        return run(j, signal);
      },
      ...(onReturned ? { onReturned } : {}),
    });
    await w.ready();
    workers.push(w);
    return w;
  };

  it("returns the workers' results in the order given, each feed run once", async () => {
    await worker(async (j) => {
      await new Promise((resolve) => setTimeout(resolve, j.feedId === 'a' ? 60 : 0)); // a finishes last
      return ok(j, j.feedId.length);
    });
    const seen: string[] = [];
    const results = await collector.collect([job('a'), job('bb'), job('ccc')], { onResult: (r) => seen.push(r.feedId) });
    expect(results.map((r) => [r.feedId, r.status, r.itemsNew])).toEqual([['a', 'ok', 1], ['bb', 'ok', 2], ['ccc', 'ok', 3]]);
    expect(seen.sort()).toEqual(['a', 'bb', 'ccc']);
    expect(runs.sort()).toEqual(['a', 'bb', 'ccc']);
  });

  it('leaves the jobs queued when stopped, and never queues a feed twice', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 50);
    // No worker yet: nothing finishes, the stopped run reports the feed skipped and leaves its job.
    const stopped = await collector.collect([job('a')], { signal: stop.signal });
    expect(stopped[0]).toMatchObject({ feedId: 'a', status: 'skipped', skippedReason: expect.stringMatching(/^aborted: .*stays queued/) });
    const queue = new Queue(COLLECT_QUEUE, { connection: { url: config.redisUrl }, prefix: config.prefix });
    expect(await queue.getJobState(jobIdOf('a'))).toBe('waiting');
    // The next run adds a and b: a's job is already there, so a runs once.
    await worker(async (j) => ok(j));
    const results = await collector.collect([job('a'), job('b')]);
    expect(results.map((r) => r.status)).toEqual(['ok', 'ok']);
    expect(runs.sort()).toEqual(['a', 'b']);
    expect(await queue.getJobCounts('completed', 'failed', 'waiting', 'active')).toEqual({ completed: 0, failed: 0, waiting: 0, active: 0 });
    await queue.close();
  });

  it("reports a job whose worker kept throwing as that feed's failure, after its attempts", async () => {
    await worker(async (j) => {
      if (j.feedId === 'broken') throw new Error('database is locked');
      return ok(j);
    });
    const results = await collector.collect([job('broken'), job('fine')]);
    expect(results[0]).toMatchObject({ feedId: 'broken', status: 'failed', error: { code: 'internal', message: expect.stringContaining('database is locked') } });
    expect(results[1]).toMatchObject({ feedId: 'fine', status: 'ok' });
    expect(runs.filter((id) => id === 'broken')).toHaveLength(2); // attempts: 2
  });

  it("fetches anew a feed whose finished job a dead coordinator never read", async () => {
    await worker(async (j) => ok(j, runs.length));
    const queue = new Queue(COLLECT_QUEUE, { connection: { url: config.redisUrl }, prefix: config.prefix });
    await queue.add('collect-feed', job('a'), { jobId: jobIdOf('a'), removeOnComplete: false });
    await new Promise<void>((resolve) => {
      const poll = setInterval(async () => {
        if ((await queue.getJobState(jobIdOf('a'))) === 'completed') resolve(void clearInterval(poll));
      }, 20);
    });
    const [result] = await collector.collect([job('a')]);
    expect(runs).toEqual(['a', 'a']);
    expect(result!.itemsNew).toBe(2); // the second run's result, not the stale one
    await queue.close();
  });

  it('gives a job cut short by shutdown back to the queue, where another worker finishes it', async () => {
    const returned: string[] = [];
    const slow = await worker(
      (j, signal) =>
        new Promise((resolve) => {
          // collectOne's answer when its fetch is aborted by the grace period's end
          signal.addEventListener('abort', () => resolve({ ...ok(j, 0), status: 'skipped', skippedReason: 'aborted: the run was stopped' }));
        }),
      (feedId) => returned.push(feedId),
    );
    const pending = collector.collect([job('a')]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(runs).toEqual(['a']);
    expect(await slow.stop(50)).toEqual({ returned: 1 });
    workers.splice(workers.indexOf(slow), 1);
    expect(returned).toEqual(['a']);
    await worker(async (j) => ok(j, 5));
    const [result] = await pending;
    expect(result).toMatchObject({ feedId: 'a', status: 'ok', itemsNew: 5 });
    expect(runs).toEqual(['a', 'a']);
  });
});

describe('an unreachable queue', () => {
  it('is a QueueUnavailableError naming the queue, quickly, not a hang', async () => {
    const started = Date.now();
    const error = await openQueueCollector(parseQueueUrl('redis://:hunter2@127.0.0.1:1?prefix=x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueueUnavailableError);
    expect((error as Error).message).toMatch(/^cannot reach the queue at redis:\/\/:\*\*\*@127\.0\.0\.1:1: /);
    expect((error as Error).message).not.toContain('hunter2');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
