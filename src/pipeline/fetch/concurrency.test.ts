import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../../test/support/local-server.js';
import { DEFAULT_SETTINGS } from '../../config/defaults.js';
import type { FetchSettings } from '../../model/index.js';
import { createFetcher } from './index.js';

const settings: FetchSettings = { ...DEFAULT_SETTINGS.fetch, userAgent: 'secdigest-test/0.1', timeoutMs: 5000 };

/** Counts requests in flight per server and across all of them; answers after `delayMs`. */
const counters = { total: 0, maxTotal: 0 };
interface CountingServer extends LocalServer {
  stats: { maxInFlight: number };
}

async function countingServer(delayMs: number): Promise<CountingServer> {
  let inFlight = 0;
  const stats = { maxInFlight: 0 };
  const server = await startLocalServer((_req, res) => {
    inFlight += 1;
    counters.total += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    counters.maxTotal = Math.max(counters.maxTotal, counters.total);
    setTimeout(() => {
      inFlight -= 1;
      counters.total -= 1;
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end('<rss/>');
    }, delayMs);
  });
  return { ...server, stats };
}

let servers: CountingServer[] = [];
beforeAll(async () => {
  servers = [await countingServer(40), await countingServer(40), await countingServer(40)];
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('concurrency', () => {
  it('never runs more than perHostConcurrency requests against one host', async () => {
    const [server] = servers;
    if (!server) throw new Error('no server');
    const fetcher = createFetcher({ ...settings, concurrency: 16, perHostConcurrency: 2 });
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => fetcher.fetchFeed({ url: `${server.baseUrl}/feed/${i}` })),
    );
    expect(outcomes.every((o) => o.kind === 'fetched')).toBe(true);
    expect(server.stats.maxInFlight).toBe(2);
  });

  it('respects the global limit across hosts', async () => {
    counters.maxTotal = 0;
    const fetcher = createFetcher({ ...settings, concurrency: 3, perHostConcurrency: 2 });
    const outcomes = await Promise.all(
      servers.flatMap((server) =>
        Array.from({ length: 4 }, (_, i) => fetcher.fetchFeed({ url: `${server.baseUrl}/global/${i}` })),
      ),
    );
    expect(outcomes.every((o) => o.kind === 'fetched')).toBe(true);
    expect(counters.maxTotal).toBe(3);
    for (const server of servers) expect(server.stats.maxInFlight).toBeLessThanOrEqual(2);
  });
});
