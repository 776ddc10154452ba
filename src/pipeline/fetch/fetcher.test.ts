import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../../test/support/local-server.js';
import { DEFAULT_SETTINGS } from '../../config/defaults.js';
import type { FetchOutcome, FetchSettings } from '../../model/index.js';
import { createFetcher, FEED_ACCEPT } from './index.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>';
const UA = 'secdigest-test/0.1 (+https://example.test/secdigest)';
const settings: FetchSettings = { ...DEFAULT_SETTINGS.fetch, userAgent: UA, timeoutMs: 2000 };

const routes = new Map<string, Handler>();
const requests: { path: string; headers: IncomingHttpHeaders }[] = [];
let server: LocalServer;

beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers });
    const handler = routes.get(path);
    if (handler) handler(req, res);
    else res.writeHead(404).end('no route');
  });
});
afterAll(() => server.close());

function route(path: string, handler: Handler): string {
  routes.set(path, handler);
  return `${server.baseUrl}${path}`;
}

function hits(path: string) {
  return requests.filter((r) => r.path === path);
}

const fetcher = () => createFetcher(settings, { sleep: async () => undefined });

function expectKind<K extends FetchOutcome['kind']>(outcome: FetchOutcome, kind: K): Extract<FetchOutcome, { kind: K }> {
  expect(outcome.kind, JSON.stringify(outcome)).toBe(kind);
  return outcome as Extract<FetchOutcome, { kind: K }>;
}

describe('fetchFeed: success and validators', () => {
  it('returns the body, content type, final URL and validators of a 200', async () => {
    const url = route('/ok', (_req, res) =>
      res
        .writeHead(200, {
          'Content-Type': 'application/rss+xml; charset=utf-8',
          ETag: '"v1"',
          'Last-Modified': 'Wed, 15 Jan 2025 10:00:00 GMT',
        })
        .end(RSS),
    );
    const outcome = await fetcher().fetchFeed({ url });
    expect(outcome).toEqual({
      kind: 'fetched',
      status: 200,
      body: Buffer.from(RSS),
      contentType: 'application/rss+xml; charset=utf-8',
      finalUrl: url,
      etag: '"v1"',
      lastModified: 'Wed, 15 Jan 2025 10:00:00 GMT',
      attempts: 1,
      durationMs: expect.any(Number),
    });
  });

  it('sends an honest User-Agent, a feed-preferring Accept and Accept-Encoding, no validators by default', async () => {
    const url = route('/headers', (_req, res) => res.writeHead(200).end(RSS));
    await fetcher().fetchFeed({ url });
    const headers = hits('/headers')[0]?.headers;
    expect(headers?.['user-agent']).toBe(UA);
    expect(headers?.accept).toBe(FEED_ACCEPT);
    expect(headers?.accept).toMatch(/^application\/rss\+xml, application\/atom\+xml, application\/feed\+json/);
    expect(headers?.['accept-encoding']).toBe('gzip, deflate, br');
    expect(headers?.['if-none-match']).toBeUndefined();
    expect(headers?.['if-modified-since']).toBeUndefined();
  });

  it('turns a 304 for a matching ETag into not-modified, with the new validators', async () => {
    const url = route('/etag', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304, { ETag: '"v2"' }).end();
      else res.writeHead(200, { ETag: '"v1"' }).end(RSS);
    });
    const outcome = await fetcher().fetchFeed({ url, etag: '"v1"', lastModified: null });
    expect(outcome).toEqual({
      kind: 'not-modified',
      status: 304,
      etag: '"v2"',
      lastModified: null,
      attempts: 1,
      durationMs: expect.any(Number),
    });
    expect(hits('/etag').at(-1)?.headers['if-none-match']).toBe('"v1"');
  });

  it('sends If-Modified-Since and keeps the stored validators when the 304 omits them', async () => {
    const stamp = 'Tue, 14 Jan 2025 08:00:00 GMT';
    const url = route('/last-modified', (req, res) => {
      if (req.headers['if-modified-since'] === stamp) res.writeHead(304).end();
      else res.writeHead(200, { 'Last-Modified': stamp }).end(RSS);
    });
    const outcome = expectKind(await fetcher().fetchFeed({ url, etag: '"old"', lastModified: stamp }), 'not-modified');
    expect([outcome.etag, outcome.lastModified]).toEqual(['"old"', stamp]);
    expect(hits('/last-modified').at(-1)?.headers['if-modified-since']).toBe(stamp);
  });

  it.each([
    ['gzip', zlib.gzipSync],
    ['deflate', zlib.deflateSync],
    ['br', zlib.brotliCompressSync],
  ] as const)('decodes a %s body', async (encoding, compress) => {
    const text = RSS.repeat(200);
    const url = route(`/encoded-${encoding}`, (_req, res) =>
      res.writeHead(200, { 'Content-Encoding': encoding, 'Content-Type': 'application/rss+xml' }).end(compress(Buffer.from(text))),
    );
    const outcome = expectKind(await fetcher().fetchFeed({ url }), 'fetched');
    expect(outcome.body.toString('utf8')).toBe(text);
  });
});

describe('fetchFeed: statuses', () => {
  it('reports 410 as gone', async () => {
    const url = route('/gone', (_req, res) => res.writeHead(410).end('gone for good'));
    expect(await fetcher().fetchFeed({ url })).toEqual({ kind: 'gone', status: 410, attempts: 1, durationMs: expect.any(Number) });
  });

  it('fails a 404 with http-status and does not retry', async () => {
    const url = route('/missing', (_req, res) => res.writeHead(404).end('nope'));
    const outcome = expectKind(await fetcher().fetchFeed({ url }), 'failed');
    expect(outcome.status).toBe(404);
    expect(outcome.attempts).toBe(1);
    expect([outcome.error.code, outcome.error.message, outcome.error.status]).toEqual(['http-status', 'HTTP 404 Not Found', 404]);
    expect(hits('/missing')).toHaveLength(1);
  });

  it('refuses a non-http scheme without making a request', async () => {
    const fetchSpy = async (): Promise<Response> => {
      throw new Error('must not be called');
    };
    const outcome = await createFetcher(settings, { fetch: fetchSpy }).fetchFeed({ url: 'ftp://ftp.example.test/feed.xml' });
    const failed = expectKind(outcome, 'failed');
    expect([failed.error.code, failed.error.message, failed.attempts, failed.status]).toEqual([
      'unsupported-scheme',
      'unsupported scheme "ftp:"',
      0,
      null,
    ]);
  });

  it('refuses a URL that does not parse', async () => {
    const failed = expectKind(await fetcher().fetchFeed({ url: 'not a url' }), 'failed');
    expect([failed.error.code, failed.error.message]).toEqual(['unsupported-scheme', 'invalid URL "not a url"']);
  });
});
