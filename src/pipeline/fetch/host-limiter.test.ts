import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../../test/support/local-server.js';
import { DEFAULT_SETTINGS } from '../../config/defaults.js';
import type { FetchSettings } from '../../model/index.js';
import { createFetcher, createLocalHostLimiter } from './index.js';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const settings: FetchSettings = { ...DEFAULT_SETTINGS.fetch, userAgent: 'secdigest-test/0.1', timeoutMs: 2000, retries: 1, maxRetryAfterWaitMs: 10_000 };

describe('createLocalHostLimiter', () => {
  it('lets at most perHostConcurrency holders in per host, hands slots on in order, and keeps hosts apart', async () => {
    const limiter = createLocalHostLimiter(2);
    const a1 = await limiter.acquire('a');
    const a2 = await limiter.acquire('a');
    const b1 = await limiter.acquire('b'); // another host is not held up
    const order: string[] = [];
    const a3 = limiter.acquire('a').then((slot) => (order.push('a3'), slot));
    const a4 = limiter.acquire('a').then((slot) => (order.push('a4'), slot));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual([]);
    await a1.release();
    await (await a3).release();
    await a4;
    expect(order).toEqual(['a3', 'a4']);
    await Promise.all([a2.release(), b1.release(), (await a4).release()]);
  });

  it('drops a waiter whose signal aborts, so the slot goes to the next one', async () => {
    const limiter = createLocalHostLimiter(1);
    const held = await limiter.acquire('a');
    const controller = new AbortController();
    const aborted = limiter.acquire('a', controller.signal);
    const next = limiter.acquire('a');
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    await held.release();
    await expect(next).resolves.toBeDefined();
  });

  it('keeps the later of two pauses and forgets one that is over', async () => {
    const limiter = createLocalHostLimiter(1);
    await limiter.pause('a', { untilMs: NOW + 5000, status: 429 });
    await limiter.pause('a', { untilMs: NOW + 1000, status: 503 });
    expect(await limiter.pausedUntil('a', NOW)).toEqual({ untilMs: NOW + 5000, status: 429 });
    expect(await limiter.pausedUntil('a', NOW + 5000)).toBeUndefined();
    expect(await limiter.pausedUntil('b', NOW)).toBeUndefined();
  });
});

describe('a Retry-After holds for every feed of the host', () => {
  let server: LocalServer;
  const hits = new Map<string, number>();
  beforeAll(async () => {
    server = await startLocalServer((req, res) => {
      const path = req.url ?? '/';
      hits.set(path, (hits.get(path) ?? 0) + 1);
      if (path.startsWith('/busy')) return void res.writeHead(429, { 'Retry-After': path.endsWith('long') ? '3600' : '2' }).end();
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end('<rss version="2.0"><channel><title>t</title></channel></rss>');
    });
  });
  afterAll(() => server.close());

  it('defers another feed of the host without asking it when the pause is long', async () => {
    const fetcher = createFetcher(settings, { sleep: async () => {}, now: () => NOW });
    expect(await fetcher.fetchFeed({ url: `${server.baseUrl}/busy-long` })).toMatchObject({ kind: 'rate-limited', attempts: 1 });
    const other = await fetcher.fetchFeed({ url: `${server.baseUrl}/calm-1` });
    expect(other).toEqual({ kind: 'rate-limited', status: 429, retryAt: '2025-01-15T13:00:00.000Z', attempts: 0, durationMs: 0 });
    expect(hits.get('/calm-1')).toBeUndefined();
  });

  it('makes another feed of the host wait out a short pause, then fetches it', async () => {
    let now = NOW;
    const sleeps: number[] = [];
    const limiter = createLocalHostLimiter(2);
    const deps = { hostLimiter: limiter, now: () => now, sleep: async (ms: number) => void sleeps.push(ms) };
    // Two fetchers sharing one limiter stand for two workers sharing the fleet's.
    const first = createFetcher({ ...settings, retries: 0 }, deps);
    const second = createFetcher(settings, deps);
    expect(await first.fetchFeed({ url: `${server.baseUrl}/busy-short` })).toMatchObject({ kind: 'rate-limited', attempts: 1 });
    now += 500;
    expect(await second.fetchFeed({ url: `${server.baseUrl}/calm-2` })).toMatchObject({ kind: 'fetched', attempts: 1 });
    expect(sleeps).toEqual([1500]);
    expect(hits.get('/calm-2')).toBe(1);
  });
});
