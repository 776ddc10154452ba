/**
 * Seeds a database with feeds, items, stories and classifications for draft tests, through the
 * storage modules where they exist. The classification columns are written directly: collect fills
 * them in real runs.
 */
import type { FeedConfig, Item } from '../../src/model/index.js';
import { createStory, joinStory, setItemStory, storeItems, syncFeeds, type Db } from '../../src/storage/index.js';

export interface SeedFeed {
  id: string;
  name?: string;
  kind?: FeedConfig['kind'];
  weight?: number;
}

export interface SeedClassification {
  topic: string;
  section?: 'news' | 'press-release';
  relevant?: boolean;
  victims?: string[];
  cves?: string[];
}

export interface SeedItem {
  id: string;
  feedId: string;
  title: string;
  publishedAt: string;
  /** When collect stored it; default: its publication time. */
  fetchedAt?: string;
  url?: string | null;
  summary?: string;
  /** null: not classified yet. */
  classification: SeedClassification | null;
}

export function seedFeeds(db: Db, feeds: readonly SeedFeed[]): void {
  syncFeeds(
    db,
    feeds.map((f) => ({
      id: f.id,
      name: f.name ?? `Feed ${f.id}`,
      url: `http://127.0.0.1:9/${f.id}.xml`,
      kind: f.kind ?? 'news',
      weight: f.weight ?? 1,
      enabled: true,
      tags: [],
    })),
    '2026-11-01T00:00:00.000Z',
  );
}

/** Stores the items as one story (the first opens it, the rest join); returns the story id. */
export function seedStory(db: Db, items: readonly SeedItem[]): number {
  return db.transaction(() => {
    let storyId = 0;
    items.forEach((seed, i) => {
      const url = seed.url === undefined ? `https://${seed.feedId}.example/${seed.id}` : seed.url;
      const item: Item = {
        id: seed.id,
        feedId: seed.feedId,
        guid: seed.id,
        url,
        canonicalUrl: url,
        urlHash: url ? `hash-${seed.id}` : null,
        title: seed.title,
        summary: seed.summary ?? `Summary of ${seed.title}.`,
        author: null,
        categories: [],
        publishedAt: seed.publishedAt,
        fetchedAt: seed.fetchedAt ?? seed.publishedAt,
        contentHash: `content-${seed.id}`,
      };
      storeItems(db, [item], seed.fetchedAt ?? seed.publishedAt);
      if (i === 0) storyId = createStory(db, item.id, item.publishedAt, null);
      setItemStory(db, item.id, storyId, null, null);
      if (i > 0) joinStory(db, storyId, item);
      if (seed.classification) classify(db, seed.id, seed.classification);
    });
    return storyId;
  })();
}

function classify(db: Db, itemId: string, c: SeedClassification): void {
  db.prepare(
    `UPDATE items SET topic = ?, topic_scores = ?, relevant = ?, relevance_score = ?, section = ?, cves = ?, victims = ?
     WHERE id = ?`,
  ).run(
    c.topic,
    JSON.stringify([{ id: c.topic, score: 0.9 }]),
    c.relevant === false ? 0 : 1,
    c.relevant === false ? 0.1 : 0.9,
    c.section ?? 'news',
    JSON.stringify(c.cves ?? []),
    JSON.stringify(c.victims ?? []),
    itemId,
  );
}
