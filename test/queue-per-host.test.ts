/**
 * Issue 20: per-host politeness holds across the fleet. Twenty feeds on one host, four worker
 * processes with four jobs each (sixteen fetches could run at once), `perHostConcurrency: 2`: the
 * host never sees more than two requests in flight (it counts them itself).
 */
import { describe, expect, it } from 'vitest';
import { openApp } from '../src/app.js';
import { cli } from './support/cli.js';
import { spawnCli } from './support/cli-process.js';
import { farmDocuments, startFarmServer } from './support/feed-farm.js';
import { useFleet, writeFarmConfig } from './support/fleet.js';
import { POSTGRES_URL, postgresAvailable, redisAvailable, uniqueName } from './support/services.js';
import { postgresShared, sqliteShared, type SharedStorage } from './support/shared-storage.js';

const available = await redisAvailable();
// The topology stores in PostgreSQL: used wherever the server is reachable (and required
// by SECDIGEST_REQUIRE_SERVICES=1, as CI sets); a shared SQLite file where it is not.
const withPostgres = available && (await postgresAvailable());

describe.skipIf(!available)('perHostConcurrency across four worker processes', () => {
  const fleet = useFleet();

  // Politeness lives in Redis whatever the storage: one engine, the (PostgreSQL) where it runs.
  const engines: [string, () => SharedStorage][] = [withPostgres ? ['postgres', () => postgresShared(POSTGRES_URL, uniqueName('sdq'))] : ['sqlite', () => sqliteShared(fleet.tmp.dir)]];

  it.each(engines)('never lets more than two requests reach the host at once (%s)', async (_engine, makeStorage) => {
    const shared = (fleet.storage = makeStorage());
    const { feeds, bodies } = farmDocuments(20, 2);
    const server = (fleet.server = await startFarmServer(bodies, { delayMs: 150 }));
    const config = writeFarmConfig(fleet.tmp.dir, 'feeds.yaml', server, feeds, '    perHostConcurrency: 2\n');
    await (await openApp({ configPath: config, dbPath: shared.db })).close();
    const { queue, processes: workers } = fleet;
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
