/**
 * The queue's commands in-process: the errors a user meets (no queue, a bad URL, Redis down: exit
 * 2 or 4 with a plain message) and a scheduled collect that enqueues on the queue when one is
 * configured, run by a worker (the real `runWorker`) in the same process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp } from '../src/app.js';
import { scheduleJobs, type ScheduleEvents } from '../src/commands/schedule.js';
import { runWorker } from '../src/commands/worker.js';
import type { FeedRunResult } from '../src/pipeline/collect.js';
import { parseQueueUrl } from '../src/queue/config.js';
import { cli, tempDir } from './support/cli.js';
import { farmDocuments, startFarmServer, type FarmServer } from './support/feed-farm.js';
import { deleteKeysByPrefix } from './support/redis-keys.js';
import { REDIS_URL, redisAvailable, uniqueName } from './support/services.js';

const DOWN = 'redis://127.0.0.1:1';

describe('queue flags and errors', () => {
  let tmp: ReturnType<typeof tempDir>;
  let args: string[];
  beforeEach(() => {
    tmp = tempDir();
    const config = path.join(tmp.dir, 'feeds.yaml');
    fs.writeFileSync(config, 'feeds:\n  - { id: a, name: A, url: "http://127.0.0.1:9/a.xml", kind: news }\n');
    args = ['--config', config, '--db', path.join(tmp.dir, 'db.sqlite')];
  });
  afterEach(() => tmp.cleanup());

  it('collect --queue with Redis down exits 4 with a message that names the queue, before fetching anything', async () => {
    const run = await cli(['collect', ...args, '--queue', `${DOWN}?prefix=t`]);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/cannot reach the queue at redis:\/\/127\.0\.0\.1:1\/?: .*is Redis running\?/);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace: the environment, not a bug
  });

  it('SECDIGEST_QUEUE is the queue when no flag names one', async () => {
    const run = await cli(['collect', ...args], { SECDIGEST_QUEUE: DOWN });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('cannot reach the queue');
  });

  it('worker and schedule say so when Redis is down (exit 4)', async () => {
    for (const command of ['worker', 'schedule']) {
      const run = await cli([command, ...args, '--queue', DOWN]);
      expect(run.code, command).toBe(4);
      expect(run.stderr, command).toContain('cannot reach the queue at redis://127.0.0.1:1');
    }
  });

  it('refuses a worker without a queue, a URL that is not Redis, and a concurrency of 0 (exit 2)', async () => {
    const cases: [string[], RegExp][] = [
      [['worker', ...args], /worker needs a queue: pass --queue/],
      [['worker', ...args, '--queue', 'http://127.0.0.1:6379'], /expected a redis:\/\/ or rediss:\/\/ URL/],
      [['collect', ...args, '--queue', 'not a url'], /is not a URL/],
      [['worker', ...args, '--queue', DOWN, '--concurrency', '0'], /expected a number of jobs from 1 to 1000/],
    ];
    for (const [argv, message] of cases) {
      const run = await cli(argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });
});

const available = await redisAvailable();

describe.skipIf(!available)('secdigest schedule with a queue', () => {
  let tmp: ReturnType<typeof tempDir>;
  let server: FarmServer;
  let prefix: string;
  beforeEach(() => {
    tmp = tempDir();
    prefix = uniqueName('sdq');
  });
  afterEach(async () => {
    await server?.close();
    await deleteKeysByPrefix(REDIS_URL, prefix);
    tmp.cleanup();
  });

  it('enqueues the scheduled collect for the workers, then analyses here', async () => {
    const { feeds, bodies } = farmDocuments(4, 3);
    server = await startFarmServer(bodies);
    const paths = { configPath: path.join(tmp.dir, 'feeds.yaml'), dbPath: path.join(tmp.dir, 'db.sqlite') };
    fs.writeFileSync(paths.configPath, `feeds:\n${feeds.map((f) => `  - { id: ${f.id}, name: F, url: "${server.baseUrl}${f.path}", kind: news }`).join('\n')}\n`);
    const queue = parseQueueUrl(`${REDIS_URL}?prefix=${prefix}`);

    const workerApp = await openApp(paths);
    const stop = new AbortController();
    const fetchedByWorker: string[] = [];
    let ready!: () => void;
    const started = new Promise<void>((resolve) => (ready = resolve));
    const worker = runWorker(workerApp, { queue, concurrency: 2, signal: stop.signal, graceMs: 1000, onReady: () => ready(), onResult: (r) => fetchedByWorker.push(r.feedId) });
    await started;

    const logged: FeedRunResult[] = [];
    const events: ScheduleEvents = { started() {}, finished() {}, failed() {}, overlapped() {}, warning() {}, scheduling() {}, feed: (r) => logged.push(r) };
    const jobs = scheduleJobs({ timezone: 'UTC', collect: '0 * * * *', draft: null, prune: null }, { openApp: () => openApp(paths), events, queue });
    const summary = (await jobs.collect(new AbortController().signal)) as { totals: { ok: number; itemsNew: number }; analysis: { items: number } };
    expect(summary.totals).toMatchObject({ ok: 4, itemsNew: 12 });
    expect(summary.analysis.items).toBe(12);
    expect(fetchedByWorker.sort()).toEqual(feeds.map((f) => f.id).sort());
    expect(logged.map((r) => r.feedId).sort()).toEqual(feeds.map((f) => f.id).sort());

    stop.abort();
    expect(await worker).toEqual({ jobs: 4, returned: 0 });
    await workerApp.close();
  });
});
