/**
 * The dedupe section of `npm run bench`: time and peak memory to file 5,000 new items in stories
 * against stored items (synthetic, every one inside the loaded window: the worst case, since the
 * clusterer loads the window into memory), at each size of BENCH_DEDUPE_SIZES (default 100,000 and
 * 1,000,000), and how the time grows between sizes. Each build and each match runs in its own
 * process (dedupe-worker.ts) so peak memory is its own.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Build {
  buildMs: number;
  peakRssMb: number;
}

interface Match {
  matchMs: number;
  /** Loading the window and clustering (the rest is storing and writing). */
  clusterMs: number;
  candidatesPerItem: number;
  /** 1 when the analysis thread shared the preparation of texts (a second core), else 0. */
  thread: number;
  retellings: number;
  retellingsFound: number;
  merged: number;
  peakRssMb: number;
}

export interface DedupeSize {
  stored: number;
  build: Build;
  match: Match;
}

export interface DedupeFigures {
  newItems: number;
  sizes: DedupeSize[];
  /** Time at the largest size over time at the smallest, against the ratio of stored items. */
  growth: { stored: number; match: number };
}

// The clusterer holds the loaded window in memory (~7 KB an item): a 1M-item window needs more than
// V8's default heap, so the benchmark's processes may use most of the machine's memory.
const HEAP_MB = Math.floor((os.totalmem() / 2 ** 20) * 0.75);

function worker(args: string[]): Promise<Record<string, number>> {
  // BENCH_CPU_PROF=DIR profiles these processes too, as it does the others (bench.ts).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(process.env.BENCH_CPU_PROF)] : [];
  const child = spawn(process.execPath, [...profile, `--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', path.join(root, 'scripts/bench/dedupe-worker.ts'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`dedupe-worker ${args[0]} exited with ${code}`))));
  });
}

export async function benchDedupe(sizes = (process.env.BENCH_DEDUPE_SIZES ?? '100000,1000000').split(',').map(Number)): Promise<DedupeFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-dedupe-bench-'));
  const results: DedupeSize[] = [];
  try {
    for (const stored of sizes) {
      const file = path.join(dir, `stored-${stored}.db`);
      const build = (await worker(['build', file, String(stored)])) as unknown as Build;
      const match = (await worker(['match', file, String(stored)])) as unknown as Match;
      results.push({ stored, build, match });
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const first = results[0]!;
  const last = results.at(-1)!;
  return {
    newItems: 5_000,
    sizes: results,
    growth: { stored: last.stored / first.stored, match: last.match.matchMs / first.match.matchMs },
  };
}

export function formatDedupe(d: DedupeFigures): string {
  const lines = [`dedupe: file ${d.newItems} new items (1,000 of them retellings of stored items) in stories against stored items, all inside the window`];
  for (const s of d.sizes) {
    lines.push(
      `  ${s.stored.toLocaleString('en-US')} stored: ${(s.match.matchMs / 1000).toFixed(2)} s (window load + clustering ${(s.match.clusterMs / 1000).toFixed(2)} s${s.match.thread ? ', with the analysis thread' : ''}), ` +
        `peak RSS ${s.match.peakRssMb.toFixed(0)} MB, ${s.match.retellingsFound}/${s.match.retellings} retellings found, ${s.match.merged - s.match.retellingsFound} other merges ` +
        `[built in ${(s.build.buildMs / 1000).toFixed(0)} s]`,
    );
  }
  lines.push(`  ${d.growth.stored.toFixed(0)}x the stored items: ${d.growth.match.toFixed(2)}x the time`);
  return lines.join('\n');
}
