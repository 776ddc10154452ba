import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../../test/support/local-server.js';
import { DEFAULT_SETTINGS } from '../../config/defaults.js';
import type { FetchOutcome, FetchSettings } from '../../model/index.js';
import { createFetcher, type FetchDeps } from './index.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const RSS = '<rss version="2.0"><channel><title>t</title></channel></rss>';
/** A fixed clock on a whole second, so HTTP-dates round-trip exactly. */
const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const settings: FetchSettings = {
  ...DEFAULT_SETTINGS.fetch,
  userAgent: 'secdigest-test/0.1',
  timeoutMs: 2000,
  retries: 2,
  retryBaseDelayMs: 500,
  retryMaxDelayMs: 8000,
  maxRetryAfterWaitMs: 10_000,
};

const routes = new Map<string, Handler>();
const hits = new Map<string, number>();
let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const handler = routes.get(path);
    if (handler) handler(req, res);
    else res.writeHead(404).end();
  });
});
afterAll(() => server.close());

function route(path: string, handler: Handler): string {
  routes.set(path, handler);
  return `${server.baseUrl}${path}`;
}

/** Answers with `statuses` in turn (then 200 with a feed): `[503, 500]` fails twice, then succeeds. */
function sequence(statuses: { status: number; headers?: Record<string, string> }[]): Handler {
  let call = 0;
  return (_req, res) => {
    const step = statuses[call++];
    if (step) res.writeHead(step.status, step.headers ?? {}).end('try later');
    else res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(RSS);
  };
}

function harness(overrides: Partial<FetchSettings> = {}, deps: FetchDeps = {}) {
  const sleeps: number[] = [];
  const fetcher = createFetcher(
    { ...settings, ...overrides },
    { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, now: () => NOW, ...deps },
  );
  return { sleeps, fetchFeed: (url: string, signal?: AbortSignal) => fetcher.fetchFeed({ url }, signal) };
}

function failure(outcome: FetchOutcome) {
  expect(outcome.kind, JSON.stringify(outcome)).toBe('failed');
  if (outcome.kind !== 'failed') throw new Error('unreachable');
  return { code: outcome.error.code, message: outcome.error.message, status: outcome.status, attempts: outcome.attempts };
}

describe('Retry-After', () => {
  it('waits out a short 429 Retry-After, then fetches', async () => {
    const url = route('/429-short', sequence([{ status: 429, headers: { 'Retry-After': '1' } }]));
    const { sleeps, fetchFeed } = harness();
    expect(await fetchFeed(url)).toMatchObject({ kind: 'fetched', status: 200, attempts: 2 });
    expect(sleeps).toEqual([1000]);
  });

  it('defers a long 429 Retry-After as rate-limited', async () => {
    const url = route('/429-long', sequence([{ status: 429, headers: { 'Retry-After': '3600' } }]));
    const { sleeps, fetchFeed } = harness();
    expect(await fetchFeed(url)).toEqual({
      kind: 'rate-limited',
      status: 429,
      retryAt: '2025-01-15T13:00:00.000Z',
      attempts: 1,
      durationMs: 0,
    });
    expect(sleeps).toEqual([]);
    expect(hits.get('/429-long')).toBe(1);
  });

  it('reads an HTTP-date Retry-After on a 503', async () => {
    const later = new Date(NOW + 2 * 3_600_000).toUTCString(); // "Wed, 15 Jan 2025 14:00:00 GMT"
    const url = route('/503-date', sequence([{ status: 503, headers: { 'Retry-After': later } }]));
    expect(await harness().fetchFeed(url)).toMatchObject({ kind: 'rate-limited', status: 503, retryAt: '2025-01-15T14:00:00.000Z' });
  });

  it('waits out a near HTTP-date Retry-After on a 503', async () => {
    const soon = new Date(NOW + 5000).toUTCString();
    const url = route('/503-date-soon', sequence([{ status: 503, headers: { 'Retry-After': soon } }]));
    const { sleeps, fetchFeed } = harness();
    expect(await fetchFeed(url)).toMatchObject({ kind: 'fetched', attempts: 2 });
    expect(sleeps).toEqual([5000]);
  });

  it('reports rate-limited when the attempts run out, even for a short Retry-After', async () => {
    const tooMany = { status: 429, headers: { 'Retry-After': '2' } };
    const url = route('/429-always', sequence([tooMany, tooMany, tooMany, tooMany]));
    const { sleeps, fetchFeed } = harness();
    expect(await fetchFeed(url)).toMatchObject({ kind: 'rate-limited', status: 429, attempts: 3, retryAt: '2025-01-15T12:00:02.000Z' });
    expect(sleeps).toEqual([2000, 2000]);
  });
});

describe('transient failures', () => {
  it('retries 500 twice with full-jitter backoff, then fetches', async () => {
    const url = route('/500-twice', sequence([{ status: 500 }, { status: 500 }]));
    const { sleeps, fetchFeed } = harness();
    expect(await fetchFeed(url)).toMatchObject({ kind: 'fetched', status: 200, attempts: 3 });
    // random() = 0.5: half of min(8000, 500·2^n) for n = 0, 1.
    expect(sleeps).toEqual([250, 500]);
  });

  it('keeps backoff sleeps within their bounds with real randomness', async () => {
    const url = route('/500-bounds', sequence([{ status: 502 }, { status: 504 }]));
    const { sleeps, fetchFeed } = harness({}, { random: Math.random });
    expect(await fetchFeed(url)).toMatchObject({ kind: 'fetched', attempts: 3 });
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(0);
    expect(sleeps[0]).toBeLessThan(500);
    expect(sleeps[1]).toBeGreaterThanOrEqual(0);
    expect(sleeps[1]).toBeLessThan(1000);
  });

  it('fails with http-status after a 503 without Retry-After keeps coming', async () => {
    const url = route('/503-always', (_req, res) => res.writeHead(503).end());
    expect(failure(await harness().fetchFeed(url))).toEqual({
      code: 'http-status',
      message: 'HTTP 503 Service Unavailable',
      status: 503,
      attempts: 3,
    });
    expect(hits.get('/503-always')).toBe(3);
  });

  it('retries a 408', async () => {
    const url = route('/408-once', sequence([{ status: 408 }]));
    expect(await harness().fetchFeed(url)).toMatchObject({ kind: 'fetched', attempts: 2 });
  });

  it('reports a refused connection as a network failure after retrying', async () => {
    const closed = await startLocalServer(() => undefined);
    await closed.close();
    const { port } = new URL(closed.baseUrl);
    const { sleeps, fetchFeed } = harness();
    expect(failure(await fetchFeed(`${closed.baseUrl}/feed`))).toEqual({
      code: 'network',
      message: `connection refused (127.0.0.1:${port})`,
      status: null,
      attempts: 3,
    });
    expect(sleeps).toHaveLength(2);
  });
});

describe('cancellation', () => {
  it('reports a caller abort during the request as aborted, without retrying', async () => {
    const url = route('/hang', () => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { sleeps, fetchFeed } = harness({}, { now: Date.now });
    expect(failure(await fetchFeed(url, controller.signal))).toMatchObject({ code: 'aborted', status: null, attempts: 1 });
    expect(sleeps).toEqual([]);
  });

  it('stops during the wait between attempts (real sleep)', async () => {
    const url = route('/500-then-abort', (_req, res) => res.writeHead(500).end());
    const controller = new AbortController();
    const fetcher = createFetcher({ ...settings, retryBaseDelayMs: 60_000, retryMaxDelayMs: 60_000 }, { random: () => 1 });
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    expect(failure(await fetcher.fetchFeed({ url }, controller.signal))).toMatchObject({ code: 'aborted', attempts: 1 });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('makes no request when the signal is already aborted', async () => {
    const url = route('/never', (_req, res) => res.writeHead(200).end(RSS));
    expect(failure(await harness().fetchFeed(url, AbortSignal.abort()))).toMatchObject({ code: 'aborted', attempts: 0 });
    expect(hits.get('/never')).toBeUndefined();
  });
});
