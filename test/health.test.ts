import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openApp, type App } from '../src/app.js';
import { runCollect } from '../src/commands/collect.js';
import { listFeeds, retryFeeds } from '../src/commands/feeds.js';
import { trainFromShippedSet, type Model } from '../src/pipeline/classify/index.js';
import { getFeedState } from '../src/storage/index.js';
import { cli, tempDir } from './support/cli.js';

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://t.example/</link>
  <item><title>Patch Tuesday fixes a zero-day</title><link>https://t.example/1</link><guid>1</guid>
  <pubDate>Mon, 23 Nov 2026 10:00:00 +0000</pubDate></item></channel></rss>`;

/** Feed health through real collects, with a fake clock and a fake fetch (no network at all). */
describe('feed backoff and health during collection', () => {
  let tmp: ReturnType<typeof tempDir>;
  let clock: Date;
  let status: number;
  let requests: number;
  let model: Promise<Model>;
  const apps: App[] = [];

  beforeAll(() => {
    model = trainFromShippedSet(); // once for the file: collect would train it at every run
  });
  beforeEach(() => {
    tmp = tempDir();
    clock = new Date('2026-11-25T00:00:00Z');
    status = 500;
    requests = 0;
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
    tmp.cleanup();
  });

  async function app(settings = ''): Promise<App> {
    const config = path.join(tmp.dir, 'feeds.yaml');
    fs.writeFileSync(
      config,
      `settings:\n  fetch:\n    retries: 0\n${settings}feeds:\n  - { id: flaky, name: Flaky, url: "https://flaky.example/feed", kind: news }\n`,
    );
    const fetch = async () => {
      requests++;
      return status === 200 ? new Response(RSS, { headers: { 'content-type': 'application/rss+xml' } }) : new Response('no', { status });
    };
    const opened = await openApp({ configPath: config, dbPath: path.join(tmp.dir, 'db.sqlite'), now: () => clock, fetch });
    apps.push(opened);
    return opened;
  }
  const collect = (a: App) => runCollect(a, { classifierSource: { trainShipped: () => model } });

  it('tells the progress how many feeds it goes through: a feed not due yet is not counted', async () => {
    const config = path.join(tmp.dir, 'feeds.yaml');
    fs.writeFileSync(config, 'feeds:\n  - { id: hourly, name: H, url: "https://h.example/feed", kind: news, intervalMinutes: 60 }\n  - { id: every, name: E, url: "https://e.example/feed", kind: news }\n');
    const fetch = async () => new Response(RSS, { headers: { 'content-type': 'application/rss+xml' } });
    const a = await openApp({ configPath: config, dbPath: path.join(tmp.dir, 'db.sqlite'), now: () => clock, fetch });
    apps.push(a);
    const started: number[] = [];
    const run = () => runCollect(a, { classifierSource: { trainShipped: () => model }, onStart: (n) => started.push(n) });
    expect((await run()).feeds).toHaveLength(2);
    clock = new Date(clock.getTime() + 10 * 60_000);
    expect((await run()).feeds).toHaveLength(1);
    expect(started).toEqual([2, 1]);
  });

  it('backs off exponentially, turns unhealthy after 10 failures over a day, and rechecks daily', async () => {
    const a = await app();
    const timeline: string[] = [];
    for (let attempt = 1; attempt <= 10; attempt++) {
      const [result] = (await collect(a)).feeds;
      expect(result).toMatchObject({ status: 'failed', httpStatus: 500 });
      const state = getFeedState(a.db!, 'flaky')!;
      timeline.push(`${state.consecutiveErrors} ${state.unhealthySince ? 'unhealthy' : 'failing'}`);
      // Before the next attempt is due, the feed is skipped without a request.
      clock = new Date(Date.parse(state.nextAttemptAt!) - 10 * 60_000);
      const before = requests;
      expect((await collect(a)).feeds[0]).toMatchObject({ status: 'skipped', skippedReason: expect.stringMatching(/^(backing off|unhealthy since)/) });
      expect(requests).toBe(before);
      clock = new Date(state.nextAttemptAt!);
    }
    expect(timeline.at(8)).toBe('9 failing');
    expect(timeline.at(9)).toBe('10 unhealthy');

    const state = getFeedState(a.db!, 'flaky')!;
    expect(state.errorSince).toBe('2026-11-25T00:00:00.000Z');
    // Unhealthy: the next attempt is the daily recheck, exactly recheckHours after the last one.
    expect(Date.parse(state.nextAttemptAt!) - Date.parse(state.lastFetchAt!)).toBe(24 * 3_600_000);
    const [report] = await listFeeds(a);
    expect(report).toMatchObject({ health: 'unhealthy', consecutiveErrors: 10, unhealthySince: state.lastFetchAt, nextAttemptAt: state.nextAttemptAt });

    // The recheck succeeds: everything is cleared.
    status = 200;
    clock = new Date(state.nextAttemptAt!);
    expect((await collect(a)).feeds[0]).toMatchObject({ status: 'ok', itemsNew: 1 });
    expect(getFeedState(a.db!, 'flaky')).toMatchObject({ consecutiveErrors: 0, errorSince: null, unhealthySince: null, nextAttemptAt: null });
    expect((await listFeeds(a))[0]!.health).toBe('ok');
  });

  it('without a recheck an unhealthy feed waits for `feeds --retry`, which keeps the streak until a success', async () => {
    const a = await app('  health:\n    recheckHours: 0\n    unhealthyAfterErrors: 2\n    unhealthyAfterHours: 0\n');
    await collect(a);
    clock = new Date(getFeedState(a.db!, 'flaky')!.nextAttemptAt!);
    await collect(a);
    expect(getFeedState(a.db!, 'flaky')).toMatchObject({ consecutiveErrors: 2, nextAttemptAt: null, unhealthySince: clock.toISOString() });
    clock = new Date(clock.getTime() + 30 * 86_400_000);
    expect((await collect(a)).feeds[0]!.skippedReason).toBe(
      `unhealthy since ${getFeedState(a.db!, 'flaky')!.unhealthySince} (2 errors): run \`secdigest feeds --retry flaky\``,
    );

    expect((await retryFeeds(a, ['flaky']))[0]).toMatchObject({ health: 'failing', consecutiveErrors: 2, unhealthySince: null, nextAttemptAt: null });
    // Still failing: unhealthy again at once (the streak was kept).
    expect((await collect(a)).feeds[0]).toMatchObject({ status: 'failed' });
    expect((await listFeeds(a))[0]).toMatchObject({ health: 'unhealthy', consecutiveErrors: 3 });
    await expect(retryFeeds(a, ['nope'])).rejects.toThrow(/unknown feed id\(s\): nope/);
  });

  it('410 Gone disables the feed until `feeds --retry`', async () => {
    const a = await app();
    status = 410;
    expect((await collect(a)).feeds[0]).toMatchObject({ status: 'gone' });
    clock = new Date(clock.getTime() + 90 * 86_400_000);
    expect((await collect(a)).feeds[0]!.skippedReason).toMatch(/^disabled: HTTP 410 Gone on 2026-11-25/);
    expect((await listFeeds(a))[0]!.health).toBe('disabled');
    await retryFeeds(a, ['flaky']);
    status = 200;
    expect((await collect(a)).feeds[0]).toMatchObject({ status: 'ok' });
  });

  it('a shutdown abort is not held against the feed', async () => {
    const a = await app();
    const controller = new AbortController();
    controller.abort(new Error('stopped by SIGTERM'));
    const summary = await runCollect(a, { signal: controller.signal, classifierSource: { trainShipped: () => model } });
    expect(summary.feeds[0]).toMatchObject({ status: 'skipped', skippedReason: 'aborted: the run was stopped' });
    expect(getFeedState(a.db!, 'flaky')).toMatchObject({ consecutiveErrors: 0, lastStatus: null });
  });
});

describe('secdigest feeds --retry (CLI)', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('resets the named feeds, shows them, and refuses unknown ids with exit 2', async () => {
    const config = path.join(tmp.dir, 'feeds.yaml');
    const db = path.join(tmp.dir, 'db.sqlite');
    fs.writeFileSync(config, 'feeds:\n  - { id: one, name: One, url: "https://one.example/feed", kind: news, intervalMinutes: 180 }\n  - { id: two, name: Two, url: "https://two.example/feed", kind: vendor }\n');
    const seeded = await openApp({ configPath: config, dbPath: db });
    await listFeeds(seeded); // creates the rows
    seeded.db!.prepare(`UPDATE feeds SET consecutive_errors = 12, error_since = '2026-11-01T00:00:00Z', unhealthy_since = '2026-11-05T00:00:00Z',
      next_attempt_at = '2026-11-06T00:00:00Z', last_status = 'failed', last_error_code = 'timeout', last_error = 'timed out after 20s' WHERE id = 'one'`).run();
    await seeded.close();

    const table = await cli(['feeds', '--config', config, '--db', db]);
    expect(table.stdout).toMatch(/^one .* 12 +unhealthy +unhealthy since \d+d ago; next try now: \[timeout\] timed out after 20s$/m);
    expect(table.stdout).toContain('2 feeds, 1 need attention (1 unhealthy: `secdigest feeds --retry ID` to try again now)');
    const before = JSON.parse((await cli(['feeds', '--config', config, '--db', db, '--json'])).stdout);
    // The fields of the original contract are all still there; the health fields are added.
    expect(Object.keys(before[0])).toEqual([
      'id', 'name', 'kind', 'url', 'enabled', 'items', 'lastStatus', 'lastHttpStatus', 'lastFetchAt', 'lastSuccessAt', 'consecutiveErrors',
      'lastErrorCode', 'lastError', 'disabledReason', 'movedTo', 'retryAt', 'health', 'nextAttemptAt', 'errorSince', 'unhealthySince', 'intervalMinutes',
    ]);
    expect(before[0]).toMatchObject({ health: 'unhealthy', intervalMinutes: 180, unhealthySince: '2026-11-05T00:00:00Z' });

    const retried = await cli(['feeds', '--retry', 'one', '--config', config, '--db', db, '--json']);
    expect(retried.code).toBe(0);
    expect(JSON.parse(retried.stdout)).toEqual([expect.objectContaining({ id: 'one', health: 'failing', unhealthySince: null, nextAttemptAt: null, consecutiveErrors: 12 })]);
    const text = await cli(['feeds', '--retry', 'one', '--config', config, '--db', db]);
    expect(text.stdout).toContain('one: fetched at the next collect');

    const unknown = await cli(['feeds', '--retry', 'nope', '--config', config, '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown feed id(s): nope');
  });
});
