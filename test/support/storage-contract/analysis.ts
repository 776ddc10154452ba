/** The storage contract: analysis, classification and drafts (run by ./index.ts against every implementation). */
import { describe, expect, it } from 'vitest';
import type { Item } from '../../../src/model/index.js';
import type { Storage } from '../../../src/storage/index.js';
import { buildDraft } from '../../../src/newsletter/index.js';
import { byFirstWord, feed, item, keysOf, LABELS, NOW, run, type ContractContext } from './data.js';

export function analysisContract(ctx: ContractContext): void {
  describe('analysis', () => {
    async function stored(items: Item[]) {
      await ctx.storage.feeds.sync([feed('a'), feed('b', 3)], NOW);
      const writer = ctx.storage.feedRuns.writer({ maxFeeds: 10, maxDelayMs: 60_000 });
      for (const feedId of ['a', 'b']) await writer.record(run(feedId, items.filter((i) => i.feedId === feedId)));
      await writer.flush();
    }

    it('pages pending items earliest published first, ties in the order stored, with their feed', async () => {
      await stored([item('b', '1', 'Later', '2026-11-23T11:00:00.000Z'), item('a', '1', 'Zulu first'), item('b', '2', 'Alpha first')]);
      const page = await ctx.storage.analysis.pending(10);
      expect(page.map((p) => p.item.id)).toEqual(['a:1', 'b:2', 'b:1']);
      expect(page[1]).toMatchObject({ feedKind: 'news', feedWeight: 3, storyId: null });
      expect(page[0]!.item).toEqual(item('a', '1', 'Zulu first'));
      expect((await ctx.storage.analysis.pending(1)).map((p) => p.item.id)).toEqual(['a:1']);
    });

    it('writes a batch whole: stories and analysed state; updated items keep their story', async () => {
      await stored([item('a', '1', 'Ransom hits a port'), item('b', '1', 'Ransom halts a port'), item('a', '2', 'Quorvex raises money')]);
      const batch = await ctx.storage.analysis.pending(10);
      const filed = await ctx.storage.analysis.writeBatch({ items: batch, labels: new Map([['a:1', LABELS]]), modelId: null }, byFirstWord, keysOf);
      // Stored in feed order (a's items, then b's), all published at once: a:1, a:2, b:1.
      expect(filed.map((f) => [f.itemId, f.match])).toEqual([['a:1', 'new'], ['a:2', 'new'], ['b:1', 'near']]);
      expect(filed[2]!.storyId).toBe(filed[0]!.storyId);
      expect(await ctx.storage.analysis.countPending()).toBe(0);

      // The same entry changed: pending again, with its story; a new batch keeps that story.
      const writer = ctx.storage.feedRuns.writer({ maxFeeds: 10, maxDelayMs: 60_000 });
      await writer.record(run('a', [{ ...item('a', '1', 'Ransom hits a port (update)'), contentHash: 'c:2' }]));
      await writer.flush();
      const again = await ctx.storage.analysis.pending(10);
      expect(again.map((p) => [p.item.id, p.storyId])).toEqual([['a:1', filed[0]!.storyId]]);
      expect(await ctx.storage.analysis.writeBatch({ items: again, labels: new Map(), modelId: null }, byFirstWord, keysOf)).toEqual([]);
      expect(await ctx.storage.analysis.countPending()).toBe(0);
    });

    it('leaves a batch pending when filing fails: nothing of it is written', async () => {
      await stored([item('a', '1', 'Ransom hits a port')]);
      const batch = await ctx.storage.analysis.pending(10);
      const failing = () => {
        throw new Error('bug while filing');
      };
      await expect(ctx.storage.analysis.writeBatch({ items: batch, labels: new Map([['a:1', LABELS]]), modelId: null }, failing, keysOf)).rejects.toThrow('bug while filing');
      expect((await ctx.storage.analysis.pending(10)).map((p) => p.item.id)).toEqual(['a:1']);
    });

    it('ingests items from outside a feed run: creates their feed, stores and files them at once; a repeat keeps its story', async () => {
      const input = (items: Item[]) => ({ feeds: [{ id: 'analyze:x', name: 'x', url: 'analyze:x', kind: 'news' as const, weight: 2 }], items, labels: new Map([['analyze:x:1', LABELS]]), modelId: null, now: NOW });
      const first = await ctx.storage.analysis.ingest(input([item('analyze:x', '1', 'Ransom hits a port'), item('analyze:x', '2', 'Ransom halts a port')]), byFirstWord, keysOf);
      expect(first.filed.map((f) => f.match)).toEqual(['new', 'near']);
      expect(first.storyOf.get('analyze:x:1')).toBe(first.storyOf.get('analyze:x:2'));
      expect(await ctx.storage.feeds.state('analyze:x')).toBeDefined();
      expect(await ctx.storage.analysis.countPending()).toBe(0);
      expect(await ctx.storage.classification.labels('analyze:x:1')).toMatchObject({ topic: 'ransomware' });
      const again = await ctx.storage.analysis.ingest(input([item('analyze:x', '1', 'Ransom hits a port')]), byFirstWord, keysOf);
      expect(again.filed).toEqual([]);
      expect(again.storyOf.get('analyze:x:1')).toBe(first.storyOf.get('analyze:x:1'));
    });

    it('reads editors\' corrections of items (none stored here)', async () => {
      await stored([item('a', '1', 'Ransom hits a port')]);
      expect(await ctx.storage.analysis.correctedLabels(['a:1'])).toEqual(new Map());
    });

    it('prepares story keys: records the signature, rebuilds on a new one, prunes old keys', async () => {
      await stored([item('a', '1', 'Ransom hits a port')]);
      const batch = await ctx.storage.analysis.pending(10);
      await ctx.storage.analysis.writeBatch({ items: batch, labels: new Map(), modelId: null }, byFirstWord, keysOf);
      const first = await ctx.storage.analysis.prepareStoryKeys('sig-1', '2026-11-01T00:00:00.000Z', keysOf);
      expect(first.rebuiltItems).toBe(1);
      expect((await ctx.storage.analysis.prepareStoryKeys('sig-1', '2026-11-01T00:00:00.000Z', keysOf)).rebuiltItems).toBe(0);
      expect((await ctx.storage.analysis.prepareStoryKeys('sig-1', '2026-12-01T00:00:00.000Z', keysOf)).pruned).toBeGreaterThan(0);
    });
  });

  describe('classification', () => {
    it('keeps the newest trained models and returns the newest', async () => {
      expect(await ctx.storage.classification.latestModel()).toBeUndefined();
      const ids: number[] = [];
      for (const n of [1, 2, 3, 4]) ids.push(await ctx.storage.classification.saveModel({ createdAt: NOW, examples: n, corrections: 0, model: { n } }));
      expect(await ctx.storage.classification.latestModel()).toEqual({ id: ids[3], createdAt: NOW, examples: 4, corrections: 0, model: { n: 4 } });
    });

    it('pages analysed unlabelled items to classify and writes their labels in one call', async () => {
      await ctx.storage.feeds.sync([feed('a')], NOW);
      const writer = ctx.storage.feedRuns.writer({ maxFeeds: 1, maxDelayMs: 60_000 });
      await writer.record(run('a', [item('a', '1', 'Alpha one'), item('a', '2', 'Beta two')]));
      await writer.flush();
      // Pending items belong to the analysis stage, not to reclassification.
      expect(await ctx.storage.classification.countUnclassified()).toBe(0);
      expect(await ctx.storage.classification.toClassify({ limit: 10 })).toEqual([]);
      await ctx.storage.analysis.writeBatch({ items: await ctx.storage.analysis.pending(10), labels: new Map(), modelId: null }, byFirstWord, keysOf);
      expect(await ctx.storage.classification.countUnclassified()).toBe(2);
      const page = await ctx.storage.classification.toClassify({ limit: 1 });
      expect(page).toEqual([{ id: 'a:1', title: 'Alpha one', summary: 'About Alpha one.', categories: ['Security'], feedKind: 'news' }]);
      expect((await ctx.storage.classification.toClassify({ limit: 10, afterId: 'a:1' })).map((i) => i.id)).toEqual(['a:2']);
      await ctx.storage.classification.writeLabels(new Map([['a:1', LABELS], ['a:2', LABELS]]), 7);
      expect(await ctx.storage.classification.countUnclassified()).toBe(0);
      expect(await ctx.storage.classification.labels('a:1')).toMatchObject({ topic: 'ransomware', relevant: true, modelId: 7 });
      expect(await ctx.storage.classification.labels('nope')).toBeUndefined();
      expect(await ctx.storage.classification.corrections()).toEqual([]);
    });
  });

  describe('drafts', () => {
    it('drafts the next issue from the window\'s classified stories in one transaction, then never reuses its stories', async () => {
      await ctx.storage.feeds.sync([feed('a'), feed('b')], NOW);
      const writer = ctx.storage.feedRuns.writer({ maxFeeds: 10, maxDelayMs: 60_000 });
      await writer.record(run('a', [item('a', '1', 'Ransom hits a port'), item('a', '2', 'Quorvex raises money')]));
      await writer.record(run('b', [item('b', '1', 'Ransom halts a port')]));
      await writer.flush();
      const pending = await ctx.storage.analysis.pending(10);
      const labels = new Map(pending.map((p) => [p.item.id, LABELS]));
      await ctx.storage.analysis.writeBatch({ items: pending, labels, modelId: null }, byFirstWord, keysOf);
      expect(await ctx.storage.drafts.load()).toBeUndefined();
      expect(await ctx.storage.drafts.list()).toEqual([]);

      const window = { since: '2026-11-23T00:00:00.000Z', until: '2026-11-24T00:00:00.000Z' };
      const plan = (basis: Parameters<Parameters<Storage['drafts']['createNext']>[0]>[0]) => {
        const { candidates, unclassified } = basis.candidates(window);
        const built = buildDraft(candidates, { number: basis.nextNumber, date: '2026-11-23', window, createdAt: NOW, excludeStoryIds: basis.usedStoryIds });
        const empty = built.draft.sections.every((s) => s.entries.length === 0);
        return { draft: empty ? null : built.draft, result: { stories: candidates.length, unclassified, lastUntil: basis.lastUntil } };
      };
      const first = await ctx.storage.drafts.createNext(plan);
      expect(first.result).toEqual({ stories: 2, unclassified: 0, lastUntil: undefined });
      expect(first.stored).toMatchObject({ number: 1, date: '2026-11-23' });
      const entries = first.stored!.sections.flatMap((s) => s.entries);
      expect(entries).toHaveLength(2);
      expect(entries.find((e) => e.title === 'Ransom hits a port')?.alsoCoveredBy.map((l) => l.source)).toEqual(['Feed b']);
      expect((await ctx.storage.drafts.load(1))?.number).toBe(1);
      expect((await ctx.storage.drafts.list()).map((d) => d.number)).toEqual([1]);

      // The same window again: every story is used, so nothing is stored and no number is taken.
      const second = await ctx.storage.drafts.createNext(plan);
      expect(second.stored).toBeNull();
      expect(second.result.lastUntil).toBe(window.until);
      expect((await ctx.storage.drafts.list()).map((d) => d.number)).toEqual([1]);
    });
  });
}
