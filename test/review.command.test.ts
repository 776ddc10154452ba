import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startReview, type ReviewHandle } from '../src/commands/review.js';
import { DEFAULT_SETTINGS } from '../src/config/defaults.js';
import { UsageError } from '../src/model/index.js';
import { openDatabase, sqliteStorage, type Db } from '../src/storage/index.js';
import { createPageFetcher } from '../src/web/page-info.js';
import { FIXTURE_NOW, seedReviewFixture } from '../src/web/fixtures/review-fixture.js';
import { runCli } from '../src/cli/program.js';

let handle: ReviewHandle | undefined;
let db: Db | undefined;
afterEach(async () => {
  await handle?.close();
  db?.close();
  handle = undefined;
  db = undefined;
});

async function app() {
  db = openDatabase(':memory:');
  const storage = sqliteStorage(db);
  await seedReviewFixture(storage);
  return { db, storage, config: { file: 'feeds.yaml', settings: DEFAULT_SETTINGS, feeds: [] }, now: () => FIXTURE_NOW, fetchPage: createPageFetcher() };
}

describe('secdigest review', () => {
  it('serves on 127.0.0.1 and prints the URL', async () => {
    handle = await startReview(await app(), { host: '127.0.0.1', port: 0 });
    expect(handle.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(`${handle.url}drafts/12`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Issue #12');
  });

  it('shows a feed switched off in feeds.yaml as disabled, needing no attention, and reads feeds.yaml again at each view', async () => {
    const base = await app();
    const ids = base.db.prepare('SELECT id FROM feeds').pluck().all() as string[];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-review-'));
    const configPath = path.join(dir, 'feeds.yaml');
    const writeFeeds = (off: string | null) =>
      fs.writeFileSync(configPath, `feeds:\n${ids.map((id) => `  - { id: ${id}, name: ${id}, url: "https://${id}.example/feed", kind: news, enabled: ${id !== off} }\n`).join('')}`);
    try {
      writeFeeds('threat-ledger');
      handle = await startReview(base, { host: '127.0.0.1', port: 0, configPath });
      const view = async () => {
        const page = await (await fetch(`${handle!.url}feeds`)).text();
        return { page, row: page.split('<tr').find((r) => r.includes('threat-ledger'))! };
      };
      const off = await view();
      expect(off.page).toContain(`${ids.length} feeds, 1 need attention`); // 2 with every feed enabled (src/web/server.test.ts)
      expect(off.row).toContain('<span class="status status-disabled">disabled</span>');
      expect(off.row).not.toContain('class="attention"');
      writeFeeds(null); // switched back on while the page runs
      const on = await view();
      expect(on.page).toContain(`${ids.length} feeds, 2 need attention`);
      expect(on.row).toContain('class="attention"');
      fs.writeFileSync(configPath, 'feeds: [ {'); // mid-edit: the last good list stays
      expect((await view()).page).toContain(`${ids.length} feeds, 2 need attention`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says why it cannot listen (a port in use) as a usage error, not a crash', async () => {
    handle = await startReview(await app(), { host: '127.0.0.1', port: 0 });
    const port = Number(new URL(handle.url).port);
    const second = startReview(await app(), { host: '127.0.0.1', port });
    await expect(second).rejects.toThrow(UsageError);
    await expect(second).rejects.toThrow(`cannot listen on 127.0.0.1:${port}: the port is in use (another review page?): pick another with --port, or 0 for any free one`);
  });

  it('refuses a non-loopback bind without a token, and a short token, before listening', async () => {
    await expect(startReview(await app(), { host: '0.0.0.0', port: 0 })).rejects.toThrow(UsageError);
    await expect(startReview(await app(), { host: '192.0.2.1', port: 0 })).rejects.toThrow(/--token \(or SECDIGEST_REVIEW_TOKEN\)/);
    await expect(startReview(await app(), { host: '127.0.0.1', port: 0, token: 'short' })).rejects.toThrow(/at least 16/);
    await expect(startReview(await app(), { host: '127.0.0.1', port: 70000 })).rejects.toThrow(/--port/);
  });

  it('with a token, prints a URL that carries it; requests without it are refused', async () => {
    const token = 'a-long-enough-review-token';
    handle = await startReview(await app(), { host: '127.0.0.1', port: 0, token });
    expect(handle.url).toMatch(new RegExp(`/\\?token=${token}$`));
    expect((await fetch(handle.url.replace(/\?.*/, ''))).status).toBe(401);
    const first = await fetch(handle.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('set-cookie')).toContain(`sd_token=${token}`);
  });

  /** `secdigest review ARGS` in process on the demo config and an in-memory database; its output joined. */
  async function review(args: string[]): Promise<{ code: number; output: string }> {
    const out: string[] = [];
    const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => out.push(s) }, env: {} };
    const code = await runCli(['review', ...args, '--config', 'data/demo/feeds.yaml', '--db', ':memory:'], io as never);
    return { code, output: out.join('') };
  }

  it('exits 2 for a non-loopback host without a token on the command line', async () => {
    expect(await review(['--host', '0.0.0.0'])).toMatchObject({ code: 2, output: expect.stringContaining('give --token') });
  });

  it('names the text of a bad --port', async () => {
    const { code, output } = await review(['--port', 'abc']);
    expect(code).toBe(2);
    expect(output).toContain('--port must be a whole number from 0 to 65535 (got "abc")');
    const tooHigh = await review(['--port', '99999']);
    expect(tooHigh.code).toBe(2);
    expect(tooHigh.output).toContain('--port must be a whole number from 0 to 65535 (got "99999")');
  });

  it('serves until the shutdown signal main.ts passes on, then closes and exits 0', async () => {
    const out: string[] = [];
    let stop: ((signal: NodeJS.Signals) => void) | undefined;
    const io = {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => out.push(s) },
      env: {},
      onShutdown: (handler: (signal: NodeJS.Signals) => void) => ((stop = handler), () => (stop = undefined)),
    };
    const running = runCli(['review', '--port', '0', '--json', '--config', 'data/demo/feeds.yaml', '--db', ':memory:'], io as never);
    await vi.waitFor(() => expect(out.join('')).toContain('"url"'));
    const { url } = JSON.parse(out.join('')) as { url: string };
    expect((await fetch(url)).status).toBeLessThan(500);
    stop!('SIGINT');
    expect(await running).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
  });
});
