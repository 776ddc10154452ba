import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../config/defaults.js';
import { FeedError, type FeedConfig, type FetchOutcome } from '../model/index.js';
import type { FeedRunRecord } from '../storage/index.js';
import { collectFeeds, collectOne, interleaveByHost, jobOf, type CollectDeps } from './collect.js';

const feed = (id: string, host: string): FeedConfig => ({
  id, name: id, url: `https://${host}/${id}.xml`, kind: 'news', weight: 1, enabled: true, tags: [],
});

const document = (n: number) =>
  Buffer.from(`<rss version="2.0"><channel><title>t</title><item><title>Story ${n}</title><guid>g${n}</guid><link>https://example.org/${n}</link></item></channel></rss>`);

/** Deps whose fetches answer after a few ms and whose store busy-waits, counting open feeds. */
function fakeDeps(maxOpenFeeds: number) {
  let open = 0;
  let peakOpen = 0;
  const stored: string[] = [];
  const deps: CollectDeps = {
    fetcher: {
      async fetchFeed(request) {
        open++;
        peakOpen = Math.max(peakOpen, open);
        await new Promise((resolve) => setTimeout(resolve, 2));
        const n = Number(/(\d+)\.xml$/.exec(request.url)![1]);
        return { kind: 'fetched', status: 200, body: document(n), contentType: 'application/rss+xml', finalUrl: request.url, etag: null, lastModified: null, durationMs: 2, attempts: 1 } satisfies FetchOutcome;
      },
    },
    store: {
      getFeedState: async () => undefined,
      async recordFeedRun(run: FeedRunRecord) {
        const until = performance.now() + 3;
        while (performance.now() < until) {
          // CPU work standing in for dedupe and storage
        }
        stored.push(run.feedId);
        open--;
        return { new: run.items.length, updated: 0, seen: 0 };
      },
    },
    limits: DEFAULT_SETTINGS.collect,
    now: () => new Date('2026-12-01T08:00:00Z'),
    maxOpenFeeds,
  };
  return { deps, stored, peak: () => peakOpen };
}

describe('collectFeeds', () => {
  it('keeps at most maxOpenFeeds feeds between fetch and store, and reports in configuration order', async () => {
    const feeds = Array.from({ length: 30 }, (_, i) => feed(String(i), `host${i % 3}.example`));
    const { deps, stored, peak } = fakeDeps(4);
    const seen: string[] = [];
    const summary = await collectFeeds(feeds, deps, (result) => seen.push(result.feedId));
    expect(peak()).toBe(4);
    expect(stored).toHaveLength(30);
    expect(seen.sort()).toEqual(feeds.map((f) => f.id).sort());
    expect(summary.feeds.map((r) => r.feedId)).toEqual(feeds.map((f) => f.id));
    expect(summary.totals).toMatchObject({ ok: 30, itemsNew: 30 });
  });
});

describe('collectFeeds when secdigest itself fails on one feed', () => {
  const feeds = [feed('1', 'a.example'), feed('2', 'b.example'), feed('3', 'c.example')];

  it('fails that feed alone with code "internal", records the failure without its items, and goes on', async () => {
    const { deps } = fakeDeps(16);
    const recorded: FeedRunRecord[] = [];
    const store = deps.store;
    deps.store = {
      ...store,
      async recordFeedRun(run) {
        if (run.feedId === '2' && run.items.length > 0) throw new RangeError('Maximum call stack size exceeded');
        recorded.push(run);
        return store.recordFeedRun(run);
      },
    };
    const summary = await collectFeeds(feeds, deps);
    expect(summary.feeds.map((r) => r.status)).toEqual(['ok', 'failed', 'ok']);
    expect(summary.feeds[1]!.error).toEqual({ code: 'internal', message: "secdigest failed on this feed's items: Maximum call stack size exceeded" });
    const failed = recorded.find((r) => r.feedId === '2')!;
    expect(failed).toMatchObject({ outcome: 'failed', items: [], error: { code: 'internal' } });
    expect(failed).not.toHaveProperty('etag');
  });

  it('stops the run when the database fails, which every feed would meet', async () => {
    const { deps } = fakeDeps(16);
    deps.store = {
      ...deps.store,
      async recordFeedRun() {
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      },
    };
    await expect(collectFeeds(feeds, deps)).rejects.toThrow('database or disk is full');
  });

  it('takes a constraint broken while filing one feed for a failure of that feed', async () => {
    const { deps } = fakeDeps(16);
    const store = deps.store;
    deps.store = {
      ...store,
      async recordFeedRun(run) {
        if (run.feedId === '3' && run.items.length > 0) throw Object.assign(new Error('UNIQUE constraint failed: story_keys.key'), { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
        return store.recordFeedRun(run);
      },
    };
    const summary = await collectFeeds(feeds, deps);
    expect(summary.feeds.map((r) => [r.status, r.error?.code ?? null])).toEqual([['ok', null], ['ok', null], ['failed', 'internal']]);
  });
});

describe('interleaveByHost', () => {
  it('takes the hosts in turn, keeping each host\'s feeds in order', () => {
    const feeds = [feed('a1', 'a'), feed('a2', 'a'), feed('a3', 'a'), feed('b1', 'b'), feed('c1', 'c'), feed('c2', 'c')];
    expect(interleaveByHost(feeds).map((f) => f.id)).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
  });

  it('keeps a URL it cannot parse, as its own host', () => {
    const odd = { ...feed('x', 'a'), url: 'not a url' };
    expect(interleaveByHost([feed('a1', 'a'), odd, feed('a2', 'a')]).map((f) => f.id)).toEqual(['a1', 'x', 'a2']);
  });
});

describe('collectOne: the unit of work a queue can carry', () => {
  it('takes and returns plain data that survives JSON (no Buffer, no Error), storing the items as one run record', async () => {
    const { deps } = fakeDeps(1);
    const records: FeedRunRecord[] = [];
    const store = deps.store;
    deps.store = { ...store, recordFeedRun: (run) => (records.push(run), store.recordFeedRun(run)) };
    const job = JSON.parse(JSON.stringify(jobOf(feed('7', 'host.example'))));
    expect(job).toEqual({ feedId: '7', url: 'https://host.example/7.xml' });
    const result = await collectOne(job, deps);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(result).toMatchObject({ feedId: '7', status: 'ok', itemsFound: 1, itemsNew: 1, error: null });
    expect(records.map((r) => [r.feedId, r.items.map((i) => i.title)])).toEqual([['7', ['Story 7']]]);
  });

  it('turns a failed fetch into a plain {code, message}, never an Error object', async () => {
    const { deps } = fakeDeps(1);
    deps.fetcher = { fetchFeed: async () => ({ kind: 'failed', status: 500, error: new FeedError('http-status', 'HTTP 500'), durationMs: 1, attempts: 1 }) };
    const result = await collectOne({ feedId: 'x', url: 'https://host.example/x.xml' }, deps);
    expect(result.error).toEqual({ code: 'http-status', message: 'HTTP 500' });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
