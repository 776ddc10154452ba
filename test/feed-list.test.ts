import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.js';
import { cli, tempDir } from './support/cli.js';
import { openDatabase } from '../src/storage/index.js';
import { startLocalServer, type LocalServer } from './support/local-server.js';

const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet Harbor Security</title>
  <link>https://quiet.example/</link><item><title>One</title><link>https://quiet.example/1</link></item></channel></rss>`;

const CONFIG = `# Our feeds. This comment must survive every write.
settings:
  fetch:
    timeoutMs: 2000 # short for tests
feeds:
  # the first feed
  - id: first
    name: First
    url: https://first.example/feed
    kind: news
`;

describe('feed list management', () => {
  let server: LocalServer;
  let tmp: ReturnType<typeof tempDir>;
  let config: string;

  beforeEach(async () => {
    server = await startLocalServer((req, res) => {
      if (req.url === '/feed.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);
      if (req.url === '/blog/')
        return void res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(`<!doctype html><html><head><title>Blog</title><link rel="alternate" type="application/rss+xml" href="../feed.xml"></head><body>Hi</body></html>`);
      if (req.url === '/plain/') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>No feed here</body></html>');
      res.writeHead(404).end();
    });
    tmp = tempDir();
    config = path.join(tmp.dir, 'feeds.yaml');
    fs.writeFileSync(config, CONFIG);
  });
  afterEach(async () => {
    await server.close();
    tmp.cleanup();
  });

  it('feeds add appends a feed, keeping comments and order, and the result validates', async () => {
    const run = await cli(['feeds', 'add', `${server.baseUrl}/feed.xml`, '--config', config, '--kind', 'vendor', '--tag', 'research']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('added "quiet-harbor-security" (Quiet Harbor Security)');
    const text = fs.readFileSync(config, 'utf8');
    expect(text.startsWith('# Our feeds. This comment must survive every write.\nsettings:')).toBe(true);
    expect(text).toContain('timeoutMs: 2000 # short for tests');
    expect(text).toContain('  # the first feed\n  - id: first');
    expect(loadConfig(config).feeds.map((f) => [f.id, f.kind, f.tags])).toEqual([
      ['first', 'news', []],
      ['quiet-harbor-security', 'vendor', ['research']],
    ]);
  });

  it('feeds add discovers the feed of a web page', async () => {
    const run = await cli(['feeds', 'add', `${server.baseUrl}/blog/`, '--config', config, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      feed: { id: 'quiet-harbor-security', url: `${server.baseUrl}/feed.xml`, kind: 'news' },
      discoveredFrom: `${server.baseUrl}/blog/`,
      format: 'rss',
      items: 1,
    });
  });

  it('feeds add refuses a page without a feed, a duplicate, and an unreachable URL, leaving the file as it was', async () => {
    const noFeed = await cli(['feeds', 'add', `${server.baseUrl}/plain/`, '--config', config]);
    expect(noFeed.code).toBe(2);
    expect(noFeed.stderr).toMatch(/is not a feed and the page advertises none/);
    await cli(['feeds', 'add', `${server.baseUrl}/feed.xml`, '--config', config]);
    const before = fs.readFileSync(config, 'utf8');
    const duplicate = await cli(['feeds', 'add', `${server.baseUrl}/feed.xml`, '--config', config]);
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toMatch(/already in .* as "quiet-harbor-security"/);
    const missing = await cli(['feeds', 'add', `${server.baseUrl}/nope.xml`, '--config', config]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/HTTP 404/);
    expect(fs.readFileSync(config, 'utf8')).toBe(before);
  });

  it('OPML round trip: export then import into an empty list gives the same feeds; a second import adds nothing', async () => {
    const shipped = path.resolve(import.meta.dirname, '..', 'feeds.yaml');
    const exported = await cli(['feeds', 'export', '--format', 'opml', '--config', shipped]);
    expect(exported.code).toBe(0);
    const opmlFile = path.join(tmp.dir, 'feeds.opml');
    fs.writeFileSync(opmlFile, exported.stdout);

    const target = path.join(tmp.dir, 'imported.yaml');
    const imported = await cli(['feeds', 'import', opmlFile, '--config', target, '--json']);
    expect(imported.code).toBe(0);
    const original = loadConfig(shipped).feeds;
    expect(JSON.parse(imported.stdout).added).toHaveLength(original.length);
    const roundTripped = loadConfig(target).feeds;
    expect(roundTripped.map((f) => [f.name, f.url, f.kind])).toEqual(original.map((f) => [f.name, f.url, f.kind]));

    const again = await cli(['feeds', 'import', opmlFile, '--config', target, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: [] });
    expect(JSON.parse(again.stdout).skipped).toHaveLength(original.length);
    // And exporting the imported list gives the same OPML body.
    const reexported = await cli(['feeds', 'export', '--config', target]);
    const outlines = (opml: string) => opml.split('\n').filter((l) => l.includes('<outline'));
    expect(outlines(reexported.stdout)).toEqual(outlines(exported.stdout));
  });

  it('feeds import reads folders as tags and other readers\' OPML without kinds', async () => {
    const opml = path.join(tmp.dir, 'reader.opml');
    fs.writeFileSync(
      opml,
      `<?xml version="1.0"?><opml version="1.0"><head><title>Reader export</title></head><body>
        <outline text="Vendor Blogs"><outline text="Quiet Harbor" type="rss" xmlUrl="https://quiet.example/feed"/></outline>
        <outline text="Gov" category="government" xmlUrl="https://gov.example/advisories.xml"/>
        <outline text="Bad" xmlUrl="ftp://old.example/feed"/></body></opml>`,
    );
    const run = await cli(['feeds', 'import', opml, '--config', config, '--kind', 'vendor', '--json']);
    const result = JSON.parse(run.stdout);
    expect(result.added).toEqual([
      { id: 'quiet-harbor', name: 'Quiet Harbor', url: 'https://quiet.example/feed', kind: 'vendor', tags: ['vendor-blogs'] },
      { id: 'gov', name: 'Gov', url: 'https://gov.example/advisories.xml', kind: 'government' },
    ]);
    expect(result.skipped).toEqual([{ url: 'ftp://old.example/feed', reason: 'not an http(s) URL' }]);
    expect(fs.readFileSync(config, 'utf8')).toContain('# the first feed');
  });

  it('feeds import rejects a file that is not OPML', async () => {
    const bad = path.join(tmp.dir, 'bad.opml');
    fs.writeFileSync(bad, 'not xml at all');
    const run = await cli(['feeds', 'import', bad, '--config', config]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not a readable OPML file/);
  });

  it('backup copies a consistent database and refuses to overwrite', async () => {
    const db = path.join(tmp.dir, 'live.db');
    const feedConfig = path.join(tmp.dir, 'local.yaml');
    fs.writeFileSync(feedConfig, `feeds:\n  - { id: q, name: Q, url: "${server.baseUrl}/feed.xml", kind: news }\n`);
    await cli(['collect', '--config', feedConfig, '--db', db]);
    const copy = path.join(tmp.dir, 'backups', 'copy.db');
    const run = await cli(['backup', copy, '--config', feedConfig, '--db', db]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/backed up \d+ pages/);
    expect(fs.readdirSync(path.dirname(copy))).toEqual(['copy.db']); // one file: no -wal or -shm beside it
    const conn = new Database(copy, { readonly: true });
    expect(conn.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(conn.prepare('SELECT COUNT(*) FROM items').pluck().get()).toBe(1);
    conn.close();
    const again = await cli(['backup', copy, '--config', feedConfig, '--db', db]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);

    // The database is all it needs: a feeds.yaml mid-edit does not stop the nightly backup.
    fs.writeFileSync(feedConfig, 'feeds: [ {');
    const midEdit = await cli(['backup', path.join(tmp.dir, 'backups', 'second.db'), '--config', feedConfig, '--db', db]);
    expect(midEdit.code).toBe(0);
  });

  it('backup keeps no copy of a damaged database, and names a destination it cannot write', async () => {
    const db = path.join(tmp.dir, 'damaged.db');
    const conn = new Database(db);
    conn.exec('CREATE TABLE t (x); CREATE INDEX t_x ON t (x);');
    conn.prepare('INSERT INTO t VALUES (?)').run('row');
    conn.close();
    const live = openDatabase(db); // migrated: the schema is secdigest's, t_x's page is the last one
    live.pragma('wal_checkpoint(TRUNCATE)');
    live.close();
    const pages = fs.statSync(db).size / 4096;
    const fd = fs.openSync(db, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, (pages - 1) * 4096); // one page overwritten, as a bad sector would
    fs.closeSync(fd);
    const copy = path.join(tmp.dir, 'backups', 'damaged-copy.db');
    const run = await cli(['backup', copy, '--config', config, '--db', db]);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^secdigest: the database is damaged, so no backup was kept \(quick_check: [\s\S]+\): see docs\/OPERATIONS.md, "Backups"\n$/);
    expect(fs.existsSync(copy)).toBe(false);

    fs.writeFileSync(path.join(tmp.dir, 'a-file'), '');
    const good = path.join(tmp.dir, 'good.db');
    openDatabase(good).close();
    const blocked = await cli(['backup', path.join(tmp.dir, 'a-file', 'copy.db'), '--config', config, '--db', good]);
    expect(blocked.code).toBe(3);
    expect(blocked.stderr).toMatch(/^secdigest: backup to .*a-file\/copy\.db failed: /);
  });
});
