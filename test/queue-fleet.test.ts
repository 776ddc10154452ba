/**
 * Issue 20, "What it must show": a fleet of `secdigest worker` processes and a `collect --queue`
 * coordinator on one Redis and one shared storage, with a worker SIGKILLed mid-run and started
 * again. Every process is the real CLI, spawned. The storage is a parameter (shared-storage.ts).
 */
import { describe, expect, it } from 'vitest';
import { openApp } from '../src/app.js';
import { cli } from './support/cli.js';
import { spawnCli, type CliProcess } from './support/cli-process.js';
import { farmDocuments, startFarmServer } from './support/feed-farm.js';
import { useFleet, writeFarmConfig } from './support/fleet.js';
import { POSTGRES_URL, postgresAvailable, redisAvailable, uniqueName } from './support/services.js';
import { postgresShared, sqliteShared, type SharedStorage } from './support/shared-storage.js';

const available = await redisAvailable();
// The topology stores in PostgreSQL: used wherever the server is reachable (and required
// by SECDIGEST_REQUIRE_SERVICES=1, as CI sets); a shared SQLite file where it is not.
const withPostgres = available && (await postgresAvailable());

/** The user agent of the worker the test kills: the farm never answers it, so its jobs are mid-fetch. */
const DOOMED_AGENT = 'secdigest-doomed-worker';


describe.skipIf(!available)('collect --queue with two worker processes, one killed mid-run', () => {
  const fleet = useFleet();

  // The topology (PostgreSQL) where the server runs, and one SQLite file shared by the
  // processes of one machine (the default engine) always: about 9 s each.
  const engines: [string, () => SharedStorage][] = [
    ...(withPostgres ? [['postgres', () => postgresShared(POSTGRES_URL, uniqueName('sdq'))] as [string, () => SharedStorage]] : []),
    ['sqlite', () => sqliteShared(fleet.tmp.dir)],
  ];

  it.each(engines)('stores every feed once and files the same stories as a local collect (%s)', async (_engine, makeStorage) => {
    const shared = (fleet.storage = makeStorage());
    const { feeds, bodies } = farmDocuments(12, 6);
    const server = (fleet.server = await startFarmServer(bodies, { delayMs: 100, hold: (req) => req.headers['user-agent'] === DOOMED_AGENT }));
    // Four requests to the host at once across the fleet: the doomed worker's two held ones leave
    // room for the other worker, and a killed worker's slots must free themselves for all four.
    const perHost = '    perHostConcurrency: 4\n';
    const config = writeFarmConfig(fleet.tmp.dir, 'feeds.yaml', server, feeds, perHost);
    const doomedConfig = writeFarmConfig(fleet.tmp.dir, 'doomed.yaml', server, feeds, `${perHost}    userAgent: ${DOOMED_AGENT}\n`);
    await (await openApp({ configPath: config, dbPath: shared.db })).close(); // created and migrated once, before the processes share it
    const { queue } = fleet;
    const worker = (file: string) => {
      const p = spawnCli(['worker', '--config', file, '--db', shared.db, '--queue', queue, '--concurrency', '2', '--lease', '2', '--grace', '5']);
      fleet.processes.push(p);
      return p;
    };
    const started = (p: CliProcess) => p.until(() => p.events().some((e) => e.event === 'worker-started'), 'the worker to start');
    const feedEvents = (p: CliProcess) => p.events().filter((e) => e.event === 'feed');

    const doomed = worker(doomedConfig);
    const steady = worker(config);
    await Promise.all([started(doomed), started(steady)]);
    const coordinator = spawnCli(['collect', '--config', config, '--db', shared.db, '--queue', queue, '--json']);
    fleet.processes.push(coordinator);

    // Mid-run: the doomed worker holds two fetches no one answers while the other stores feeds.
    await steady.until(() => feedEvents(steady).length >= 2, 'the steady worker to store two feeds');
    expect(feedEvents(doomed)).toEqual([]);
    doomed.child.kill('SIGKILL');
    expect((await doomed.exit).signal).toBe('SIGKILL');
    const restarted = worker(config);

    const { code } = await coordinator.exit;
    expect(code, coordinator.output().slice(-2000)).toBe(0);
    const summary = JSON.parse(coordinator.stdout()) as { totals: Record<string, number>; feeds: { feedId: string; status: string }[]; analysis: { items: number } };
    expect(summary.totals).toMatchObject({ feeds: 12, ok: 12, failed: 0, skipped: 0, itemsNew: 72, itemsUpdated: 0 });
    expect(summary.feeds.map((f) => f.feedId)).toEqual(feeds.map((f) => f.id)); // the configuration's order, as a local run
    expect(summary.analysis.items).toBe(72);

    // Every feed fetched; the killed worker's two jobs were taken over once its lease ran out.
    for (const feed of feeds) expect(server.served.get(feed.path), feed.id).toBeGreaterThanOrEqual(1);
    expect(server.held).toHaveLength(2);
    for (const heldPath of server.held) expect(server.served.get(heldPath)).toBe(1);
    const byWorker = [steady, restarted].map((p) => feedEvents(p).length);
    expect(byWorker[0]! + byWorker[1]!).toBe(12);

    // Every item stored once, each in one story, none pending.
    const stored = await shared.snapshot();
    expect([...stored.itemsByFeed.keys()].sort()).toEqual(feeds.map((f) => f.id).sort());
    for (const ids of stored.itemsByFeed.values()) expect(ids).toHaveLength(6);
    expect(stored.unfiled).toBe(0);
    expect(stored.stories.flat()).toHaveLength(72);

    // The same documents collected by one process into a fresh database give the same stories.
    const local = sqliteShared(fleet.tmp.dir, 'local.db');
    const run = await cli(['collect', '--config', config, '--db', local.db, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as typeof summary).totals).toEqual(summary.totals);
    expect((await local.snapshot()).stories).toEqual(stored.stories);

    // SIGTERM: both workers stop taking jobs and exit 0.
    for (const p of [steady, restarted]) p.child.kill('SIGTERM');
    for (const p of [steady, restarted]) expect(await p.exit).toEqual({ code: 0, signal: null });
    expect(restarted.events().some((e) => e.event === 'worker-stopped')).toBe(true);
  }, 60_000);
});
