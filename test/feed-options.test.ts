import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, tempDir } from './support/cli.js';
import { startLocalServer, type LocalServer } from './support/local-server.js';

const SECRET = 's3cr3t-Tok3n';

const rss = (titles: string[]) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Private</title><link>https://private.example/</link>
${titles.map((t, i) => `<item><title>${t}</title><link>https://private.example/${i}</link><guid>g${i}</guid><pubDate>Tue, 24 Nov 2026 0${i}:00:00 GMT</pubDate></item>`).join('\n')}
</channel></rss>`;

const TITLES = ['Ransomware hits a port', 'Join our Webinar on zero trust', 'Sponsored   content: buy now', 'Antiwebinarism is not a word'];

/** The headers each path was requested with, in order. */
type Seen = Map<string, http.IncomingHttpHeaders[]>;

describe('per-feed headers and keyword filters', () => {
  let main: LocalServer;
  let other: LocalServer;
  let seen: Seen;
  let tmp: ReturnType<typeof tempDir>;
  let config: string;
  let db: string;
  const env = { FEED_AUTH: SECRET, FEED_KEY: 'k-123' };
  const record = (req: http.IncomingMessage) => {
    const list = seen.get(req.url ?? '') ?? [];
    list.push(req.headers);
    seen.set(req.url ?? '', list);
  };

  beforeEach(async () => {
    seen = new Map();
    other = await startLocalServer((req, res) => {
      record(req);
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(['Elsewhere']));
    });
    main = await startLocalServer((req, res) => {
      record(req);
      if (req.url === '/private.xml') {
        if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
        return void res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(rss(TITLES));
      }
      if (req.url === '/hop') return void res.writeHead(302, { location: '/landed.xml' }).end();
      if (req.url === '/landed.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(['Landed']));
      if (req.url === '/away') return void res.writeHead(302, { location: `${other.baseUrl}/elsewhere.xml` }).end();
      res.writeHead(404).end();
    });
    tmp = tempDir();
    db = path.join(tmp.dir, 'db.sqlite');
    config = path.join(tmp.dir, 'feeds.yaml');
    fs.writeFileSync(
      config,
      `settings:
  fetch:
    timeoutMs: 2000
    retries: 0
feeds:
  - id: private
    name: Private
    url: ${main.baseUrl}/private.xml
    kind: vendor
    exclude: [webinar, "sponsored content"]
    headers:
      Authorization: "Basic \${FEED_AUTH}"
      X-Api-Key: "\${FEED_KEY}"
  - id: hop
    name: Hop
    url: ${main.baseUrl}/hop
    kind: news
    include: [landed]
    headers:
      Authorization: "Bearer \${FEED_AUTH}"
  - id: away
    name: Away
    url: ${main.baseUrl}/away
    kind: news
    headers:
      Authorization: "Bearer \${FEED_AUTH}"
`,
    );
  });
  afterEach(async () => {
    await main.close();
    await other.close();
    tmp.cleanup();
  });

  it('sends a feed\'s headers on every request to its origin, conditional ones too, never across origins', async () => {
    const first = await cli(['collect', '--config', config, '--db', db], env);
    expect(first.code).toBe(0);
    const second = await cli(['collect', '--config', config, '--db', db, '--feed', 'private'], env);
    expect(second.code).toBe(0);

    const privateRequests = seen.get('/private.xml')!;
    expect(privateRequests).toHaveLength(2);
    for (const headers of privateRequests) expect(headers).toMatchObject({ authorization: `Basic ${SECRET}`, 'x-api-key': 'k-123' });
    expect(privateRequests[1]!['if-none-match']).toBe('"v1"'); // the conditional request carries them too
    // A redirect within the origin keeps them; one to another origin drops them (as browsers drop Authorization).
    expect(seen.get('/hop')![0]!.authorization).toBe(`Bearer ${SECRET}`);
    expect(seen.get('/landed.xml')![0]!.authorization).toBe(`Bearer ${SECRET}`);
    expect(seen.get('/away')![0]!.authorization).toBe(`Bearer ${SECRET}`);
    expect(seen.get('/elsewhere.xml')![0]!.authorization).toBeUndefined();

    // The secret is in no log line, no summary, no listing, no export, no doctor report.
    const feedsJson = await cli(['feeds', '--json', '--config', config, '--db', db], env);
    const exported = await cli(['feeds', 'export', '--config', config], env);
    const doctor = await cli(['doctor', '--json', '--config', config, '--db', db], env);
    for (const output of [first.stdout, first.stderr, second.stdout, second.stderr, feedsJson.stdout, exported.stdout, doctor.stdout, doctor.stderr]) {
      expect(output).not.toContain(SECRET);
      expect(output).not.toContain('k-123');
    }
    expect(feedsJson.stdout).not.toMatch(/headers|Authorization/i);
    expect(exported.stdout).not.toMatch(/headers|Authorization/i);
  });

  it('never stores an excluded item, and counts it in the log line and the summary', async () => {
    const run = await cli(['collect', '--config', config, '--db', db, '--feed', 'private', 'hop', '--json'], env);
    expect(run.code).toBe(0);
    const lines = run.stderr.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.feed === 'private')).toMatchObject({ event: 'feed', status: 'ok', itemsFound: 4, itemsNew: 2, itemsFiltered: 2 });
    expect(lines.find((l) => l.feed === 'hop')).toMatchObject({ itemsFound: 1, itemsNew: 1, itemsFiltered: 0 });
    const summary = JSON.parse(run.stdout) as { totals: Record<string, number>; feeds: Record<string, unknown>[] };
    expect(summary.totals).toMatchObject({ itemsNew: 3, itemsFiltered: 2 });
    expect(summary.feeds.find((f) => f.feedId === 'private')).toMatchObject({ itemsFound: 4, itemsNew: 2, itemsFiltered: 2 });

    const items = await cli(['items', '--json', '--config', config, '--db', db], env);
    expect((JSON.parse(items.stdout) as { title: string }[]).map((i) => i.title).sort()).toEqual(['Antiwebinarism is not a word', 'Landed', 'Ransomware hits a port']);
  });

  it('an unset variable stops the run before anything is fetched: exit 2 naming it and the feed, not the value', async () => {
    const run = await cli(['collect', '--config', config, '--db', db], { FEED_KEY: 'k-123' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('feeds[0].headers.Authorization (feed "private"): environment variable FEED_AUTH (in header "Authorization") is not set');
    expect(run.stderr).toContain('(feed "away")');
    expect(run.stderr).not.toContain('k-123');
    expect(seen.size).toBe(0);
    // Only fetching needs the secrets: an editor's shell without them still reads what is stored.
    const items = await cli(['items', '--json', '--config', config, '--db', db], {});
    expect(items.code).toBe(0);
    expect(JSON.parse(items.stdout)).toEqual([]);
  });
});
