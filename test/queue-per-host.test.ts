/**
 * Issue 20: per-host politeness holds across the fleet. Twenty feeds on one host, four worker
 * processes with four jobs each (sixteen fetches could run at once), `perHostConcurrency: 2`: the
 * host never sees more than two requests in flight (it counts them itself).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp } from '../src/app.js';
import { cli, tempDir } from './support/cli.js';
import { spawnCli, type CliProcess } from './support/cli-process.js';
import { farmDocuments, startFarmServer, type FarmServer } from './support/feed-farm.js';
import { deleteKeysByPrefix } from './support/redis-keys.js';
import { POSTGRES_URL, postgresAvailable, REDIS_URL, redisAvailable, uniqueName } from './support/services.js';
import { postgresShared, sqliteShared, type SharedStorage } from './support/shared-storage.js';

const available = await redisAvailable();
// The topology stores in PostgreSQL: used wherever the server is reachable (and required
// by SECDIGEST_REQUIRE_SERVICES=1, as CI sets); a shared SQLite file where it is not.
const withPostgres = available && (await postgresAvailable());

describe.skipIf(!available)('perHostConcurrency across four worker processes', () => {
  let tmp: ReturnType<typeof tempDir>;
  let server: FarmServer;
  let prefix: string;
  let storage: SharedStorage | undefined;
  let workers: CliProcess[];

  beforeEach(() => {
    tmp = tempDir();
    prefix = uniqueName('sdq');
    workers = [];
  });
  afterEach(async () => {
    for (const p of workers) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all(workers.map((p) => p.exit));
    await server?.close();
    await deleteKeysByPrefix(REDIS_URL, prefix);
    await storage?.cleanup();
    storage = undefined;
    tmp.cleanup();
  });

  // Politeness lives in Redis whatever the storage: one engine, the (PostgreSQL) where it runs.
  const engines: [string, () => SharedStorage][] = [withPostgres ? ['postgres', () => postgresShared(POSTGRES_URL, uniqueName('sdq'))] : ['sqlite', () => sqliteShared(tmp.dir)]];

  it.each(engines)('never lets more than two requests reach the host at once (%s)', async (_engine, makeStorage) => {
    const shared = makeStorage();
    storage = shared;
    const { feeds, bodies } = farmDocuments(20, 2);
    server = await startFarmServer(bodies, { delayMs: 150 });
    const config = path.join(tmp.dir, 'feeds.yaml');
    const list = feeds.map((f) => `  - { id: ${f.id}, name: "Farm ${f.id}", url: "${server.baseUrl}${f.path}", kind: news }`);
    fs.writeFileSync(config, `settings:\n  fetch:\n    timeoutMs: 10000\n    retries: 0\n    perHostConcurrency: 2\nfeeds:\n${list.join('\n')}\n`);
    await (await openApp({ configPath: config, dbPath: shared.db })).close();
    const queue = `${REDIS_URL}?prefix=${prefix}`;
    for (let i = 0; i < 4; i++) workers.push(spawnCli(['worker', '--config', config, '--db', shared.db, '--queue', queue, '--concurrency', '4', '--grace', '5']));
    await Promise.all(workers.map((w) => w.until(() => w.events().some((e) => e.event === 'worker-started'), 'the worker to start', 25_000)));

    const run = await cli(['collect', '--config', config, '--db', shared.db, '--queue', queue, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { totals: { ok: number } }).totals.ok).toBe(20);
    for (const feed of feeds) expect(server.served.get(feed.path), feed.id).toBe(1);

    // Two at once, and no more: the limit was reached, and held across processes.
    expect(server.maxInFlight()).toBe(2);
    const jobsPerWorker = workers.map((w) => w.events().filter((e) => e.event === 'feed').length);
    expect(jobsPerWorker.reduce((a, b) => a + b, 0)).toBe(20);
    expect(jobsPerWorker.filter((n) => n > 0).length, `jobs per worker: ${jobsPerWorker.join(', ')}`).toBeGreaterThanOrEqual(2);

    for (const w of workers) w.child.kill('SIGTERM');
    for (const w of workers) expect(await w.exit).toEqual({ code: 0, signal: null });
  }, 60_000);
});
