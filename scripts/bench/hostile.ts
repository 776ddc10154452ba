/**
 * `npm run bench` (hostile section): the peak memory of a collection that includes every hostile
 * feed of the adversarial suite (200 MB bodies, a gzip bomb, 50,000 items, 1 MB titles, slowloris,
 * entity tricks …) against the same collection without them. Each pass runs in its own child
 * process (`--child`) so its peak RSS is its own; both use the shipped default limits (15 MiB body
 * after decompression, 20 s per attempt, 500 items per feed), without retries.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);

export interface HostilePass {
  feeds: number;
  wallMs: number;
  peakRssMb: number;
  baselineRssMb: number;
  ok: number;
  failed: number;
  itemsNew: number;
}

export interface HostileFigures {
  without: HostilePass;
  with: HostilePass;
}

async function child(includeHostile: boolean): Promise<HostilePass> {
  const proc = spawn(process.execPath, ['--import', 'tsx', self, '--child', includeHostile ? 'hostile' : 'clean'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const rl = readline.createInterface({ input: proc.stdout! });
  for await (const line of rl) return JSON.parse(line) as HostilePass;
  throw new Error('the hostile bench child printed nothing');
}

/** Both passes, one child process each. */
export async function benchHostile(): Promise<HostileFigures> {
  return { without: await child(false), with: await child(true) };
}

export function formatHostile(h: HostileFigures): string {
  const line = (name: string, p: HostilePass) =>
    `  ${name}: ${p.feeds} feeds, peak RSS ${p.peakRssMb.toFixed(0)} MB (${p.baselineRssMb.toFixed(0)} MB before the run), ` +
    `${(p.wallMs / 1000).toFixed(2)} s, ${p.ok} ok, ${p.failed} failed, ${p.itemsNew} new items`;
  return [
    'hostile feeds: peak memory of a collection with and without the adversarial suite\'s feeds (default limits)',
    line('without', h.without),
    line('with   ', h.with),
    `  difference: ${(h.with.peakRssMb - h.without.peakRssMb).toFixed(0)} MB`,
  ].join('\n');
}

/** The child: serves the good feeds (and the hostile ones), collects them once, prints one JSON line. */
async function runChild(includeHostile: boolean): Promise<void> {
  const { openApp } = await import('../../src/app.js');
  const { runCollect } = await import('../../src/commands/collect.js');
  const { startHostileServer } = await import('../../test/adversarial/support/server.js');
  const { HOSTILE_CASES, CLEAN_CASES } = await import('../../test/adversarial/cases/index.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-bench-hostile-'));
  const secret = path.join(dir, 'secret.txt');
  fs.writeFileSync(secret, 'bench\n');
  const cases = includeHostile ? [...CLEAN_CASES, ...HOSTILE_CASES] : CLEAN_CASES;
  const server = await startHostileServer(cases, secret);
  const lines = ['settings:', '  fetch:', '    retries: 0', '    perHostConcurrency: 16', 'feeds:'];
  for (const c of cases) lines.push(`  - { id: ${c.id}, name: "${c.id}", url: "${server.url(c.id)}", kind: news }`);
  fs.writeFileSync(path.join(dir, 'feeds.yaml'), `${lines.join('\n')}\n`);
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const app = await openApp({ configPath: path.join(dir, 'feeds.yaml'), dbPath: path.join(dir, 'bench.db') });
  const started = performance.now();
  const summary = await runCollect(app);
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  await app.close();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const pass: HostilePass = {
    feeds: cases.length,
    wallMs,
    peakRssMb: peak / 2 ** 20,
    baselineRssMb: baseline / 2 ** 20,
    ok: summary.totals.ok,
    failed: summary.totals.failed,
    itemsNew: summary.totals.itemsNew,
  };
  process.stdout.write(`${JSON.stringify(pass)}\n`);
  process.exit(0);
}

if (process.argv[2] === '--child') await runChild(process.argv[3] === 'hostile');
else if (process.argv[1] === self) console.log(formatHostile(await benchHostile()));
