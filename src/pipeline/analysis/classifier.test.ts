import { describe, expect, it } from 'vitest';
import type { Classification, Item } from '../../model/index.js';
import type { Classifier } from '../classify/index.js';
import { countUnclassified, ensureFeed, lockHolder, markAnalyzed, openDatabase, sqliteStorage, storeItems } from '../../storage/index.js';
import { withRunLock } from '../../scheduler/run-lock.js';
import { classifyStoredItems, type ReadyClassifier } from './classifier.js';

const NOW = '2026-11-21T00:00:00.000Z';
const LABEL: Classification = {
  topic: 'incident', topics: [], relevant: true, relevanceScore: 0.8, section: 'news', cves: [], victims: [],
  evidence: { topic: [], relevance: [], section: [] },
};
/** Labels every item the same: these tests are about paging and yielding, not about the model. */
const READY: ReadyClassifier = { classifier: { classify: () => LABEL } as unknown as Classifier, modelId: null };

/** `count` items stored without labels, as before schema v5 or after a classifier failure. */
function unclassifiedDatabase(count: number) {
  const db = openDatabase(':memory:');
  ensureFeed(db, { id: 'f', name: 'F', url: 'https://f.example/feed', kind: 'news', weight: 1 }, NOW);
  const items: Item[] = Array.from({ length: count }, (_, i) => ({
    id: `id-${String(i).padStart(5, '0')}`, feedId: 'f', guid: `g${i}`, url: null, canonicalUrl: null, urlHash: null,
    title: `Item ${i}`, summary: '', author: null, categories: [], publishedAt: NOW, fetchedAt: NOW, contentHash: `c${i}`,
  }));
  storeItems(db, items, NOW);
  // Analysed (filed) but unlabelled: what a classifier failure or a pre-v5 database leaves.
  markAnalyzed(db, items.map((i) => i.id));
  return db;
}

describe('classifyStoredItems', () => {
  it('labels every unclassified item, a page at a time', async () => {
    const db = unclassifiedDatabase(1_234);
    expect(countUnclassified(db)).toBe(1_234);
    expect(await classifyStoredItems(sqliteStorage(db), READY)).toBe(1_234);
    expect(countUnclassified(db)).toBe(0);
  });

  it('lets queued work run between pages, so the run lock is renewed during a long reclassification', async () => {
    const db = unclassifiedDatabase(1_100);
    const seenAt: number[] = [];
    // Queued before the call: it can only run if classifyStoredItems gives the event loop a turn.
    setImmediate(() => seenAt.push(countUnclassified(db)));
    await classifyStoredItems(sqliteStorage(db), READY);
    expect(seenAt).toHaveLength(1);
    expect(seenAt[0]).toBeGreaterThan(0);
    expect(seenAt[0]).toBeLessThan(1_100);
  });

  it('keeps the run lock renewed through a reclassification that outlasts the lease', async () => {
    const db = unclassifiedDatabase(2_000);
    let calls = 0;
    // A slow model: each page of 500 takes 25 ms, longer than the renewal interval (a third of 30 ms).
    const slow: ReadyClassifier = {
      classifier: {
        classify: () => {
          if (calls++ % 500 === 0) for (const until = Date.now() + 25; Date.now() < until; );
          return LABEL;
        },
      } as unknown as Classifier,
      modelId: null,
    };
    const holder = await withRunLock(sqliteStorage(db).runLocks, 'collect', { ttlMs: 30, waitMs: 0 }, async () => {
      await classifyStoredItems(sqliteStorage(db), slow);
      return lockHolder(db, 'collect')!;
    });
    expect(countUnclassified(db)).toBe(0);
    // Renewed at least once: without the turns between pages the lease would still end 30 ms after it was taken.
    expect(Date.parse(holder.expiresAt) - Date.parse(holder.acquiredAt)).toBeGreaterThan(30);
  });

  it('stops between pages when its signal aborts, keeping the pages written', async () => {
    const db = unclassifiedDatabase(1_100);
    const controller = new AbortController();
    setImmediate(() => controller.abort());
    const written = await classifyStoredItems(sqliteStorage(db), READY, { signal: controller.signal });
    expect(written).toBe(500);
    expect(countUnclassified(db)).toBe(600);
  });
});
