import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, writeConfig } from './support/cli.js';
import { startLocalServer, type LocalServer } from './support/local-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function rss(feed: string): string {
  const items = [1, 2, 3]
    .map((n) => `<item><title>${feed} story ${n}</title><link>https://${feed}.example/${n}</link><guid>${feed}-${n}</guid></item>`)
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${feed}</title><link>https://${feed}.example/</link>${items}</channel></rss>`;
}

/** Starts the real CLI (`node --import tsx src/cli/main.ts`) and collects its output line by line. */
function start(args: string[]): { child: ChildProcess; lines: () => string[]; exit: Promise<{ code: number | null; signal: string | null }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, lines: () => output.split('\n').filter(Boolean), exit };
}

async function until(condition: () => boolean, what: string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const json = (line: string): Record<string, unknown> => {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return {};
  }
};

/**
 * SIGTERM in the middle of a collection (issue 8): a feed that never answers holds the run open
 * while the others complete; the signal must abort it, keep what was stored, release the lock,
 * and leave a database that passes integrity_check.
 */
describe('SIGTERM during a collection', () => {
  let server: LocalServer;
  let tmp: ReturnType<typeof tempDir>;
  let held: ServerResponse[];
  let slowRequests: number;
  let children: ChildProcess[];

  beforeEach(async () => {
    held = [];
    slowRequests = 0;
    children = [];
    server = await startLocalServer((req, res) => {
      if (req.url === '/slow.xml') {
        slowRequests++;
        held.push(res); // never answered
        return;
      }
      const feed = /^\/(\w+)\.xml$/.exec(req.url ?? '')?.[1];
      if (!feed) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(feed));
    });
    tmp = tempDir();
  });
  afterEach(async () => {
    children.forEach((child) => child.kill('SIGKILL'));
    await server.close();
    tmp.cleanup();
  });

  function config(settings = ''): { config: string; db: string } {
    const feeds = ['alpha', 'bravo', 'charlie', 'slow'].map((id) => ({ id, url: `${server.baseUrl}/${id}.xml` }));
    return { config: writeConfig(tmp.dir, feeds, `settings:\n  fetch:\n    timeoutMs: 600000\n    retries: 0\n${settings}`), db: path.join(tmp.dir, 'db.sqlite') };
  }

  function checkDatabase(db: string) {
    const conn = new Database(db, { readonly: true });
    try {
      expect(conn.pragma('integrity_check', { simple: true })).toBe('ok');
      const items = conn.prepare('SELECT feed_id AS feed, COUNT(*) AS n FROM items GROUP BY feed_id ORDER BY feed_id').all();
      // The slow feed's state is untouched: an aborted fetch is not the feed's failure.
      const slow = conn.prepare("SELECT last_status, consecutive_errors, next_attempt_at FROM feeds WHERE id = 'slow'").get();
      const locks = conn.prepare('SELECT COUNT(*) FROM run_locks').pluck().get();
      return { items, slow, locks };
    } finally {
      conn.close();
    }
  }

  it('collect: completed feeds stay stored, the slow one is aborted, exit 143', async () => {
    const { config: file, db } = config();
    const run = start(['collect', '--config', file, '--db', db]);
    children.push(run.child);
    const done = () => run.lines().filter((l) => json(l).event === 'feed' && json(l).status === 'ok').length;
    await until(() => done() === 3 && slowRequests === 1, 'three stored feeds and the slow request');
    run.child.kill('SIGTERM');
    const exit = await run.exit;
    expect(exit).toEqual({ code: 143, signal: null });
    expect(run.lines().map(json).find((l) => l.feed === 'slow')).toMatchObject({ status: 'skipped', skippedReason: 'aborted: the run was stopped' });
    expect(checkDatabase(db)).toEqual({
      items: [{ feed: 'alpha', n: 3 }, { feed: 'bravo', n: 3 }, { feed: 'charlie', n: 3 }],
      slow: { last_status: null, consecutive_errors: 0, next_attempt_at: null },
      locks: 0,
    });
  }, 60_000);

  it('schedule: stops firing, aborts the collect in flight, closes the database, exit 0', async () => {
    const { config: file, db } = config('  schedule:\n    collect: "* * * * * *"\n    draft: null\n    prune: null\n');
    const run = start(['schedule', '--config', file, '--db', db]);
    children.push(run.child);
    await until(() => run.lines().filter((l) => json(l).event === 'feed').length === 3 && slowRequests === 1, 'a scheduled collect with three stored feeds');
    run.child.kill('SIGTERM');
    const exit = await run.exit;
    expect(exit).toEqual({ code: 0, signal: null });
    const events = run.lines().map(json);
    expect(run.lines().filter((l) => typeof json(l).event !== 'string')).toEqual([]); // one JSON object per line
    expect(events.every((e) => typeof e.time === 'string' && typeof e.level === 'string')).toBe(true);
    const names = events.map((e) => e.event);
    expect(names[0]).toBe('scheduler-started');
    // Every-second firings overlap the first run (or are missed while the classifier loads).
    expect(names.filter((n) => n === 'job-started')).toHaveLength(1);
    expect(names).toContain('job-overlapped');
    const main = names.filter((n) => n !== 'job-overlapped' && n !== 'job-missed');
    expect(main.slice(-4)).toEqual(['scheduler-stopping', 'feed', 'job-finished', 'scheduler-stopped']); // the slow feed's abort
    expect(events.find((e) => e.feed === 'slow')).toMatchObject({ status: 'skipped', skippedReason: 'aborted: the run was stopped' });
    // The process closed the database cleanly: the last connection checkpoints and removes the WAL.
    expect(fs.existsSync(`${db}-wal`)).toBe(false);
    expect(checkDatabase(db)).toMatchObject({ items: [{ feed: 'alpha', n: 3 }, { feed: 'bravo', n: 3 }, { feed: 'charlie', n: 3 }], locks: 0 });
  }, 60_000);
});
