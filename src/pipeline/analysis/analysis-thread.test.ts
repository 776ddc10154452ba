import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../config/defaults.js';
import type { Item } from '../../model/index.js';
import type { Model } from '../classify/index.js';
import { ensureFeed, getItemClassification, openDatabase, sqliteStorage, storeItems, storyIdOfItem } from '../../storage/index.js';
import { classifyItems, readyClassifier, type ClassifiableItem, type ReadyClassifier } from './classifier.js';
import { prepareItem } from '../dedupe/index.js';
import { PREPARE_CHUNK } from './analysis-thread-protocol.js';
import { startAnalysisThread } from './analysis-thread.js';
import { analyzePending } from './index.js';

const NOW = new Date('2026-11-21T12:00:00.000Z');
const TEXTS: [string, string][] = [
  ['Ransomware halts Brennick Freight depots in Ohio', 'The Kraxen gang claimed the attack on the logistics firm.'],
  ['Quorvex raises thirty million for cloud detection', 'The startup will hire engineers.'],
  ['Patch fixes Helmsgate VPN gateway authentication bypass', 'CVE-2026-11111 is exploited in the wild.'],
  ['Lisbon police arrest phishing gang behind bank texts', 'Officers seized servers used to send the messages.'],
  ['We are hiring: senior reporter', 'Join our newsroom.'],
];
const ITEMS: ClassifiableItem[] = TEXTS.map(([title, summary], i) => ({ id: `id-${i}`, title, summary, feedKind: 'news' }));

function pendingDatabase() {
  const db = openDatabase(':memory:');
  ensureFeed(db, { id: 'f', name: 'F', url: 'https://f.example/feed', kind: 'news', weight: 1 }, NOW.toISOString());
  const items: Item[] = ITEMS.map((it, i) => ({
    id: it.id, feedId: 'f', guid: `g${i}`, url: `https://f.example/${i}`, canonicalUrl: `https://f.example/${i}`, urlHash: `h${i}`,
    title: it.title, summary: it.summary, author: null, categories: [],
    publishedAt: new Date(NOW.getTime() - (ITEMS.length - i) * 60_000).toISOString(), fetchedAt: NOW.toISOString(), contentHash: `c${i}`,
  }));
  storeItems(db, items, NOW.toISOString());
  return db;
}

describe('the analysis thread', () => {
  it('labels and prepares a batch exactly as in process, whichever thread takes each chunk', async () => {
    const ready = await readyClassifier(undefined, DEFAULT_SETTINGS.classify);
    const thread = await startAnalysisThread(ready);
    try {
      // More than two chunks, each text different.
      const items: ClassifiableItem[] = Array.from({ length: 2 * PREPARE_CHUNK + 7 }, (_, i) => ({ ...ITEMS[i % ITEMS.length]!, id: `i${i}`, title: `${ITEMS[i % ITEMS.length]!.title} (${i})` }));
      const { labels, prepared } = thread.batch(items, items);
      // The first chunk asked for at once (the main thread usually takes it), the others once the
      // thread has classified the batch (it has taken them by then).
      const first = await prepared(0);
      const { byItem, failures } = await labels;
      expect(failures).toEqual([]);
      expect(byItem).toEqual(classifyItems(ready, new Map(), items).byItem);
      expect(byItem.get('i0')!.topic).toBe('ransomware');
      for (const [i, got] of [[0, first], [PREPARE_CHUNK - 1, await prepared(PREPARE_CHUNK - 1)], [PREPARE_CHUNK, await prepared(PREPARE_CHUNK)], [2 * PREPARE_CHUNK + 6, await prepared(2 * PREPARE_CHUNK + 6)]] as const) {
        const want = prepareItem(items[i]!.title, items[i]!.summary);
        expect(got).toEqual(want);
        expect([...got.features.weights.keys()]).toEqual([...want.features.weights.keys()]);
      }
    } finally {
      await thread.close();
    }
    await expect(thread.batch(ITEMS, ITEMS).labels).rejects.toThrow(/closed/);
  });

  it('keeps overlapping requests apart: a batch, then a stored window asked for before the batch is done', async () => {
    const ready = await readyClassifier(undefined, DEFAULT_SETTINGS.classify);
    const thread = await startAnalysisThread(ready);
    try {
      const texts = (tag: string) => Array.from({ length: PREPARE_CHUNK + 30 }, (_, i) => ({ ...ITEMS[i % ITEMS.length]!, id: `${tag}${i}`, title: `${ITEMS[i % ITEMS.length]!.title} (${tag} ${i})` }));
      const batchTexts = texts('b');
      const windowTexts = texts('w');
      const { labels, prepared } = thread.batch(batchTexts, batchTexts);
      const window = thread.prepareTexts(windowTexts);
      for (const i of [0, PREPARE_CHUNK + 29]) expect(await window(i)).toEqual(prepareItem(windowTexts[i]!.title, windowTexts[i]!.summary));
      for (const i of [0, PREPARE_CHUNK + 29]) expect(await prepared(i)).toEqual(prepareItem(batchTexts[i]!.title, batchTexts[i]!.summary));
      expect((await labels).byItem.size).toBe(batchTexts.length);
      // A batch of updated items only (nothing to prepare) still gets its labels.
      expect((await thread.batch(ITEMS, []).labels).byItem.size).toBe(ITEMS.length);
    } finally {
      await thread.close();
    }
  });

  it('analyzePending with the thread files new items against a stored window as without it', async () => {
    const ready = await readyClassifier(undefined, DEFAULT_SETTINGS.classify);
    const storiesWith = async (thread: boolean) => {
      const db = pendingDatabase();
      const run = () => analyzePending({ store: sqliteStorage(db).analysis, settings: DEFAULT_SETTINGS, classifier: async () => ready, now: () => NOW, batchSize: 2, thread });
      await run();
      // Retellings of the stored items, from another feed, pending against the stored window.
      ensureFeed(db, { id: 'g', name: 'G', url: 'https://g.example/feed', kind: 'news', weight: 1 }, NOW.toISOString());
      storeItems(db, ITEMS.map((it, i): Item => ({
        id: `r-${i}`, feedId: 'g', guid: `r${i}`, url: `https://g.example/${i}`, canonicalUrl: `https://g.example/${i}`, urlHash: `r${i}`,
        title: it.title, summary: it.summary, author: null, categories: [],
        publishedAt: new Date(NOW.getTime() + i * 60_000).toISOString(), fetchedAt: NOW.toISOString(), contentHash: `r${i}`,
      })), NOW.toISOString());
      await run();
      return ITEMS.map((it, i) => [storyIdOfItem(db, it.id), storyIdOfItem(db, `r-${i}`)]);
    };
    const threaded = await storiesWith(true);
    expect(threaded.some(([a, b]) => a === b)).toBe(true);
    expect(threaded).toEqual(await storiesWith(false));
  });

  it('analyzePending stores the same labels and stories with and without the thread', async () => {
    const ready = await readyClassifier(undefined, DEFAULT_SETTINGS.classify);
    const labelsWith = async (thread: boolean) => {
      const db = pendingDatabase();
      const warnings: string[] = [];
      await analyzePending({ store: sqliteStorage(db).analysis, settings: DEFAULT_SETTINGS, classifier: async () => ready, now: () => NOW, batchSize: 2, thread, onWarning: (m) => warnings.push(m) });
      expect(warnings).toEqual([]);
      return ITEMS.map((it) => ({ label: getItemClassification(db, it.id), story: storyIdOfItem(db, it.id) }));
    };
    const threaded = await labelsWith(true);
    expect(threaded.every(({ label, story }) => label !== undefined && story !== undefined)).toBe(true);
    expect(threaded).toEqual(await labelsWith(false));
  });

  // The thread is started for a large stored window only on a machine with a second core.
  it.skipIf(availableParallelism() < 2)('starts the thread for a large stored window when the batch alone is small, with the same stories', async () => {
    const ready = await readyClassifier(undefined, DEFAULT_SETTINGS.classify);
    const broken: ReadyClassifier = { ...ready, source: { model: { serialize: () => ({ format: 'not-a-model' }) } as unknown as Model, settings: DEFAULT_SETTINGS.classify } };
    const storiesWith = async (classifier: ReadyClassifier, thread: boolean | undefined) => {
      const db = pendingDatabase();
      await analyzePending({ store: sqliteStorage(db).analysis, settings: DEFAULT_SETTINGS, classifier: async () => classifier, now: () => NOW, thread: false });
      ensureFeed(db, { id: 'g', name: 'G', url: 'https://g.example/feed', kind: 'news', weight: 1 }, NOW.toISOString());
      storeItems(db, [{
        id: 'r-0', feedId: 'g', guid: 'r0', url: 'https://g.example/0', canonicalUrl: 'https://g.example/0', urlHash: 'r0',
        title: ITEMS[0]!.title, summary: ITEMS[0]!.summary, author: null, categories: [],
        publishedAt: NOW.toISOString(), fetchedAt: NOW.toISOString(), contentHash: 'r0',
      }], NOW.toISOString());
      const warnings: string[] = [];
      // One pending item, a stored window of five: worth the thread at windowForThread 3.
      await analyzePending({ store: sqliteStorage(db).analysis, settings: DEFAULT_SETTINGS, classifier: async () => classifier, now: () => NOW, windowForThread: 3, onWarning: (m) => warnings.push(m), ...(thread === undefined ? {} : { thread }) });
      return { warnings, stories: [...ITEMS.map((it) => storyIdOfItem(db, it.id)), storyIdOfItem(db, 'r-0')], label: getItemClassification(db, 'r-0') };
    };
    const without = await storiesWith(ready, false);
    expect(without.stories.at(-1)).toBe(without.stories[0]);
    // The start is attempted for the window: a model the thread cannot load says so.
    const failed = await storiesWith(broken, undefined);
    expect(failed.warnings).toEqual([expect.stringMatching(/^analysing on the main thread: the analysis thread did not start/)]);
    expect(failed.stories).toEqual(without.stories);
    const started = await storiesWith(ready, undefined);
    expect(started.warnings).toEqual([]);
    expect(started.stories).toEqual(without.stories);
    expect(started.label).toEqual(without.label);
  });

  it('a thread that cannot start leaves classification to the main thread, with a warning', async () => {
    const ready = await readyClassifier(undefined, DEFAULT_SETTINGS.classify);
    const broken: ReadyClassifier = { ...ready, source: { model: { serialize: () => ({ format: 'not-a-model' }) } as unknown as Model, settings: DEFAULT_SETTINGS.classify } };
    const db = pendingDatabase();
    const warnings: string[] = [];
    const summary = await analyzePending({ store: sqliteStorage(db).analysis, settings: DEFAULT_SETTINGS, classifier: async () => broken, now: () => NOW, batchSize: 2, thread: true, onWarning: (m) => warnings.push(m) });
    expect(summary).toMatchObject({ items: 5, pending: 0 });
    expect(warnings).toEqual([expect.stringMatching(/^analysing on the main thread: the analysis thread did not start \(not a secdigest classifier model\)/)]);
    expect(getItemClassification(db, 'id-0')).toMatchObject({ topic: 'ransomware' });
  });
});
