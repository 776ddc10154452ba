/** Shared data and helpers of the storage contract suite (./index.ts). */
import type { Classification, FeedConfig, Item } from '../../../src/model/index.js';
import type { ItemFiling, Storage } from '../../../src/storage/index.js';

/** The store under test, read when each test runs (a fresh one per test). */
export interface ContractContext {
  readonly storage: Storage;
}

export interface OpenedStorage {
  storage: Storage;
  cleanup(): Promise<void>;
}

export const NOW = '2026-11-23T12:00:00.000Z';
export const feed = (id: string, weight = 1): FeedConfig => ({ id, name: `Feed ${id}`, url: `https://${id}.example/feed`, kind: 'news', weight, enabled: true, tags: [] });

export function item(feedId: string, guid: string, title: string, publishedAt = '2026-11-23T10:00:00.000Z'): Item {
  const url = `https://${feedId}.example/${guid}`;
  return {
    id: `${feedId}:${guid}`, feedId, guid, url, canonicalUrl: url, urlHash: `h:${url}`, title, summary: `About ${title}.`,
    author: null, categories: ['Security'], publishedAt, fetchedAt: NOW, contentHash: `c:${title}`,
  };
}

export const run = (feedId: string, items: Item[], extra: object = {}) => ({
  feedId, startedAt: NOW, outcome: 'ok' as const, httpStatus: 200, durationMs: 12, bytes: 100, attempts: 1, items, ...extra,
});

export const LABELS: Classification = {
  topic: 'ransomware', topics: [{ id: 'ransomware', score: 0.9 }], relevant: true, relevanceScore: 0.8, section: 'news',
  cves: [], victims: [], evidence: { topic: ['test'], relevance: [], section: [] },
};

/**
 * Filings that put items with the same first word of the title in one story (new stories under
 * temporary ids -1, -2, …, each opening its own thread, unless `stored` names a stored story for
 * that word): what matters here is storage, not matching.
 */
export function byFirstWord(items: readonly { item: Item; storyId: number | null }[], stored: ReadonlyMap<string, number> = new Map()): ItemFiling[] {
  const opened = new Map<string, number>(stored);
  return items
    .filter((p) => p.storyId === null)
    .map(({ item: it }) => {
      const key = it.title.split(' ')[0]!;
      let storyId = opened.get(key);
      if (storyId === undefined) opened.set(key, (storyId = -(opened.size + 1)));
      return { itemId: it.id, storyId, threadId: storyId, copyKey: `copy:${it.title}`, evidence: null };
    });
}

/**
 * Feed `a` with one item per title (published 2026-11-23 10:00), each filed as a story of its own
 * (byFirstWord) and labelled LABELS, through the ports only: the draft tests' usual start.
 */
export async function storeLabelledStories(storage: Storage, titles: readonly string[]): Promise<void> {
  await storage.feeds.sync([feed('a')], NOW);
  const writer = storage.feedRuns.writer({ maxFeeds: 10, maxDelayMs: 60_000 });
  await writer.record(run('a', titles.map((title, n) => item('a', String(n + 1), title))));
  await writer.flush();
  const pending = await storage.analysis.pending(10);
  await storage.analysis.writeBatch({ items: pending, labels: new Map(pending.map((p) => [p.item.id, LABELS])), modelId: null, filings: byFirstWord(pending) });
}
