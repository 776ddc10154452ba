/**
 * `npm run test:crash [-- --rounds N]`: crash safety of `collect` (issue 9). Serves a local corpus on
 * 127.0.0.1 (the demo feeds in several copies plus generated feeds, with random response delays so
 * a run lasts long enough to be hit anywhere), then, N times (default 20), starts a collection in a
 * child process and kills it with SIGKILL at a random moment of its expected duration: during
 * start-up, migrations, fetching, or a group commit. After every kill it checks
 *   - `PRAGMA integrity_check` is ok, and
 *   - every feed whose validators (ETag / Last-Modified) are stored has all its items stored: a
 *     validator saved without its items would hide them for good (the next run gets a 304).
 * Then a clean run of the real CLI (`secdigest collect`) must complete, and the final item set
 * (feed, guid, content hash) must equal that of an uninterrupted run: nothing lost, nothing
 * duplicated. Exit code 0 when every check passed.
 *
 * The killed runs call `runCollectLocked` (exactly what the CLI's collect runs, run lock included)
 * in a child process of this script (`--child`), with the classifier's model trained once by this
 * script. Each round therefore also proves that a SIGKILLed holder's lock does not block the next
 * run (the lock sees that the holder's process is gone). The last step checks the same with the
 * real CLI.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { parseDocument } from 'yaml';
import { startFixtureServer } from './fixture-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? undefined : Number(process.argv[at + 1]);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  return value;
}

// --child CONFIG DB MODEL: one collection, exactly as `secdigest collect` runs it, lock included.
// The classifier's model is the shipped set's, trained once by the parent and loaded from MODEL
// (~2 ms instead of ~0.4 s of training per round), so kills land in the run, not in training.
if (process.argv[2] === '--child') {
  const [configPath = '', dbPath = '', modelFile = ''] = process.argv.slice(3);
  const { openApp } = await import('../src/app.js');
  const { runCollectLocked } = await import('../src/commands/collect.js');
  const { loadModel } = await import('../src/pipeline/classify/index.js');
  const app = await openApp({ configPath, dbPath });
  try {
    const model: unknown = JSON.parse(fs.readFileSync(modelFile, 'utf8'));
    await runCollectLocked(app, { onResult: () => process.stderr.write('.'), classifierSource: { trainShipped: () => loadModel(model) } });
  } finally {
    await app.close();
  }
  process.exit(0);
}

const rounds = flag('rounds', 20);
const copies = flag('copies', 4);
const generated = flag('generated', 40);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-crash-'));
const modelFile = path.join(work, 'model.json');

interface DemoFeed {
  id: string;
  name: string;
  url: string;
  kind: string;
}

/** The corpus directory served: the demo feeds, plus `generated` RSS feeds of 40 items each. */
function buildCorpus(): { dir: string; feeds: { id: string; path: string; kind: string }[] } {
  const dir = path.join(work, 'corpus');
  fs.mkdirSync(path.join(dir, 'feeds'), { recursive: true });
  const feeds: { id: string; path: string; kind: string }[] = [];
  const demo = parseDocument(fs.readFileSync(path.join(root, 'data/demo/feeds.yaml'), 'utf8')).toJS() as { feeds: DemoFeed[] };
  for (const feed of demo.feeds) {
    const file = new URL(feed.url).pathname;
    fs.copyFileSync(path.join(root, 'data/demo', file), path.join(dir, file));
    feeds.push({ id: feed.id, path: file, kind: feed.kind });
  }
  for (let n = 0; n < generated; n++) {
    const items = Array.from({ length: 40 }, (_, i) => {
      const day = String(1 + (i % 28)).padStart(2, '0');
      return `<item><title>Generated feed ${n} story ${i}: patch for CVE-2026-${1000 + n * 40 + i}</title>` +
        `<link>https://gen${n}.example/story/${i}?utm_source=rss</link><guid>gen-${n}-${i}</guid>` +
        `<pubDate>${day} Nov 2026 10:${String(i).padStart(2, '0')}:00 GMT</pubDate>` +
        `<description>&lt;p&gt;Synthetic summary ${i} of generated feed ${n}.&lt;/p&gt;</description></item>`;
    });
    const file = `/feeds/generated-${n}.xml`;
    fs.writeFileSync(path.join(dir, file),
      `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Generated ${n}</title><link>https://gen${n}.example/</link>\n${items.join('\n')}\n</channel></rss>\n`);
    feeds.push({ id: `generated-${n}`, path: file, kind: 'news' });
  }
  return { dir, feeds };
}

function writeConfig(baseUrl: string, feeds: { id: string; path: string; kind: string }[]): string {
  const lines = ['settings:', '  fetch:', '    timeoutMs: 10000', '    perHostConcurrency: 8', 'feeds:'];
  for (let copy = 1; copy <= copies; copy++) {
    for (const feed of feeds) {
      // Generated feeds once; the demo feeds in `copies` copies (the same documents under other ids).
      if (feed.id.startsWith('generated-') && copy > 1) continue;
      lines.push(`  - { id: ${feed.id}-${copy}, name: "${feed.id} ${copy}", url: "${baseUrl}${feed.path}?copy=${copy}", kind: ${feed.kind} }`);
    }
  }
  const file = path.join(work, 'feeds.yaml');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

interface ChildResult {
  code: number | null;
  killed: boolean;
  ms: number;
  stderr: string;
}

/** Runs a collection (`--child`, or the real CLI with `cli`), killing it after `killAfterMs` if given. */
function collect(config: string, db: string, options: { killAfterMs?: number; cli?: string[] } = {}): Promise<ChildResult> {
  const args = options.cli
    ? ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), 'collect', '--config', config, '--db', db, ...options.cli]
    : ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', config, db, modelFile];
  const started = Date.now();
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let killed = false;
  const timer = options.killAfterMs === undefined ? undefined : setTimeout(() => (killed = child.kill('SIGKILL')), options.killAfterMs);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, killed, ms: Date.now() - started, stderr });
    }),
  );
}

function withDb<T>(file: string, read: (conn: Database.Database) => T): T {
  const conn = new Database(file, { readonly: true });
  try {
    return read(conn);
  } finally {
    conn.close();
  }
}

function itemSet(db: string): string[] {
  return withDb(db, (conn) =>
    (conn.prepare('SELECT feed_id, guid, content_hash FROM items ORDER BY feed_id, guid').all() as Record<string, string>[]).map(
      (r) => `${r.feed_id}\t${r.guid}\t${r.content_hash}`,
    ),
  );
}

/** Item count per feed id. */
function countsByFeed(db: string): Map<string, number> {
  return withDb(db, (conn) => {
    const rows = conn.prepare('SELECT feed_id AS id, COUNT(*) AS n FROM items GROUP BY feed_id').all() as { id: string; n: number }[];
    return new Map(rows.map((r) => [r.id, r.n]));
  });
}

/** Feeds whose validators are stored but whose items are not all there (must be none). */
function validatorsWithoutItems(db: string, expected: Map<string, number>): string[] {
  const stored = countsByFeed(db);
  const withValidators = withDb(db, (conn) =>
    (conn.prepare('SELECT id FROM feeds WHERE etag IS NOT NULL OR last_modified IS NOT NULL').all() as { id: string }[]).map((r) => r.id),
  );
  return withValidators.filter((id) => (stored.get(id) ?? 0) !== (expected.get(id) ?? 0));
}

function integrity(db: string): string {
  const conn = new Database(db);
  try {
    return String(conn.pragma('integrity_check', { simple: true }));
  } finally {
    conn.close();
  }
}

async function main(): Promise<number> {
  const corpus = buildCorpus();
  const { serializeModel, trainFromShippedSet } = await import('../src/pipeline/classify/index.js');
  fs.writeFileSync(modelFile, JSON.stringify(serializeModel(await trainFromShippedSet())));
  const server = await startFixtureServer(corpus.dir, 0, { delayMs: 60 });
  const failures: string[] = [];
  const started = Date.now();
  try {
    const config = writeConfig(server.baseUrl, corpus.feeds);
    const reference = path.join(work, 'reference.db');
    const clean = await collect(config, reference);
    if (clean.code !== 0) throw new Error(`the uninterrupted reference run failed (exit ${clean.code}): ${clean.stderr}`);
    const expected = itemSet(reference);
    const expectedCounts = countsByFeed(reference);
    console.log(`reference run: ${expected.length} items from ${expectedCounts.size} feeds in ${clean.ms} ms`);

    const crashed = path.join(work, 'crashed.db');
    let kills = 0;
    // Runs get shorter as the database fills (stored feeds answer 304): the window follows the last
    // run that finished on it, so kills keep landing inside runs rather than after them.
    let window = clean.ms;
    for (let round = 1; round <= rounds; round++) {
      // Anywhere in a run's life: start-up and migrations, fetching, storing, the last commit.
      const killAfterMs = Math.round(Math.random() * window * 1.05);
      const result = await collect(config, crashed, { killAfterMs });
      if (result.killed) kills++;
      else if (result.code !== 0) failures.push(`round ${round}: the run failed on its own (exit ${result.code}): ${result.stderr.slice(-500)}`);
      else window = result.ms;
      if (!fs.existsSync(crashed)) {
        console.log(`round ${round}: killed after ${killAfterMs} ms, before the database was created`);
        continue;
      }
      const check = integrity(crashed);
      const orphaned = validatorsWithoutItems(crashed, expectedCounts);
      const stored = itemSet(crashed).length;
      const what = result.killed ? `killed after ${killAfterMs} ms` : `finished before the kill (${result.ms} ms)`;
      console.log(`round ${round}: ${what}, ${stored} items stored, integrity ${check}, feeds with validators but missing items: ${orphaned.length}`);
      if (check !== 'ok') failures.push(`round ${round}: integrity_check says ${check}`);
      if (orphaned.length) failures.push(`round ${round}: validators stored without their items for ${orphaned.join(', ')}`);
    }

    const final = await collect(config, crashed, { cli: [] });
    if (final.code !== 0) failures.push(`the clean re-run (secdigest collect) failed (exit ${final.code}): ${final.stderr.slice(-500)}`);
    const actual = itemSet(crashed);
    const expectedSet = new Set(expected);
    const actualSet = new Set(actual);
    const missing = expected.filter((row) => !actualSet.has(row));
    const extra = actual.filter((row) => !expectedSet.has(row));
    const duplicated = actual.length - actualSet.size;
    if (missing.length || extra.length || duplicated) {
      failures.push(`item set differs: ${missing.length} missing, ${extra.length} unexpected, ${duplicated} duplicated`);
    }
    // Analysis runs after the feed transactions: a kill between storing and analysing leaves items
    // pending, and the clean re-run must finish every one of them (labels and a story each).
    const unanalysed = withDb(crashed, (conn) =>
      conn.prepare('SELECT COUNT(*) FROM items WHERE analysis_pending = 1 OR story_id IS NULL OR topic IS NULL').pluck().get() as number);
    if (unanalysed) failures.push(`${unanalysed} items left pending analysis (no labels or no story) after the clean re-run`);
    console.log(`\n${kills}/${rounds} runs killed mid-flight; final: ${actual.length} items (reference ${expected.length}), integrity ${integrity(crashed)}`);
    const lock = await checkLockAfterKill(config, clean.ms);
    if (lock) failures.push(lock);
  } finally {
    await server.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(`total time ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (failures.length) {
    console.log(`\nFAILED:\n  ${failures.join('\n  ')}`);
    return 1;
  }
  console.log('crash test passed: integrity ok after every kill, no validator without its items, clean re-run completed, item set identical, every item analysed');
  return 0;
}

/**
 * Kills the real CLI collect mid-run and starts another at once: the second must run normally (the
 * lock sees that its holder's process is gone), not exit 5 (busy) until the lease expires.
 * Returns a failure message, or undefined.
 */
async function checkLockAfterKill(config: string, runMs: number): Promise<string | undefined> {
  const db = path.join(work, 'lock.db');
  const killed = await collect(config, db, { cli: [], killAfterMs: Math.max(1500, runMs * 0.8) });
  if (!killed.killed) {
    console.log('run lock: the CLI run finished before the kill; interaction not measured');
    return undefined;
  }
  const next = await collect(config, db, { cli: [] });
  if (next.code === 0) {
    console.log('run lock: a collect started right after a SIGKILLed one ran normally');
    return undefined;
  }
  const message = next.stderr.split('\n').find((line) => line.startsWith('secdigest:')) ?? '';
  return `a collect started right after a SIGKILLed one exited ${next.code}${message ? ` (${message})` : ''}`;
}

process.exitCode = await main();
