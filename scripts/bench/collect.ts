/**
 * Collects `feeds` feeds from the benchmark host twice (cold, then warm with 304s) through
 * the same runCollect the CLI uses, in its own process so peak memory is this run's alone.
 * Prints one JSON line with the figures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp } from '../../src/app.js';
import { runCollect } from '../../src/commands/collect.js';
import { countPendingAnalysis } from '../../src/storage/index.js';

const ports = JSON.parse(process.argv[2] ?? '[]') as number[];
const feeds = Number(process.argv[3] ?? 1000);
// A `settings:` block for feeds.yaml (the one-big-feed pass raises collect.maxItemsPerFeed).
const settings = process.argv[4] ?? '';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-bench-'));
const lines = ['feeds:'];
for (let i = 0; i < feeds; i++) {
  const port = ports[i % ports.length];
  lines.push(`  - { id: bench-${i}, name: Bench ${i}, url: "http://127.0.0.1:${port}/feed/${i}.xml", kind: news }`);
}
fs.writeFileSync(path.join(dir, 'feeds.yaml'), `${lines.join('\n')}\n${settings}`);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);

async function pass() {
  peakRss = process.memoryUsage().rss;
  const app = await openApp({ configPath: path.join(dir, 'feeds.yaml'), dbPath: path.join(dir, 'bench.db') });
  const started = performance.now();
  const summary = await runCollect(app);
  const wallMs = performance.now() - started;
  const pendingAfter = countPendingAnalysis(app.db!);
  await app.close();
  // A failed feed is named with its reason: in a benchmark it means the collector starved itself.
  const failures = summary.feeds.filter((f) => f.error).map((f) => `${f.feedId}: ${f.error!.code} after ${f.durationMs} ms (${f.error!.message})`);
  // Fetch and store end where the analysis stage starts.
  return { wallMs, storeMs: wallMs - summary.analysis.durationMs, analysis: summary.analysis, pendingAfter, peakRssMb: peakRss / 2 ** 20, totals: summary.totals, failures };
}

const cold = await pass();
const warm = await pass();
clearInterval(sampler);
fs.rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ cold, warm })}\n`);
