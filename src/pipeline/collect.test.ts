import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../config/defaults.js';
import type { FeedConfig, FetchOutcome } from '../model/index.js';
import type { FeedRunRecord } from '../storage/index.js';
import { collectFeeds, interleaveByHost, type CollectDeps } from './collect.js';

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
      getFeedState: () => undefined,
      recordFeedRun(run: FeedRunRecord) {
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
