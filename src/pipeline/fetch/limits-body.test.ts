import { getEventListeners } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../../test/support/local-server.js';
import { DEFAULT_SETTINGS } from '../../config/defaults.js';
import type { FetchOutcome, FetchSettings } from '../../model/index.js';
import { createFetcher } from './index.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const MiB = 1024 * 1024;
const settings: FetchSettings = {
  ...DEFAULT_SETTINGS.fetch,
  userAgent: 'secdigest-test/0.1',
  timeoutMs: 300,
  maxBodyBytes: 256 * 1024,
  retries: 0,
};

const routes = new Map<string, Handler>();
let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    const handler = routes.get(req.url ?? '/');
    if (handler) handler(req, res);
    else res.writeHead(404).end();
  });
});
afterAll(() => server.close());

function route(path: string, handler: Handler): string {
  routes.set(path, handler);
  return `${server.baseUrl}${path}`;
}

const fetchFeed = (url: string, overrides: Partial<FetchSettings> = {}) =>
  createFetcher({ ...settings, ...overrides }, { sleep: async () => undefined }).fetchFeed({ url });

function failure(outcome: FetchOutcome) {
  expect(outcome.kind, JSON.stringify(outcome)).toBe('failed');
  if (outcome.kind !== 'failed') throw new Error('unreachable');
  return { code: outcome.error.code, message: outcome.error.message, status: outcome.status };
}

/** Writes `total` bytes in 64 KiB chunks honouring backpressure; resolves with what it wrote. */
function streamBytes(res: ServerResponse, total: number): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let written = 0;
  return new Promise((resolve) => {
    let closed = false;
    res.on('close', () => {
      closed = true;
      resolve(written);
    });
    const pump = () => {
      while (!closed && written < total) {
        written += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!closed) res.end();
    };
    pump();
  });
}

describe('timeouts', () => {
  it('times out a server that never answers', async () => {
    const url = route('/silent', () => undefined);
    const started = Date.now();
    expect(failure(await fetchFeed(url))).toEqual({ code: 'timeout', message: 'timed out after 300ms', status: null });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('times out a body that trickles past the total timeout', async () => {
    const url = route('/trickle', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      res.write('<rss>');
      const timer = setInterval(() => res.write(' '), 40);
      res.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    // The headers came (200); the body did not finish in time.
    expect(failure(await fetchFeed(url))).toEqual({ code: 'timeout', message: 'timed out after 300ms', status: 200 });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('stops at the caller’s abort, not its timeout, and listens to the caller’s signal once however many attempts', async () => {
    const silent = route('/silent-for-abort', () => undefined);
    const fetcher = createFetcher({ ...settings, timeoutMs: 5_000 }, { sleep: async () => undefined });
    const run = new AbortController();
    setTimeout(() => run.abort(), 50);
    const started = Date.now();
    expect(failure(await fetcher.fetchFeed({ url: silent }, run.signal)).code).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(2000);
    // A run's signal serves every feed: one listener, whatever the attempts before or in flight.
    const ok = route('/ok-for-listeners', (_req, res) => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end('<rss/>'));
    const stillRunning = new AbortController();
    for (let i = 0; i < 3; i++) expect((await fetcher.fetchFeed({ url: ok }, stillRunning.signal)).kind).toBe('fetched');
    expect(getEventListeners(stillRunning.signal, 'abort')).toHaveLength(1);
  });

  it('aborts every attempt in flight at the caller’s abort, with no listener warning past ten feeds', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const silent = Array.from({ length: 16 }, (_, i) => route(`/silent-for-many-${i}`, () => undefined));
      const fetcher = createFetcher({ ...settings, timeoutMs: 5_000, concurrency: 20, perHostConcurrency: 20 }, { sleep: async () => undefined });
      const run = new AbortController();
      const outcomes = Promise.all(silent.map((url) => fetcher.fetchFeed({ url }, run.signal)));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(getEventListeners(run.signal, 'abort')).toHaveLength(1);
      run.abort();
      expect((await outcomes).map((o) => failure(o).code)).toEqual(Array(16).fill('aborted'));
      // process.emitWarning reports on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('retries a timeout as transient', async () => {
    const url = route('/silent-twice', () => undefined);
    const outcome = await fetchFeed(url, { timeoutMs: 150, retries: 1 });
    expect(outcome).toMatchObject({ kind: 'failed', attempts: 2 });
  });
});

describe('body size cap', () => {
  it('fails at once when Content-Length is over the cap', async () => {
    let written = 0;
    const url = route('/declared-large', (_req, res) => {
      res.writeHead(200, { 'Content-Length': String(2 * MiB) });
      void streamBytes(res, 2 * MiB).then((n) => (written = n));
    });
    expect(failure(await fetchFeed(url))).toEqual({ code: 'too-large', message: 'body larger than 256 KiB', status: 200 });
    expect(written).toBeLessThanOrEqual(2 * MiB);
  });

  it('stops reading a body without Content-Length as soon as it passes the cap', async () => {
    const total = 256 * MiB;
    let served!: Promise<number>;
    const url = route('/streamed-large', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      served = streamBytes(res, total);
    });
    expect(failure(await fetchFeed(url, { timeoutMs: 10_000 }))).toEqual({
      code: 'too-large',
      message: 'body larger than 256 KiB',
      status: 200,
    });
    // The client hung up: the server got nowhere near the end (socket buffers hold a few MiB).
    expect(await served).toBeLessThan(32 * MiB);
  });

  it('bounds a gzip bomb by counting decompressed bytes', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(64 * MiB));
    expect(bomb.length).toBeLessThan(settings.maxBodyBytes);
    const url = route('/bomb', (_req, res) =>
      res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Length': String(bomb.length) }).end(bomb),
    );
    expect(failure(await fetchFeed(url, { timeoutMs: 10_000 }))).toEqual({
      code: 'too-large',
      message: 'body larger than 256 KiB',
      status: 200,
    });
  });

  it('accepts a body of exactly the cap', async () => {
    const url = route('/exact', (_req, res) => res.writeHead(200).end(Buffer.alloc(settings.maxBodyBytes, 0x62)));
    const outcome = await fetchFeed(url);
    expect(outcome.kind).toBe('fetched');
    if (outcome.kind === 'fetched') expect(outcome.body.length).toBe(settings.maxBodyBytes);
  });

  it('reports a corrupt gzip body as a decode failure', async () => {
    const url = route('/bad-gzip', (_req, res) => res.writeHead(200, { 'Content-Encoding': 'gzip' }).end('not gzip at all'));
    expect(failure(await fetchFeed(url))).toMatchObject({ code: 'decode', status: 200 });
  });
});
