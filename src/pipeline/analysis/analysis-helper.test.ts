import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../config/defaults.js';
import { prepareItem } from '../dedupe/index.js';
import { startAnalysisHelper, threadPlan, WINDOW_FOR_THREAD } from './analysis-helper.js';
import type { AnalysisThread } from './analysis-thread.js';
import { classifyItems, readyClassifier, type ClassifiableItem } from './classifier.js';

const ITEMS: ClassifiableItem[] = [
  { id: 'a', title: 'Ransomware halts Brennick Freight depots in Ohio', summary: 'The Kraxen gang claimed the attack.', feedKind: 'news' },
  { id: 'b', title: 'Patch fixes Helmsgate VPN gateway authentication bypass', summary: 'CVE-2026-11111 is exploited.', feedKind: 'news' },
];

describe('threadPlan', () => {
  it('follows what was asked, and otherwise the pass size and the machine', () => {
    expect(threadPlan(10_000, 2_000, { thread: false })).toEqual({ now: false, forWindow: Infinity });
    expect(threadPlan(1, 2_000, { thread: true })).toEqual({ now: true, forWindow: Infinity });
    const secondCore = availableParallelism() > 1;
    expect(threadPlan(10_000, 2_000)).toEqual({ now: secondCore, forWindow: secondCore ? WINDOW_FOR_THREAD : Infinity });
    expect(threadPlan(1_000, 2_000, { windowForThread: 7 })).toEqual({ now: false, forWindow: secondCore ? 7 : Infinity });
  });
});

describe('the analysis helper', () => {
  it('finishes on the main thread when the thread fails mid-pass, with one warning', async () => {
    const ready = await readyClassifier(undefined, DEFAULT_SETTINGS.classify);
    const died = new Error('worker died');
    let closed = 0;
    const failing: AnalysisThread = {
      batch: () => ({ labels: Promise.reject(died), prepared: () => Promise.reject(died) }),
      prepareTexts: () => () => Promise.reject(died),
      close: async () => void closed++,
    };
    const warnings: string[] = [];
    const helper = await startAnalysisHelper(ready, { now: true, forWindow: Infinity }, (m) => warnings.push(m), async () => failing);
    const first = helper.batch(ITEMS, ITEMS);
    expect(await first.prepared!(1)).toEqual(prepareItem(ITEMS[1]!.title, ITEMS[1]!.summary));
    expect((await first.labels).byItem).toEqual(classifyItems(ready, new Map(), ITEMS).byItem);
    expect(warnings).toEqual(['analysing on the main thread: the analysis thread failed (worker died)']);
    expect(closed).toBe(1);
    // The rest of the pass runs here: nothing is prepared elsewhere any more.
    const next = helper.batch(ITEMS, ITEMS);
    expect(next.prepared).toBeUndefined();
    expect((await next.labels).byItem.size).toBe(ITEMS.length);
    expect(helper.prepareTexts(ITEMS)).toBeUndefined();
    expect(warnings).toHaveLength(1);
  });
});
