/**
 * One fetch stage of the queue benchmark, in its own process: `local` runs `collectHere` (what a
 * single-process `collect` does before its analysis stage); `queue` runs `collectOnQueue` (the
 * coordinator of `collect --queue`: enqueue, wait for the workers). Two passes: cold (empty
 * database) and warm (every feed answers 304). The analysis stage is left out of both: it is the
 * same single-writer stage either way (see docs/SCALING.md). Prints one JSON line per pass and
 * waits for a line on stdin between them, so the caller can read Redis's counters at the boundary.
 */
import readline from 'node:readline';
import { openApp } from '../../src/app.js';
import { collectHere, collectOnQueue } from '../../src/commands/collect.js';
import { parseQueueUrl } from '../../src/queue/config.js';
import { openQueueCollector } from '../../src/queue/coordinator.js';

const [mode, configPath, dbPath, queueUrl] = process.argv.slice(2);
if ((mode !== 'local' && mode !== 'queue') || !configPath || !dbPath) throw new Error('usage: queue-stage.ts local|queue CONFIG DB [QUEUE_URL]');

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const app = await openApp({ configPath, dbPath });
const queue = mode === 'queue' ? await openQueueCollector(parseQueueUrl(queueUrl!)) : undefined;

async function pass() {
  await app.storage.feeds.sync(app.config.feeds, app.now().toISOString());
  const feeds = app.config.feeds.filter((feed) => feed.enabled);
  const started = performance.now();
  const summary = queue ? await collectOnQueue(queue, feeds, app.now) : await collectHere(app, feeds);
  const wallMs = performance.now() - started;
  const failures = summary.feeds.filter((f) => f.error).map((f) => `${f.feedId}: ${f.error!.code} (${f.error!.message})`).slice(0, 10);
  return { wallMs, totals: summary.totals, failures };
}

process.stdout.write(`${JSON.stringify(await pass())}\n`);
const input = readline.createInterface({ input: process.stdin });
await new Promise((resolve) => input.once('line', resolve));
input.close();
const warm = await pass();
clearInterval(sampler);
await queue?.close();
await app.close();
process.stdout.write(`${JSON.stringify({ ...warm, peakRssMb: Math.round(peakRss / 2 ** 20) })}\n`);
