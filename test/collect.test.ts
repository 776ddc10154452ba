import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_PATH, DEFAULT_DB_PATH, openApp, resolvePaths } from '../src/app.js';
import { runCollect } from '../src/commands/collect.js';
import { UsageError } from '../src/model/index.js';
import { cli, tempDir, writeConfig } from './support/cli.js';
import { startLocalServer, type LocalServer } from './support/local-server.js';

/** A small RSS 2.0 document of our own; `items` are [guid, title] pairs. */
function rss(items: [string, string][], extra = ''): string {
  const body = items
    .map(
      ([guid, title]) => `<item><title>${title}</title><link>https://news.example/${guid}?utm_source=rss&amp;utm_medium=feed</link>
        <guid isPermaLink="false">${guid}</guid><pubDate>Mon, 23 Nov 2026 10:00:00 +0000</pubDate>
        <description>&lt;p&gt;Summary of ${title}.&lt;/p&gt;</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test</title><link>https://news.example/</link>${extra}${body}</channel></rss>`;
}

interface Route {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

describe('secdigest collect (end to end against a local server)', () => {
  let server: LocalServer;
  let routes: Map<string, () => Route>;
  let requests: { path: string; headers: Record<string, string | string[] | undefined> }[];
  let tmp: ReturnType<typeof tempDir>;
  let db: string;

  beforeEach(async () => {
    routes = new Map();
    requests = [];
    server = await startLocalServer((req, res) => {
      requests.push({ path: req.url ?? '', headers: req.headers });
      const route = routes.get(req.url ?? '')?.() ?? { status: 404, body: 'nope' };
      res.writeHead(route.status ?? 200, { 'content-type': 'application/rss+xml', ...route.headers });
      res.end(route.body ?? '');
    });
    tmp = tempDir();
    db = path.join(tmp.dir, 'test.db');
  });
  afterEach(async () => {
    await server.close();
    tmp.cleanup();
  });

  /** A route that honours If-None-Match like a real feed host. */
  function conditional(body: () => string, etag: () => string) {
    return () => ({ body: body(), headers: { etag: etag() } });
  }

  it('stores items, then a second run is all 304s and adds nothing', async () => {
    const doc = rss([['a1', 'First story'], ['a2', 'Second story']]);
    routes.set('/a.xml', () => ({ body: doc, headers: { etag: '"v1"' } }));
    let notModified = 0;
    const handler = routes.get('/a.xml')!;
    routes.set('/a.xml', () => {
      const last = requests.at(-1)!;
      if (last.headers['if-none-match'] === '"v1"') {
        notModified++;
        return { status: 304, headers: { etag: '"v1"' } };
      }
      return handler();
    });
    const config = writeConfig(tmp.dir, [{ id: 'a', url: `${server.baseUrl}/a.xml` }]);

    const first = await cli(['collect', '--config', config, '--db', db, '--json']);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary.totals).toMatchObject({ ok: 1, itemsNew: 2, failed: 0 });

    const second = await cli(['collect', '--config', config, '--db', db, '--json']);
    expect(JSON.parse(second.stdout).totals).toMatchObject({ ok: 0, notModified: 1, itemsNew: 0 });
    expect(notModified).toBe(1);

    const conn = new Database(db, { readonly: true });
    const rows = conn.prepare('SELECT guid, canonical_url, title, summary FROM items ORDER BY guid').all();
    expect(rows).toEqual([
      { guid: 'a1', canonical_url: 'https://news.example/a1', title: 'First story', summary: 'Summary of First story.' },
      { guid: 'a2', canonical_url: 'https://news.example/a2', title: 'Second story', summary: 'Summary of Second story.' },
    ]);
    const log = conn.prepare('SELECT outcome, items_new FROM fetch_log ORDER BY id').all();
    expect(log).toEqual([
      { outcome: 'ok', items_new: 2 },
      { outcome: 'not-modified', items_new: 0 },
    ]);
    conn.close();
  });

  it('re-running without validators never duplicates, and an edited entry is updated in place', async () => {
    let title = 'Original headline';
    routes.set('/b.xml', conditional(() => rss([['b1', title], ['b2', 'Other']]), () => `"${title}"`));
    const config = writeConfig(tmp.dir, [{ id: 'b', url: `${server.baseUrl}/b.xml` }]);
    await cli(['collect', '--config', config, '--db', db]);
    const conn = new Database(db);
    const before = conn.prepare("SELECT id, fetched_at FROM items WHERE guid = 'b1'").get() as { id: string; fetched_at: string };
    // Forget the validators so the next run downloads the document again.
    conn.prepare('UPDATE feeds SET etag = NULL, last_modified = NULL').run();
    await cli(['collect', '--config', config, '--db', db]);
    expect(conn.prepare('SELECT COUNT(*) AS n FROM items').get()).toEqual({ n: 2 });

    title = 'Corrected headline';
    const third = await cli(['collect', '--config', config, '--db', db, '--json']);
    expect(JSON.parse(third.stdout).totals).toMatchObject({ itemsNew: 0, itemsUpdated: 1 });
    const after = conn.prepare("SELECT id, title, fetched_at FROM items WHERE guid = 'b1'").get();
    expect(after).toEqual({ id: before.id, title: 'Corrected headline', fetched_at: before.fetched_at });
    expect(conn.prepare('SELECT COUNT(*) AS n FROM items').get()).toEqual({ n: 2 });
    conn.close();
  });

  it('keeps going when one feed is broken, and records each failure on its feed', async () => {
    routes.set('/good.xml', () => ({ body: rss([['g1', 'Good']]) }));
    routes.set('/malformed.xml', () => ({ body: '<?xml version="1.0"?><rss version="2.0"><channel><item><title>cut' }));
    routes.set('/html', () => ({ body: '<!doctype html><html><body>Not a feed</body></html>', headers: { 'content-type': 'text/html' } }));
    routes.set('/gone.xml', () => ({ status: 410, body: 'gone' }));
    routes.set('/missing.xml', () => ({ status: 404, body: 'nope' }));
    const config = writeConfig(tmp.dir, [
      { id: 'good', url: `${server.baseUrl}/good.xml` },
      { id: 'malformed', url: `${server.baseUrl}/malformed.xml` },
      { id: 'html', url: `${server.baseUrl}/html` },
      { id: 'gone', url: `${server.baseUrl}/gone.xml` },
      { id: 'missing', url: `${server.baseUrl}/missing.xml` },
    ]);
    const run = await cli(['collect', '--config', config, '--db', db, '--json']);
    expect(run.code).toBe(0);
    const byId = Object.fromEntries(JSON.parse(run.stdout).feeds.map((f: { feedId: string }) => [f.feedId, f]));
    expect(byId.good).toMatchObject({ status: 'ok', itemsNew: 1 });
    expect(byId.malformed).toMatchObject({ status: 'failed', error: { code: 'malformed' } });
    expect(byId.html).toMatchObject({ status: 'failed', error: { code: 'not-a-feed' } });
    expect(byId.gone).toMatchObject({ status: 'gone', httpStatus: 410 });
    expect(byId.missing).toMatchObject({ status: 'failed', httpStatus: 404, error: { code: 'http-status' } });

    // Non-terminal output: one JSON log line per feed on stderr.
    const lines = run.stderr.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.feed).sort()).toEqual(['gone', 'good', 'html', 'malformed', 'missing']);

    // 410 disabled the feed: the next run does not request it again.
    const before = requests.filter((r) => r.path === '/gone.xml').length;
    const again = await cli(['collect', '--config', config, '--db', db, '--json']);
    expect(requests.filter((r) => r.path === '/gone.xml').length).toBe(before);
    const gone = JSON.parse(again.stdout).feeds.find((f: { feedId: string }) => f.feedId === 'gone');
    expect(gone).toMatchObject({ status: 'skipped' });
    expect(gone.skippedReason).toMatch(/410 Gone/);
    // A failed feed backs off (issue 8): the immediate re-run skips it rather than failing it again.
    const malformed = JSON.parse(again.stdout).feeds.find((f: { feedId: string }) => f.feedId === 'malformed');
    expect(malformed).toMatchObject({ status: 'skipped' });
    expect(malformed.skippedReason).toMatch(/^backing off after 1 error\(s\) until /);

    const feeds = await cli(['feeds', '--config', config, '--db', db, '--json']);
    const health = Object.fromEntries(JSON.parse(feeds.stdout).map((f: { id: string }) => [f.id, f]));
    expect(health.good).toMatchObject({ items: 1, lastStatus: 'ok', consecutiveErrors: 0, lastError: null });
    expect(health.malformed).toMatchObject({ items: 0, lastStatus: 'failed', consecutiveErrors: 1, health: 'failing' });
    expect(health.malformed.lastError).toMatch(/malformed/i);
    expect(health.gone.disabledReason).toMatch(/410/);
  });

  it('records a permanent redirect and follows it', async () => {
    routes.set('/old.xml', () => ({ status: 301, headers: { location: '/new.xml' } }));
    routes.set('/new.xml', () => ({ body: rss([['m1', 'Moved']]) }));
    const config = writeConfig(tmp.dir, [{ id: 'moved', url: `${server.baseUrl}/old.xml` }]);
    const run = await cli(['collect', '--config', config, '--db', db, '--json']);
    const [feed] = JSON.parse(run.stdout).feeds;
    expect(feed).toMatchObject({ status: 'ok', itemsNew: 1, movedTo: `${server.baseUrl}/new.xml` });
    const health = JSON.parse((await cli(['feeds', '--config', config, '--db', db, '--json'])).stdout);
    expect(health[0].movedTo).toBe(`${server.baseUrl}/new.xml`);
  });

  it('exits 3 with a clear message per feed when every feed fails (unreachable network)', async () => {
    // A loopback port that was just closed: nothing listens there, every connection is refused.
    const closed = await startLocalServer(() => {});
    const deadUrl = closed.baseUrl;
    await closed.close();
    const config = writeConfig(tmp.dir, [
      { id: 'one', url: `${deadUrl}/one.xml` },
      { id: 'two', url: `${deadUrl}/two.xml` },
    ]);
    const run = await cli(['collect', '--config', config, '--db', db]);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/2 feeds .* 0 ok, 0 not modified, 2 failed/);
    expect(run.stdout).toMatch(/one: \[network\] .*refused/);
    expect(run.stdout).toMatch(/two: \[network\] .*refused/);
  });

  it('refuses to run on a bad configuration, naming the entry and line, and touches nothing', async () => {
    const config = path.join(tmp.dir, 'bad.yaml');
    await import('node:fs').then((fs) =>
      fs.writeFileSync(config, `feeds:\n  - id: x\n    name: X\n    url: ftp://example.org/feed\n    kind: blog\n`),
    );
    const run = await cli(['collect', '--config', config, '--db', db]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.yaml:4/);
    expect(run.stderr).toMatch(/bad\.yaml:5/);
    expect(requests).toHaveLength(0);
    expect((await import('node:fs')).existsSync(db)).toBe(false);
  });

  it('collects only the feeds named with --feed and rejects unknown ids', async () => {
    routes.set('/a.xml', () => ({ body: rss([['x1', 'A']]) }));
    routes.set('/b.xml', () => ({ body: rss([['y1', 'B']]) }));
    const config = writeConfig(tmp.dir, [
      { id: 'a', url: `${server.baseUrl}/a.xml` },
      { id: 'b', url: `${server.baseUrl}/b.xml`, enabled: false },
    ]);
    const all = await cli(['collect', '--config', config, '--db', db, '--json']);
    expect(JSON.parse(all.stdout).feeds.map((f: { feedId: string }) => f.feedId)).toEqual(['a']);
    const named = await cli(['collect', '--config', config, '--db', db, '--json', '--feed', 'b']);
    expect(JSON.parse(named.stdout).feeds.map((f: { feedId: string }) => f.feedId)).toEqual(['b']);
    const unknown = await cli(['collect', '--config', config, '--db', db, '--feed', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown feed id\(s\): nope/);
  });

  it('reports each feed only once its items are committed: another connection already sees them', async () => {
    for (const id of ['a', 'b', 'c']) routes.set(`/${id}.xml`, () => ({ body: rss([[`${id}1`, `Story ${id}`]]) }));
    const config = writeConfig(tmp.dir, ['a', 'b', 'c'].map((id) => ({ id, url: `${server.baseUrl}/${id}.xml` })));
    const app = await openApp({ configPath: config, dbPath: db });
    const reader = new Database(db, { readonly: true });
    const seen: [string, number][] = [];
    try {
      await runCollect(app, {
        onResult: (result) => seen.push([result.feedId, reader.prepare('SELECT COUNT(*) FROM items WHERE feed_id = ?').pluck().get(result.feedId) as number]),
      });
    } finally {
      reader.close();
      await app.close();
    }
    expect(seen.sort()).toEqual([['a', 1], ['b', 1], ['c', 1]]);
  });

  it('a full disk stops the run with its own error, reports no feed of the lost group, and leaves the database sound', async () => {
    const many = Array.from({ length: 300 }, (_, i): [string, string] => [`g${i}`, `Story number ${i} about a breach at company ${i} ${'detail '.repeat(40)}`]);
    routes.set('/big.xml', () => ({ body: rss(many) }));
    const config = writeConfig(tmp.dir, [{ id: 'big', url: `${server.baseUrl}/big.xml` }]);
    const app = await openApp({ configPath: config, dbPath: db });
    const db3 = app.db!;
    const reported: string[] = [];
    try {
      const pages = db3.pragma('page_count', { simple: true }) as number;
      db3.pragma(`max_page_count = ${pages + 20}`); // the disk fills up during the write
      await expect(runCollect(app, { onResult: (r) => reported.push(r.feedId) })).rejects.toThrow(/full/);
      expect(db3.inTransaction).toBe(false);
      expect(reported).toEqual([]);
      expect(db3.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db3.prepare('SELECT COUNT(*) FROM items').pluck().get()).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('reads --config and --db from the environment', async () => {
    routes.set('/a.xml', () => ({ body: rss([['e1', 'Env']]) }));
    const config = writeConfig(tmp.dir, [{ id: 'a', url: `${server.baseUrl}/a.xml` }]);
    const run = await cli(['collect', '--json'], { SECDIGEST_CONFIG: config, SECDIGEST_DB: db });
    expect(JSON.parse(run.stdout).totals.itemsNew).toBe(1);
  });

  it('treats an empty SECDIGEST_DB as unset and refuses an empty --db (SQLite would store into a temporary file)', () => {
    expect(resolvePaths({}, { SECDIGEST_DB: '', SECDIGEST_CONFIG: ' ' })).toEqual({ configPath: DEFAULT_CONFIG_PATH, dbPath: DEFAULT_DB_PATH, configNamed: false });
    expect(resolvePaths({}, { SECDIGEST_CONFIG: 'env.yaml' })).toMatchObject({ configPath: 'env.yaml', configNamed: true });
    expect(resolvePaths({ db: 'flag.db' }, { SECDIGEST_DB: 'env.db' }).dbPath).toBe('flag.db');
    expect(() => resolvePaths({ db: '' }, {})).toThrow('--db must name a file (got an empty value)');
    expect(() => resolvePaths({ config: ' ' }, {})).toThrow(UsageError);
  });
});
