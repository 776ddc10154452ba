/**
 * `npm run bench`: speed and memory figures (never asserted in tests). Prints a readable report
 * and, with --json, one JSON object. Sections are added as the pipeline grows.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { benchClassify } from './bench/classify.js';
import { benchDedupe, formatDedupe, type DedupeFigures } from './bench/dedupe.js';
import { benchHostile, formatHostile } from './bench/hostile.js';
import { benchDraft, formatDraft, type DraftFigures } from './bench/draft.js';
import { benchParse } from './bench/parse.js';
import { benchQueue, formatQueue, type QueueFigures } from './bench/queue.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = path.resolve(root, '..', 'shared', 'corpus', 'feeds');
const json = process.argv.includes('--json');
const FEEDS = Number(process.env.BENCH_FEEDS ?? 1000);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 50);

// BENCH_CPU_PROF=DIR writes a V8 CPU profile of every benchmark process into DIR (node --cpu-prof).
const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(process.env.BENCH_CPU_PROF)] : [];

function tsx(script: string, args: string[]) {
  return spawn(process.execPath, [...profile, '--import', 'tsx', path.join(root, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
}

async function firstLine(child: ReturnType<typeof tsx>): Promise<string> {
  const rl = readline.createInterface({ input: child.stdout! });
  for await (const line of rl) return line;
  throw new Error(`${child.spawnargs.join(' ')} printed nothing`);
}

/** One feed of 50,000 items, maxItemsPerFeed raised: stored and analysed in one run (cold only). */
async function benchBigFeed() {
  const items = Number(process.env.BENCH_BIG_ITEMS ?? 50_000);
  const server = tsx('scripts/bench/feed-server.ts', ['1', String(items), '1']);
  try {
    const { ports, meanBytes } = JSON.parse(await firstLine(server)) as { ports: number[]; meanBytes: number };
    const settings = 'settings:\n  collect:\n    maxItemsPerFeed: 100000\n  fetch:\n    maxBodyBytes: 209715200\n    timeoutMs: 120000\n';
    const figures = JSON.parse(await firstLine(tsx('scripts/bench/collect.ts', [JSON.stringify(ports), '1', settings]))) as { cold: Pass };
    return { items, megabytes: Number((meanBytes / 2 ** 20).toFixed(1)), cold: figures.cold };
  } finally {
    server.kill();
  }
}

async function benchCollect() {
  const server = tsx('scripts/bench/feed-server.ts', [String(FEEDS), String(ITEMS)]);
  try {
    const { ports, meanBytes } = JSON.parse(await firstLine(server)) as { ports: number[]; meanBytes: number };
    // The floor: bare fetch of the same feeds from the same server, in its own process, same run.
    const floor = JSON.parse(await firstLine(tsx('scripts/bench/bare-fetch.ts', [JSON.stringify(ports), String(FEEDS)]))) as { wallMs: number };
    const collector = tsx('scripts/bench/collect.ts', [JSON.stringify(ports), String(FEEDS)]);
    const figures = JSON.parse(await firstLine(collector)) as { cold: Pass; warm: Pass };
    const ratio = (pass: Pass) => Number((pass.wallMs / floor.wallMs).toFixed(2));
    return { feeds: FEEDS, itemsPerFeed: ITEMS, meanFeedKb: Math.round(meanBytes / 1024), bareFetchMs: Math.round(floor.wallMs), coldRatio: ratio(figures.cold), warmRatio: ratio(figures.warm), ...figures };
  } finally {
    server.kill();
  }
}

// BENCH_ONLY=collect,classify runs only those sections (while working on one of them).
const only = process.env.BENCH_ONLY?.split(',');
const wanted = (section: string) => !only || only.includes(section);
const report: Record<string, unknown> = {};
if (!wanted('parse')) {
  // skipped
} else if (fs.existsSync(corpusDir)) {
  report.parse = await benchParse(corpusDir);
} else {
  console.error(`${path.relative(root, corpusDir)} not found: skipping the parse benchmark`);
}
if (wanted('collect')) report.collect = await benchCollect();
if (wanted('bigfeed')) report.bigFeed = await benchBigFeed();
if (wanted('dedupe')) report.dedupe = await benchDedupe();
if (wanted('classify')) report.classify = await benchClassify();
if (wanted('hostile')) report.hostile = await benchHostile();
if (wanted('draft')) report.draft = await benchDraft();
// Needs Redis (issue 20); BENCH_QUEUE_FEEDS / BENCH_QUEUE_ITEMS shrink the farm (default 10,000 x 20),
// BENCH_QUEUE_DB=postgres://… stores the fleet's run in PostgreSQL instead of one shared SQLite file.
if (wanted('queue')) {
  const env = process.env;
  report.queue = await benchQueue({
    feeds: Number(env.BENCH_QUEUE_FEEDS ?? 10_000),
    items: Number(env.BENCH_QUEUE_ITEMS ?? 20),
    ...(env.SECDIGEST_TEST_REDIS ? { redisUrl: env.SECDIGEST_TEST_REDIS } : {}),
    ...(env.BENCH_QUEUE_DB ? { fleetDb: env.BENCH_QUEUE_DB } : {}),
  });
}

if (json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const p = report.parse as Awaited<ReturnType<typeof benchParse>> | undefined;
  if (p) {
    console.log(`parse: ${p.documents} real documents, ${p.megabytes} MB, ${p.items} items`);
    console.log(`  decode+parse (feedsmith):   ${p.parse.ms} ms  ${p.parse.itemsPerSec} items/s  ${p.parse.mbPerSec} MB/s`);
    console.log(`  + normalize:                ${p.parseAndNormalize.ms} ms  ${p.parseAndNormalize.itemsPerSec} items/s  ${p.parseAndNormalize.mbPerSec} MB/s`);
    if (p.rssParser) console.log(`  rss-parser (for reference): ${p.rssParser.ms} ms  ${p.rssParser.itemsPerSec} items/s  ${p.rssParser.mbPerSec} MB/s, ${p.rssParser.failures} failures`);
  }
  const c = report.collect as { feeds: number; itemsPerFeed: number; meanFeedKb: number; bareFetchMs: number; coldRatio: number; warmRatio: number; cold: Pass; warm: Pass } | undefined;
  if (c) {
  console.log(`collect: ${c.feeds} feeds x ${c.itemsPerFeed} items (~${c.meanFeedKb} KB each) from a local server`);
  console.log(`  bare fetch (the floor): ${(c.bareFetchMs / 1000).toFixed(2)} s`);
  const line = (name: string, p: Pass, ratio: number, what: string) =>
    console.log(`  ${name}: ${(p.wallMs / 1000).toFixed(2)} s = ${ratio}x the floor (fetch+store ${(p.storeMs / 1000).toFixed(2)} s, analysis ${(p.analysis.durationMs / 1000).toFixed(2)} s of ${p.analysis.items} items), peak RSS ${p.peakRssMb.toFixed(0)} MB, ${what}`);
  line('cold', c.cold, c.coldRatio, `${c.cold.totals.ok} ok, ${c.cold.totals.itemsNew} new items, ${c.cold.pendingAfter} pending after`);
  line('warm', c.warm, c.warmRatio, `${c.warm.totals.notModified} not modified, ${c.warm.totals.itemsNew} new items`);
  for (const failure of [...c.cold.failures, ...c.warm.failures]) console.log(`  failed: ${failure}`);
  }
  const big = report.bigFeed as { items: number; megabytes: number; cold: Pass } | undefined;
  if (big) {
    const p = big.cold;
    console.log(`one feed of ${big.items} items (${big.megabytes} MB): ${(p.wallMs / 1000).toFixed(2)} s (fetch+store ${(p.storeMs / 1000).toFixed(2)} s, analysis ${(p.analysis.durationMs / 1000).toFixed(2)} s), peak RSS ${p.peakRssMb.toFixed(0)} MB, ${p.totals.itemsNew} new items, ${p.pendingAfter} pending after`);
    for (const failure of p.failures) console.log(`  failed: ${failure}`);
  }
  if (report.dedupe) console.log(formatDedupe(report.dedupe as DedupeFigures));
  const k = report.classify as Awaited<ReturnType<typeof benchClassify>> | undefined;
  if (k) {
    console.log(`classify: model load ${k.importMs} ms import + ${k.trainMs} ms training on ${k.trainedOn} shipped examples (or ${k.loadMs} ms from a ${k.modelKb} KB serialized model)`);
    console.log(`  the shipped model as commands load it (data/model, ${k.shippedFrom}): ${k.shippedMs} ms`);
    console.log(`  ${k.items} items in ${k.classifyMs} ms: ${k.itemsPerSec} items/s`);
  }
  if (report.hostile) console.log(formatHostile(report.hostile as Awaited<ReturnType<typeof benchHostile>>));
  if (report.draft) console.log(formatDraft(report.draft as DraftFigures));
  if (report.queue) console.log(formatQueue(report.queue as QueueFigures));
}

interface Pass {
  wallMs: number;
  /** Until the last feed was stored, before the analysis stage. */
  storeMs: number;
  analysis: { items: number; durationMs: number };
  pendingAfter: number;
  peakRssMb: number;
  failures: string[];
  totals: { ok: number; notModified: number; itemsNew: number };
}
