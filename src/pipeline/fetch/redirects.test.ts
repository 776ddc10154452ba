import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../../test/support/local-server.js';
import { DEFAULT_SETTINGS } from '../../config/defaults.js';
import type { FetchOutcome, FetchSettings } from '../../model/index.js';
import { createFetcher } from './index.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const RSS = '<rss version="2.0"><channel><title>moved</title></channel></rss>';
const settings: FetchSettings = { ...DEFAULT_SETTINGS.fetch, userAgent: 'secdigest-test/0.1', timeoutMs: 2000, maxRedirects: 5 };

/** Two servers: distinct ports are distinct hosts (`URL.host`), for the cross-host cases. */
const routes = new Map<string, Handler>();
const requests: { server: 'a' | 'b'; path: string; headers: IncomingHttpHeaders }[] = [];
let a: LocalServer;
let b: LocalServer;

function handlerFor(name: 'a' | 'b'): Handler {
  return (req, res) => {
    const path = req.url ?? '/';
    requests.push({ server: name, path, headers: req.headers });
    const handler = routes.get(`${name}${path}`);
    if (handler) handler(req, res);
    else res.writeHead(404).end();
  };
}

beforeAll(async () => {
  a = await startLocalServer(handlerFor('a'));
  b = await startLocalServer(handlerFor('b'));
});
afterAll(async () => {
  await a.close();
  await b.close();
});

function route(name: 'a' | 'b', path: string, handler: Handler): string {
  routes.set(`${name}${path}`, handler);
  return `${name === 'a' ? a.baseUrl : b.baseUrl}${path}`;
}
const redirect = (status: number, location?: string): Handler => (_req, res) =>
  res.writeHead(status, location === undefined ? {} : { Location: location }).end('see elsewhere');
const feed: Handler = (_req, res) => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(RSS);

const fetchFeed = (url: string, extra: { etag?: string } = {}) =>
  createFetcher(settings, { sleep: async () => undefined }).fetchFeed({ url, ...extra });

function failure(outcome: FetchOutcome) {
  expect(outcome.kind, JSON.stringify(outcome)).toBe('failed');
  if (outcome.kind !== 'failed') throw new Error('unreachable');
  return { code: outcome.error.code, message: outcome.error.message, status: outcome.status, attempts: outcome.attempts };
}

describe('redirects', () => {
  it('follows 301 → 301 → 200 and reports the permanent move', async () => {
    const final = route('a', '/perm/final', feed);
    route('a', '/perm/2', redirect(301, '/perm/final'));
    const start = route('a', '/perm/1', redirect(301, '2')); // relative: /perm/2
    const outcome = await fetchFeed(start);
    expect(outcome).toMatchObject({ kind: 'fetched', status: 200, finalUrl: final, permanentRedirect: final, attempts: 1 });
  });

  it('reports a 308 chain as permanent too', async () => {
    const final = route('a', '/p308/final', feed);
    const start = route('a', '/p308/1', redirect(308, final));
    expect(await fetchFeed(start)).toMatchObject({ kind: 'fetched', permanentRedirect: final });
  });

  it('does not report a move when any hop is temporary', async () => {
    const final = route('a', '/mixed/final', feed);
    route('a', '/mixed/2', redirect(302, '/mixed/final'));
    const start = route('a', '/mixed/1', redirect(301, '/mixed/2'));
    const outcome = await fetchFeed(start);
    expect(outcome).toMatchObject({ kind: 'fetched', finalUrl: final });
    expect(outcome).not.toHaveProperty('permanentRedirect');
  });

  it('follows exactly maxRedirects hops', async () => {
    for (let i = 0; i < 5; i++) route('a', `/chain5/${i}`, redirect(302, `/chain5/${i + 1}`));
    route('a', '/chain5/5', feed);
    expect(await fetchFeed(`${a.baseUrl}/chain5/0`)).toMatchObject({ kind: 'fetched', finalUrl: `${a.baseUrl}/chain5/5` });
  });

  it('stops a redirect loop after the limit', async () => {
    const url = route('a', '/loop', redirect(302, '/loop'));
    expect(failure(await fetchFeed(url))).toEqual({
      code: 'too-many-redirects',
      message: 'redirect loop: 6 redirects (limit 5)',
      status: 302,
      attempts: 1,
    });
    expect(requests.filter((r) => r.path === '/loop')).toHaveLength(6);
  });

  it('stops a chain longer than the limit', async () => {
    for (let i = 0; i < 10; i++) route('a', `/long/${i}`, redirect(301, `/long/${i + 1}`));
    expect(failure(await fetchFeed(`${a.baseUrl}/long/0`))).toMatchObject({
      code: 'too-many-redirects',
      message: 'too many redirects: 6 redirects (limit 5)',
    });
  });

  it.each([
    ['file:///etc/passwd', 'redirect to unsupported scheme "file:"'],
    ['javascript:alert(1)', 'redirect to unsupported scheme "javascript:"'],
    ['data:text/html,<script>alert(1)</script>', 'redirect to unsupported scheme "data:"'],
    ['http://user:secret@127.0.0.1/', 'redirect to a URL with a user name or password (not supported)'],
  ])('refuses a redirect to %s', async (location, message) => {
    const url = route('a', `/bad/${encodeURIComponent(location)}`, redirect(302, location));
    expect(failure(await fetchFeed(url))).toEqual({ code: 'bad-redirect', message, status: 302, attempts: 1 });
  });

  it('refuses a redirect without a Location header', async () => {
    const url = route('a', '/no-location', redirect(301));
    expect(failure(await fetchFeed(url))).toEqual({
      code: 'bad-redirect',
      message: 'redirect (HTTP 301 Moved Permanently) without a Location header',
      status: 301,
      attempts: 1,
    });
  });

  it('sends validators along the original host, not to another host', async () => {
    route('b', '/elsewhere', (_req, res) => res.writeHead(200, { ETag: '"b1"' }).end(RSS));
    route('a', '/cross/2', redirect(302, `${b.baseUrl}/elsewhere`));
    const start = route('a', '/cross/1', redirect(302, '/cross/2'));
    const outcome = await fetchFeed(start, { etag: '"a1"' });
    expect(outcome).toMatchObject({ kind: 'fetched', finalUrl: `${b.baseUrl}/elsewhere`, etag: '"b1"' });
    const seen = requests.filter((r) => r.path.startsWith('/cross/') || r.path === '/elsewhere');
    expect(seen.map((r) => [r.server, r.path, r.headers['if-none-match'] ?? null])).toEqual([
      ['a', '/cross/1', '"a1"'],
      ['a', '/cross/2', '"a1"'],
      ['b', '/elsewhere', null],
    ]);
  });

  it('returns not-modified with the move when a permanent redirect ends in a 304', async () => {
    const final = route('a', '/nm/final', (req, res) =>
      req.headers['if-none-match'] === '"x"' ? res.writeHead(304).end() : feed(req, res),
    );
    const start = route('a', '/nm/start', redirect(301, '/nm/final'));
    expect(await fetchFeed(start, { etag: '"x"' })).toMatchObject({ kind: 'not-modified', etag: '"x"', permanentRedirect: final });
  });
});
