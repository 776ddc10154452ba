/**
 * `npm run bench` section `queue` (issue 20): a loopback simulation of a fleet. A farm of feeds
 * (default 10,000 × 20 items on 25 ports of 127.0.0.1, one "host" per port) is collected twice into
 * fresh SQLite databases: by one process (`collectHere`, the fetch stage of `collect`), then by one
 * coordinator (`collect --queue`'s) and N `secdigest worker` processes sharing one store and one
 * Redis: one SQLite file, or with `fleetDb` a PostgreSQL URL (a schema of its own, dropped after). Each side runs a cold pass (everything new) and a warm one (every feed a 304). Reports
 * feeds/s and items/s, and the Redis commands the fleet's cold pass cost.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { openApp } from '../../src/app.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Pass {
  wallMs: number;
  totals: { feeds: number; ok: number; notModified: number; failed: number; itemsNew: number };
  failures: string[];
}
interface Stage {
  cold: Pass;
  warm: Pass;
  peakRssMb: number;
}
export interface QueueFigures {
  feeds: number;
  itemsPerFeed: number;
  workers: number;
  workerConcurrency: number;
  cores: number;
  local: Stage;
  /** Where the fleet stored: `sqlite` (one shared file) or `postgres`. */
  fleetStore: string;
  fleet: Stage & { redisCommands: { cold: { total: number; top: [string, number][] }; warm: { total: number; top: [string, number][] } } };
}

function tsx(script: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(root, script), ...args], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
}

/** The lines a child prints, one at a time. */
function lines(child: ChildProcess): () => Promise<string> {
  const iterator = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return async () => {
    const next = await iterator.next();
    if (next.done) throw new Error(`${child.spawnargs.join(' ')} ended early`);
    return next.value as string;
  };
}

/** A stage process's two passes; `between` runs at the boundary (Redis counters are read there). */
async function runStage(args: string[], between: () => Promise<void> = async () => {}): Promise<Stage> {
  const child = tsx('scripts/bench/queue-stage.ts', args);
  const next = lines(child);
  const cold = JSON.parse(await next()) as Pass;
  await between();
  child.stdin!.write('go\n');
  const { peakRssMb, ...warm } = JSON.parse(await next()) as Pass & { peakRssMb: number };
  return { cold, warm, peakRssMb };
}

/** Calls per Redis command so far (commands run inside scripts included), from INFO commandstats. */
async function commandCalls(redis: Redis): Promise<Map<string, number>> {
  const calls = new Map<string, number>();
  for (const [, name, n] of (await redis.info('commandstats')).matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(name!, Number(n));
  return calls;
}

/** What ran between two readings: the total, and the commands that made most of it. */
function callsBetween(before: Map<string, number>, after: Map<string, number>): { total: number; top: [string, number][] } {
  const delta = [...after].map(([name, n]) => [name, n - (before.get(name) ?? 0)] as [string, number]).filter(([, n]) => n > 0);
  delta.sort((a, b) => b[1] - a[1]);
  // INFO itself is ours, not the fleet's.
  const fleet = delta.filter(([name]) => name !== 'info');
  return { total: fleet.reduce((sum, [, n]) => sum + n, 0), top: fleet.slice(0, 8) };
}

export async function benchQueue(options: { feeds?: number; items?: number; workers?: number; redisUrl?: string; fleetDb?: string } = {}): Promise<QueueFigures> {
  const feeds = options.feeds ?? 10_000;
  const items = options.items ?? 20;
  const workers = options.workers ?? 4;
  const workerConcurrency = 16;
  const redisUrl = options.redisUrl ?? 'redis://127.0.0.1:6379';
  const prefix = `secdigest-bench-${process.pid}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-bench-queue-'));
  const server = tsx('scripts/bench/feed-server.ts', [String(feeds), String(items), '25']);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const fleet: ChildProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const { ports } = JSON.parse(await lines(server)()) as { ports: number[] };
    const config = path.join(dir, 'feeds.yaml');
    const entries = ['feeds:'];
    for (let i = 0; i < feeds; i++) entries.push(`  - { id: bench-${i}, name: Bench ${i}, url: "http://127.0.0.1:${ports[i % ports.length]}/feed/${i}.xml", kind: news }`);
    fs.writeFileSync(config, `${entries.join('\n')}\n`);

    const local = await runStage(['local', config, path.join(dir, 'local.db')]);

    const schema = `secdigest_bench_${process.pid}`;
    const db = options.fleetDb ? `${options.fleetDb}${options.fleetDb.includes('?') ? '&' : '?'}schema=${schema}` : path.join(dir, 'fleet.db');
    if (options.fleetDb) cleanups.push(() => dropSchema(options.fleetDb!, schema));
    const queueUrl = `${redisUrl}?prefix=${prefix}`;
    // Created and migrated once, before the workers open it together.
    await (await openApp({ configPath: config, dbPath: db })).close();
    for (let i = 0; i < workers; i++) {
      fleet.push(tsx('src/cli/main.ts', ['worker', '--config', config, '--db', db, '--queue', queueUrl, '--concurrency', String(workerConcurrency), '--json']));
    }
    await Promise.all(
      fleet.map(async (worker) => {
        const next = lines(worker);
        while (!(await next()).includes('"worker-started"'));
        // Keep reading the worker's log so a full pipe never blocks it.
        void (async () => {
          for (;;) await next();
        })().catch(() => {});
      }),
    );
    const start = await commandCalls(redis);
    let boundary = start;
    const figures = await runStage(['queue', config, db, queueUrl], async () => {
      boundary = await commandCalls(redis);
    });
    const end = await commandCalls(redis);
    return {
      feeds,
      itemsPerFeed: items,
      workers,
      workerConcurrency,
      cores: os.availableParallelism(),
      fleetStore: options.fleetDb ? 'postgres' : 'sqlite',
      local,
      // Every client's commands (coordinator, workers' queue loops and host limiter): nothing else uses
      // this Redis during the run.
      fleet: { ...figures, redisCommands: { cold: callsBetween(start, boundary), warm: callsBetween(boundary, end) } },
    };
  } finally {
    for (const worker of fleet) worker.kill('SIGTERM');
    await Promise.all(fleet.map((worker) => new Promise((resolve) => (worker.exitCode !== null ? resolve(null) : worker.once('exit', resolve)))));
    server.kill();
    for (const cleanup of cleanups) await cleanup();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

export function formatQueue(q: QueueFigures): string {
  const rate = (p: Pass) => `${(p.wallMs / 1000).toFixed(1)} s, ${Math.round(p.totals.feeds / (p.wallMs / 1000))} feeds/s, ${Math.round(p.totals.itemsNew / (p.wallMs / 1000))} items/s`;
  const line = (name: string, s: Stage) =>
    [
      `  ${name} cold: ${rate(s.cold)} (${s.cold.totals.ok} ok, ${s.cold.totals.failed} failed, ${s.cold.totals.itemsNew} items)`,
      `  ${name} warm: ${rate(s.warm)} (${s.warm.totals.notModified} not modified)`,
      ...[...s.cold.failures, ...s.warm.failures].map((f) => `    failed: ${f}`),
    ].join('\n');
  return [
    `queue: ${q.feeds} feeds x ${q.itemsPerFeed} items on 25 loopback hosts, fetch+store only (no analysis), ${q.cores} cores`,
    line('single process        ', q.local),
    line(`1 coordinator + ${q.workers} workers (${q.fleetStore})`, q.fleet),
    ...(['cold', 'warm'] as const).map((pass) => {
      const c = q.fleet.redisCommands[pass];
      const top = c.top.map(([name, n]) => `${name} ${(n / q.feeds).toFixed(1)}`).join(', ');
      return `  Redis commands, ${pass}: ${c.total} (${(c.total / q.feeds).toFixed(1)} a feed, ${Math.round(c.total / (q.fleet[pass].wallMs / 1000))}/s; a feed: ${top})`;
    }),
    `  peak RSS: single process ${q.local.peakRssMb} MB, coordinator ${q.fleet.peakRssMb} MB`,
  ].join('\n');
}
