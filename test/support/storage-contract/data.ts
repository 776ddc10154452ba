/** Shared data and helpers of the storage contract suite (./index.ts). */
import type { Classification, DedupeItem, FeedConfig, Item, StoryIndex } from '../../../src/model/index.js';
import type { FiledItem, Storage } from '../../../src/storage/index.js';

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

/** A filer that puts items with the same first word of the title in one story: what matters here is storage, not matching. */
export function byFirstWord(index: StoryIndex, items: readonly { item: Item; feedWeight: number }[]): FiledItem[] {
  const opened = new Map<string, number>();
  return items.map(({ item: it, feedWeight }) => {
    const key = it.title.split(' ')[0]!;
    const dedupe: DedupeItem = { id: it.id, feedId: it.feedId, weight: feedWeight, canonicalUrl: it.canonicalUrl, urlHash: it.urlHash, title: it.title, summary: it.summary, publishedAt: it.publishedAt };
    const keys = [key.length];
    const existing = opened.get(key) ?? index.storyOfUrl(`story:${key}`);
    if (existing !== undefined) {
      index.joinStory(existing, dedupe, keys);
      return { itemId: it.id, storyId: existing, match: 'near' as const };
    }
    const storyId = index.createStory(dedupe, keys);
    opened.set(key, storyId);
    return { itemId: it.id, storyId, match: 'new' as const };
  });
}

export const keysOf = (title: string) => [title.length];
