/**
 * `npm run test:crash`: crash safety of `collect`. Kills a real `secdigest collect` with SIGKILL at
 * random moments, many times, against the demo corpus served locally (several copies of each
 * feed, with random response delays so kills land mid-run), then checks that
 *   1. `PRAGMA integrity_check` is ok after every kill,
 *   2. a clean re-run completes, and
 *   3. the final item set equals that of an uninterrupted run: nothing lost, nothing duplicated.
 * Rounds: CRASH_ROUNDS (default 20). Exit code 0 when every check passed.
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
const rounds = Number(process.env.CRASH_ROUNDS ?? 20);
const copies = Number(process.env.CRASH_COPIES ?? 6);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-crash-'));

interface DemoFeed {
  id: string;
  name: string;
  url: string;
  kind: string;
}

function writeConfig(baseUrl: string): string {
  const demo = parseDocument(fs.readFileSync(path.join(root, 'data/demo/feeds.yaml'), 'utf8')).toJS() as { feeds: DemoFeed[] };
  const lines = ['settings:', '  fetch:', '    timeoutMs: 5000', 'feeds:'];
  for (let copy = 1; copy <= copies; copy++) {
    for (const feed of demo.feeds) {
      const url = `${feed.url.replace('http://127.0.0.1:8731', baseUrl)}?copy=${copy}`;
      lines.push(`  - { id: ${feed.id}-${copy}, name: "${feed.name} ${copy}", url: "${url}", kind: ${feed.kind} }`);
    }
  }
  const file = path.join(work, 'feeds.yaml');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Starts `collect`; resolves with its exit code or signal. `killAfterMs` counts from its first log line. */
function collect(config: string, db: string, killAfterMs?: number): Promise<{ code: number | null; signal: string | null; killed: boolean }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), 'collect', '--config', config, '--db', db], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let killed = false;
  let armed = false;
  child.stderr!.on('data', () => {
    if (killAfterMs === undefined || armed) return;
    armed = true; // the first per-feed log line: the run is storing items now
    setTimeout(() => {
      killed = child.kill('SIGKILL');
    }, killAfterMs);
  });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, killed })));
}

function itemSet(db: string): string[] {
  const conn = new Database(db, { readonly: true });
  try {
    return (conn.prepare('SELECT feed_id, guid, content_hash FROM items ORDER BY feed_id, guid').all() as Record<string, string>[]).map(
      (r) => `${r.feed_id}\t${r.guid}\t${r.content_hash}`,
    );
  } finally {
    conn.close();
  }
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
  const server = await startFixtureServer(path.join(root, 'data/demo'), 0, { delayMs: 40 });
  const failures: string[] = [];
  try {
    const config = writeConfig(server.baseUrl);
    const reference = path.join(work, 'reference.db');
    const started = Date.now();
    const clean = await collect(config, reference);
    if (clean.code !== 0) throw new Error(`the uninterrupted reference run failed (exit ${clean.code})`);
    const expected = itemSet(reference);
    console.log(`reference run: ${expected.length} items from ${copies} copies of the demo feeds in ${Date.now() - started} ms`);

    const crashed = path.join(work, 'crashed.db');
    let kills = 0;
    for (let round = 1; round <= rounds; round++) {
      const result = await collect(config, crashed, Math.random() * 400);
      if (result.killed) kills++;
      const check = fs.existsSync(crashed) ? integrity(crashed) : 'ok (no database yet)';
      const stored = fs.existsSync(crashed) ? itemSet(crashed).length : 0;
      console.log(`round ${round}: ${result.killed ? 'killed with SIGKILL' : `finished (exit ${result.code})`}, ${stored} items, integrity ${check}`);
      if (!check.startsWith('ok')) failures.push(`round ${round}: integrity_check says ${check}`);
    }
    const final = await collect(config, crashed);
    if (final.code !== 0) failures.push(`the clean re-run after the crashes failed (exit ${final.code})`);
    const actual = itemSet(crashed);
    const missing = expected.filter((row) => !actual.includes(row));
    const extra = actual.filter((row) => !expected.includes(row));
    if (missing.length || extra.length) failures.push(`item set differs: ${missing.length} missing, ${extra.length} unexpected`);
    console.log(`\n${kills}/${rounds} runs killed mid-flight; final: ${actual.length} items (reference ${expected.length})`);
  } finally {
    await server.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
  if (failures.length) {
    console.log(`\nFAILED:\n  ${failures.join('\n  ')}`);
    return 1;
  }
  console.log('crash test passed: integrity ok after every kill, clean re-run completed, item set identical');
  return 0;
}

process.exitCode = await main();
