import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../config/defaults.js';
import type { Classification, Item } from '../../model/index.js';
import type { Classifier } from '../classify/index.js';
import { ensureFeed, getItemClassification, openDatabase, pendingItems, sqliteStorage, storeItems, storyIdOfItem } from '../../storage/index.js';
import { analyzePending } from './index.js';
import type { ReadyClassifier } from './classifier.js';

const NOW = new Date('2026-11-21T12:00:00.000Z');
const LABEL: Classification = {
  topic: 'incident', topics: [], relevant: true, relevanceScore: 0.8, section: 'news', cves: [], victims: [],
  evidence: { topic: [], relevance: [], section: [] },
};

const TITLES = [
  'Ransomware halts Brennick Freight depots in Ohio',
  'Quorvex raises thirty million for cloud detection',
  'Patch fixes Helmsgate VPN gateway authentication bypass',
  'Lisbon police arrest phishing gang behind bank texts',
  'Velmont water utility restores remote operation',
];

/** `count` (at most 5) items about different things, stored by a feed run and not analysed yet. */
function pendingDatabase(count: number) {
  const db = openDatabase(':memory:');
  ensureFeed(db, { id: 'f', name: 'F', url: 'https://f.example/feed', kind: 'news', weight: 1 }, NOW.toISOString());
  const items: Item[] = Array.from({ length: count }, (_, i) => ({
    id: `id-${i}`, feedId: 'f', guid: `g${i}`, url: `https://f.example/${i}`, canonicalUrl: `https://f.example/${i}`, urlHash: `h${i}`,
    title: TITLES[i]!, summary: '', author: null, categories: [],
    publishedAt: new Date(NOW.getTime() - (count - i) * 60_000).toISOString(), fetchedAt: NOW.toISOString(), contentHash: `c${i}`,
  }));
  storeItems(db, items, NOW.toISOString());
  return db;
}

const classifierOf = (classify: (input: { title: string }) => Classification): (() => Promise<ReadyClassifier>) =>
  async () => ({ classifier: { classify } as unknown as Classifier, modelId: null });

describe('analyzePending (the analysis stage over the storage port)', () => {
  it('files every pending item in batches; an item the classifier fails on is filed unclassified, with a warning', async () => {
    const db = pendingDatabase(5);
    const warnings: string[] = [];
    const progress: [number, number][] = [];
    const summary = await analyzePending({
      store: sqliteStorage(db).analysis,
      settings: DEFAULT_SETTINGS,
      classifier: classifierOf(({ title }) => {
        if (title.startsWith('Patch fixes')) throw new Error('model bug');
        return LABEL;
      }),
      now: () => NOW,
      batchSize: 2,
      onWarning: (message) => warnings.push(message),
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(summary).toMatchObject({ items: 5, newStories: 5, pending: 0 });
    expect(progress).toEqual([[2, 5], [4, 5], [5, 5]]);
    expect(warnings).toEqual(['the classifier failed on item id-2 (left unclassified, retried next run): model bug']);
    expect(getItemClassification(db, 'id-2')).toBeUndefined();
    expect(getItemClassification(db, 'id-1')).toMatchObject({ topic: 'incident' });
    for (let i = 0; i < 5; i++) expect(storyIdOfItem(db, `id-${i}`)).toBeDefined();
  });

  it('stops between batches when the signal aborts: finished batches stay analysed, the rest stays pending', async () => {
    const db = pendingDatabase(5);
    const controller = new AbortController();
    const summary = await analyzePending({
      store: sqliteStorage(db).analysis,
      settings: DEFAULT_SETTINGS,
      classifier: classifierOf(() => LABEL),
      now: () => NOW,
      batchSize: 2,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(summary).toMatchObject({ items: 2, pending: 3 });
    expect(pendingItems(db, 10).map((p) => p.item.id)).toEqual(['id-2', 'id-3', 'id-4']);
  });

  it('loads no classifier when nothing is pending', async () => {
    const db = pendingDatabase(0);
    let loaded = false;
    const summary = await analyzePending({
      store: sqliteStorage(db).analysis,
      settings: DEFAULT_SETTINGS,
      classifier: async () => {
        loaded = true;
        throw new Error('must not load');
      },
      now: () => NOW,
    });
    expect(summary).toEqual({ items: 0, newStories: 0, pending: 0, durationMs: 0 });
    expect(loaded).toBe(false);
  });
});
