import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cli } from '../../support/cli.js';
import { GOOD_TITLES, goodFeed } from '../cases/good.js';
import { SECRET_MARKER, startHostileServer, type HostileCase, type HostileServer } from './server.js';

/**
 * Small limits so the whole suite stays fast: a 4 MiB body, no retries, every feed fetched at once
 * (they all share one host). Every limit is a real feeds.yaml setting.
 *
 * The attempt timeout is 300 ms only in the runs whose cases are about time (slow.test.ts). The
 * timer of an in-flight fetch keeps running while the main thread parses, classifies and stores
 * another feed, and on a loaded 2-core machine the first classification alone can take ~1 s: a
 * 300 ms budget would then fail good feeds for our own CPU time, not the server's. The other runs
 * use the default 20 s: far above any stall, and no case in them waits for it.
 */
export const TEST_SETTINGS = {
  timeoutMs: 20_000,
  fastTimeoutMs: 300,
  maxBodyBytes: 4 * 1024 * 1024,
  maxRedirects: 5,
  maxItemsPerFeed: 200,
  titleMaxChars: 300,
  summaryMaxChars: 600,
};

const settingsYaml = (timeoutMs: number) => `settings:
  fetch:
    timeoutMs: ${timeoutMs}
    maxBodyBytes: ${TEST_SETTINGS.maxBodyBytes}
    maxRedirects: ${TEST_SETTINGS.maxRedirects}
    retries: 0
    concurrency: 32
    perHostConcurrency: 32
  collect:
    maxItemsPerFeed: ${TEST_SETTINGS.maxItemsPerFeed}
    titleMaxChars: ${TEST_SETTINGS.titleMaxChars}
    summaryMaxChars: ${TEST_SETTINGS.summaryMaxChars}
`;

/** One feed's line of `collect --json`. */
export interface FeedResult {
  feedId: string;
  status: string;
  httpStatus: number | null;
  durationMs: number;
  bytes: number;
  itemsFound: number;
  itemsNew: number;
  error: { code: string; message: string } | null;
}

export interface ItemRow {
  guid: string;
  url: string | null;
  canonical_url: string | null;
  title: string;
  summary: string;
  published_at: string;
  fetched_at: string;
}

export interface AdversarialRun {
  server: HostileServer;
  /** Exit code, and the run's wall time in the test process. */
  code: number;
  wallMs: number;
  stdout: string;
  stderr: string;
  feed(id: string): FeedResult;
  /** Stored items of a feed, in document order of their guid's first sighting (rowid). */
  items(id: string): ItemRow[];
  /** Every text the run left behind: stdout, stderr and every row of items, feeds and fetch_log. */
  everything(): string;
  close(): Promise<void>;
}

/**
 * Serves `cases` plus the good control feed on 127.0.0.1, runs the real `secdigest collect --json`
 * in-process against them, and hands back the run's results and database for assertions.
 */
export async function runAdversarial(
  cases: readonly HostileCase[],
  options: { timeoutMs?: number; /** Served but not configured as feeds (redirect targets). */ extraRoutes?: readonly HostileCase[] } = {},
): Promise<AdversarialRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-adversarial-'));
  const secretFile = path.join(dir, 'secret.txt');
  fs.writeFileSync(secretFile, `${SECRET_MARKER}\n`);
  const all = [goodFeed, ...cases];
  const server = await startHostileServer([...all, ...(options.extraRoutes ?? [])], secretFile);
  const config = path.join(dir, 'feeds.yaml');
  const feedLines = all.flatMap((c) => [`  - id: ${c.id}`, `    name: Case ${c.id}`, `    url: ${server.url(c.id)}`, '    kind: news']);
  fs.writeFileSync(config, `${settingsYaml(options.timeoutMs ?? TEST_SETTINGS.timeoutMs)}feeds:\n${feedLines.join('\n')}\n`);
  const db = path.join(dir, 'adversarial.db');

  const started = performance.now();
  const run = await cli(['collect', '--config', config, '--db', db, '--json']);
  const wallMs = performance.now() - started;
  const summary = JSON.parse(run.stdout || '{"feeds":[]}') as { feeds: FeedResult[] };
  const results = new Map(summary.feeds.map((f) => [f.feedId, f]));
  const conn = new Database(db, { readonly: true });

  return {
    server,
    code: run.code,
    wallMs,
    stdout: run.stdout,
    stderr: run.stderr,
    feed(id) {
      const result = results.get(id);
      if (!result) throw new Error(`no result for feed ${id}: ${run.stderr}`);
      return result;
    },
    items: (id) =>
      conn
        .prepare('SELECT guid, url, canonical_url, title, summary, published_at, fetched_at FROM items WHERE feed_id = ? ORDER BY rowid')
        .all(id) as ItemRow[],
    everything: () =>
      [run.stdout, run.stderr, ...['items', 'feeds', 'fetch_log'].map((table) => JSON.stringify(conn.prepare(`SELECT * FROM ${table}`).all()))].join('\n'),
    async close() {
      conn.close();
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The set-up every adversarial file shares: one run of `cases` (plus the control feed) before the
 * file's tests, closed after them, and the test that the control feed came through whole. Returns
 * the run for the file's own tests.
 */
export function useAdversarialRun(cases: readonly HostileCase[], options?: Parameters<typeof runAdversarial>[1]): () => AdversarialRun {
  let run: AdversarialRun | undefined;
  beforeAll(async () => {
    run = await runAdversarial(cases, options);
  });
  afterAll(() => run?.close());
  const current = () => {
    if (!run) throw new Error('the adversarial run has not started');
    return run;
  };
  it('leaves the good feed of the same run unaffected', () => expectGoodFeedUnaffected(current()));
  return current;
}

/** The control feed of a run came through whole: the hostile ones never spill over. */
export function expectGoodFeedUnaffected(run: AdversarialRun): void {
  expect(run.code).toBe(0);
  expect(run.feed('good')).toMatchObject({ status: 'ok', error: null, itemsFound: 2, itemsNew: 2 });
  expect(run.items('good').map((item) => item.title)).toEqual(GOOD_TITLES);
}

/** A failed feed with exactly this error, and nothing stored for it. */
export function expectFailure(run: AdversarialRun, id: string, code: string, message: string | RegExp): void {
  const result = run.feed(id);
  expect(result, JSON.stringify(result)).toMatchObject({ status: 'failed', itemsFound: 0, itemsNew: 0 });
  expect(result.error?.code).toBe(code);
  if (typeof message === 'string') expect(result.error?.message).toBe(message);
  else expect(result.error?.message).toMatch(message);
  expect(run.items(id)).toEqual([]);
}
