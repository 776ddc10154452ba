import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { countKeys, deleteKeysByPrefix } from '../../test/support/redis-keys.js';
import { REDIS_URL, redisAvailable, uniqueName } from '../../test/support/services.js';
import { parseQueueUrl } from './config.js';
import { createRedisHostLimiter } from './host-limiter.js';

const available = await redisAvailable();

describe.skipIf(!available)('the Redis host limiter (two workers sharing one)', () => {
  const prefix = uniqueName('sdq');
  const config = parseQueueUrl(`${REDIS_URL}?prefix=${prefix}`);
  const clients: Redis[] = [];
  const worker = (leaseMs = 5000) => {
    const client = new Redis(config.redisUrl, { maxRetriesPerRequest: 1 });
    client.on('error', () => {});
    clients.push(client);
    return { client, limiter: createRedisHostLimiter(client, config, { perHostConcurrency: 2, leaseMs, maxPollMs: 20 }) };
  };
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.disconnect());
    await deleteKeysByPrefix(REDIS_URL, prefix);
  });
  afterAll(async () => {
    expect(await countKeys(REDIS_URL, prefix)).toBe(0);
  });

  it('lets two holders in across both workers; the third gets in when one releases', async () => {
    const a = worker().limiter;
    const b = worker().limiter;
    const first = await a.acquire('feeds.example');
    const second = await b.acquire('feeds.example');
    const other = await b.acquire('other.example'); // another host is not held up
    let third = false;
    const waiting = a.acquire('feeds.example').then((slot) => ((third = true), slot));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(third).toBe(false);
    await second.release();
    const slot = await waiting;
    expect(third).toBe(true);
    await Promise.all([first.release(), slot.release(), other.release()]);
  });

  it("frees a killed worker's slot once its lease runs out, not before", async () => {
    const doomed = worker(400);
    const survivor = worker(400).limiter;
    await doomed.limiter.acquire('feeds.example');
    await doomed.limiter.acquire('feeds.example');
    doomed.client.disconnect(); // SIGKILL: no release, no more renewals
    const started = Date.now();
    const slot = await survivor.acquire('feeds.example');
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(250); // the lease was renewed up to the kill
    expect(waited).toBeLessThan(2000);
    await slot.release();
  });

  it('keeps holders renewed past their lease while they work', async () => {
    const a = worker(300).limiter;
    const b = worker(300).limiter;
    const slots = [await a.acquire('feeds.example'), await a.acquire('feeds.example')];
    let got = false;
    const controller = new AbortController();
    const waiting = b.acquire('feeds.example', controller.signal).then(() => (got = true)).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 900)); // three leases long
    expect(got).toBe(false);
    controller.abort(new Error('done waiting'));
    await waiting;
    await Promise.all(slots.map((s) => s.release()));
  });

  it('shares a Retry-After pause between workers, keeping the later one', async () => {
    const a = worker().limiter;
    const b = worker().limiter;
    const now = Date.now();
    await a.pause('feeds.example', { untilMs: now + 60_000, status: 429 });
    await b.pause('feeds.example', { untilMs: now + 1_000, status: 503 }); // shorter: kept out
    expect(await b.pausedUntil('feeds.example', now)).toEqual({ untilMs: now + 60_000, status: 429 });
    expect(await b.pausedUntil('feeds.example', now + 60_000)).toBeUndefined();
    expect(await a.pausedUntil('other.example', now)).toBeUndefined();
    await a.pause('short.example', { untilMs: Date.now() + 100, status: 503 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await b.pausedUntil('short.example', 0)).toBeUndefined(); // the key expired with the pause
  });
});
