/** The storage contract: analysis, classification and drafts (run by ./index.ts against every implementation). */
import { describe, expect, it } from 'vitest';
import type { Item } from '../../../src/model/index.js';
import type { Storage } from '../../../src/storage/index.js';
import { buildDraft } from '../../../src/newsletter/index.js';
import { byFirstWord, feed, item, LABELS, NOW, run, type ContractContext } from './data.js';

export function analysisContract(ctx: ContractContext): void {
  describe('analysis', () => {
    async function stored(items: Item[]) {
      await ctx.storage.feeds.sync([feed('a'), feed('b', 3)], NOW);
      const writer = ctx.storage.feedRuns.writer({ maxFeeds: 10, maxDelayMs: 60_000 });
      for (const feedId of ['a', 'b']) await writer.record(run(feedId, items.filter((i) => i.feedId === feedId)));
      await writer.flush();
    }

    it('pages pending items earliest published first, ties by item id, with their feed', async () => {
      await stored([item('b', '1', 'Later', '2026-11-23T11:00:00.000Z'), item('a', '1', 'Zulu first'), item('b', '2', 'Alpha first')]);
      const page = await ctx.storage.analysis.pending(10);
      expect(page.map((p) => p.item.id)).toEqual(['a:1', 'b:2', 'b:1']);
      expect(page[1]).toMatchObject({ feedKind: 'news', feedWeight: 3, storyId: null });
      expect(page[0]!.item).toEqual(item('a', '1', 'Zulu first'));
      expect((await ctx.storage.analysis.pending(1)).map((p) => p.item.id)).toEqual(['a:1']);
    });

    it('keeps where an item\'s date came from: an undated one stays told apart from one published now', async () => {
      const undated = { ...item('a', '1', 'Ransom hits a port'), dateSource: 'unparseable' as const };
      await stored([undated, { ...item('a', '2', 'Quorvex raises money'), dateSource: 'published' as const }]);
      const page = await ctx.storage.analysis.pending(10);
      expect(page.map((p) => [p.item.id, p.item.dateSource])).toEqual([['a:1', 'unparseable'], ['a:2', 'published']]);
      // The draft tells them apart too: the candidate and the stored entry say "undated".
      await ctx.storage.analysis.writeBatch({ items: page, labels: new Map([['a:1', LABELS], ['a:2', LABELS]]), modelId: null, filings: byFirstWord(page) });
      const window = { since: '2026-11-23T00:00:00.000Z', until: '2026-11-24T00:00:00.000Z' };
      const drafted = await ctx.storage.drafts.createNext((basis) => {
        const { candidates } = basis.candidates(window);
        return { draft: buildDraft(candidates, { number: basis.nextNumber, date: '2026-11-23', window, createdAt: NOW }).draft, result: candidates };
      });
      expect(drafted.result.map((c) => [c.title, c.undated ?? false])).toEqual([['Ransom hits a port', true], ['Quorvex raises money', false]]);
      const entries = drafted.stored!.sections.flatMap((s) => s.entries);
      expect(entries.find((e) => e.title === 'Ransom hits a port')?.undated).toBe(true);
      expect(entries.find((e) => e.title === 'Quorvex raises money')).not.toHaveProperty('undated');
    });

    it('writes a batch whole: new stories under stored ids, members joined, analysed state; updated items keep their story', async () => {
      await stored([item('a', '1', 'Ransom hits a port'), item('b', '1', 'Ransom halts a port'), item('a', '2', 'Quorvex raises money')]);
      const batch = await ctx.storage.analysis.pending(10);
      const filings = byFirstWord(batch);
      const ids = await ctx.storage.analysis.writeBatch({ items: batch, labels: new Map([['a:1', LABELS]]), modelId: null, filings });
      expect([...ids.keys()].sort((x, y) => x - y)).toEqual([-2, -1]);
      const ransom = ids.get(-1)!;
      const stories = await ctx.storage.analysis.storyOf(['a:1', 'b:1', 'a:2', 'nope']);
      expect(stories.get('a:1')).toEqual({ storyId: ransom, threadId: ransom, evidence: null });
      expect(stories.get('b:1')).toMatchObject({ storyId: ransom });
      expect(stories.get('a:2')).toEqual({ storyId: ids.get(-2), threadId: ids.get(-2), evidence: null });
      expect(stories.has('nope')).toBe(false);
      expect(await ctx.storage.analysis.countPending()).toBe(0);
      expect(await ctx.storage.classification.labels('a:1')).toMatchObject({ topic: 'ransomware' });

      // The same entry changed: pending again, with its story; a batch without filings keeps that story.
      const writer = ctx.storage.feedRuns.writer({ maxFeeds: 10, maxDelayMs: 60_000 });
      await writer.record(run('a', [{ ...item('a', '1', 'Ransom hits a port (update)'), contentHash: 'c:2' }]));
      await writer.flush();
      const again = await ctx.storage.analysis.pending(10);
      expect(again.map((p) => [p.item.id, p.storyId])).toEqual([['a:1', ransom]]);
      expect(await ctx.storage.analysis.writeBatch({ items: again, labels: new Map(), modelId: null, filings: byFirstWord(again) })).toEqual(new Map());
      expect(await ctx.storage.analysis.countPending()).toBe(0);
      expect((await ctx.storage.analysis.storyOf(['a:1'])).get('a:1')?.storyId).toBe(ransom);
    });

    it('links new stories into threads: a stored one, or one opened earlier in the batch; stores evidence', async () => {
      await stored([item('a', '1', 'Ransom hits a port')]);
      const first = await ctx.storage.analysis.pending(10);
      const port = (await ctx.storage.analysis.writeBatch({ items: first, labels: new Map(), modelId: null, filings: byFirstWord(first) })).get(-1)!;
      await stored([item('a', '2', 'Gang claims the port attack', '2026-11-27T10:00:00.000Z'), item('b', '2', 'Port sued over the attack', '2026-11-28T10:00:00.000Z'), item('b', '3', 'Port appeals the ruling', '2026-11-29T10:00:00.000Z')]);
      const batch = await ctx.storage.analysis.pending(10);
      const evidence = JSON.stringify({ rule: 'thread', previousStoryId: port });
      const ids = await ctx.storage.analysis.writeBatch({
        items: batch, labels: new Map(), modelId: null,
        filings: [
          { itemId: 'a:2', storyId: -1, threadId: port, copyKey: null, evidence },
          { itemId: 'b:2', storyId: -2, threadId: -2, copyKey: null, evidence: null },
          { itemId: 'b:3', storyId: -3, threadId: -2, copyKey: null, evidence: null },
        ],
      });
      const stories = await ctx.storage.analysis.storyOf(['a:2', 'b:2', 'b:3']);
      expect(stories.get('a:2')).toEqual({ storyId: ids.get(-1), threadId: port, evidence });
      expect(stories.get('b:2')).toEqual({ storyId: ids.get(-2), threadId: ids.get(-2), evidence: null });
      expect(stories.get('b:3')).toEqual({ storyId: ids.get(-3), threadId: ids.get(-2), evidence: null });
      // The review page's "why": the members with stored evidence, by the entries' story ids.
      const joins = await ctx.storage.review.storyJoins([String(ids.get(-1)), String(ids.get(-2)), 'manual-1']);
      expect(joins).toEqual(new Map([[String(ids.get(-1)), [{ itemId: 'a:2', source: 'Feed a', title: 'Gang claims the port attack', evidence }]]]));
    });

    it('leaves a batch pending when a filing is refused: nothing of it is written', async () => {
      await stored([item('a', '1', 'Ransom hits a port'), item('a', '2', 'Quorvex raises money')]);
      const batch = await ctx.storage.analysis.pending(10);
      // The second filing names a thread that is neither stored nor opened in the batch.
      const filings = [...byFirstWord(batch).slice(0, 1), { itemId: 'a:2', storyId: -2, threadId: -9, copyKey: null, evidence: null }];
      await expect(ctx.storage.analysis.writeBatch({ items: batch, labels: new Map([['a:1', LABELS]]), modelId: null, filings })).rejects.toThrow();
      expect((await ctx.storage.analysis.pending(10)).map((p) => p.item.id)).toEqual(['a:1', 'a:2']);
      expect(await ctx.storage.classification.labels('a:1')).toBeUndefined();
      expect(await ctx.storage.analysis.storyOf(['a:1'])).toEqual(new Map());
    });

    it('files only items still pending: a batch another pass analysed meanwhile is not filed twice', async () => {
      await stored([item('a', '1', 'Ransom hits a port')]);
      const batch = await ctx.storage.analysis.pending(10);
      const ids = await ctx.storage.analysis.writeBatch({ items: batch, labels: new Map(), modelId: null, filings: byFirstWord(batch) });
      expect(await ctx.storage.analysis.writeBatch({ items: batch, labels: new Map(), modelId: null, filings: byFirstWord(batch) })).toEqual(new Map());
      expect((await ctx.storage.analysis.storyOf(['a:1'])).get('a:1')?.storyId).toBe(ids.get(-1));
    });

    it('reads the clustering context: members of a window with thread and first report, stories by URL or copy key at any age', async () => {
      await stored([item('a', '1', 'Ransom hits a port', '2026-11-01T10:00:00.000Z'), item('b', '1', 'Ransom halts a port', '2026-11-20T10:00:00.000Z'), item('a', '2', 'Quorvex raises money', '2026-11-21T10:00:00.000Z')]);
      const batch = await ctx.storage.analysis.pending(10);
      const ids = await ctx.storage.analysis.writeBatch({ items: batch, labels: new Map(), modelId: null, filings: byFirstWord(batch) });
      const ransom = ids.get(-1)!;
      const members = await ctx.storage.analysis.storyMembers({ since: '2026-11-15T00:00:00.000Z', until: '2026-11-30T00:00:00.000Z' });
      expect(members.map((m) => m.id)).toEqual(['b:1', 'a:2']);
      expect(members[0]).toEqual({
        id: 'b:1', feedId: 'b', title: 'Ransom halts a port', summary: 'About Ransom halts a port.', publishedAt: '2026-11-20T10:00:00.000Z',
        urlHash: 'h:https://b.example/1', storyId: ransom, threadId: ransom, storyFirstSeen: '2026-11-01T10:00:00.000Z',
      });
      const found = await ctx.storage.analysis.storiesByKey({ urlHashes: ['h:https://a.example/1', 'h:none'], copyKeys: ['copy:Quorvex raises money', 'copy:none'] });
      expect(found.byUrlHash).toEqual(new Map([['h:https://a.example/1', { storyId: ransom, threadId: ransom }]]));
      expect(found.byCopyKey).toEqual(new Map([['copy:Quorvex raises money', { storyId: ids.get(-2), threadId: ids.get(-2) }]]));
      expect(await ctx.storage.analysis.storiesByKey({ urlHashes: [], copyKeys: [] })).toEqual({ byUrlHash: new Map(), byCopyKey: new Map() });
    });

    it('ingests items from outside a feed run: creates their feed and stores them pending; an unchanged repeat stays analysed', async () => {
      const input = (items: Item[]) => ({ feeds: [{ id: 'analyze:x', name: 'x', url: 'analyze:x', kind: 'news' as const, weight: 2 }], items, now: NOW });
      await ctx.storage.analysis.ingest(input([item('analyze:x', '1', 'Ransom hits a port'), item('analyze:x', '2', 'Ransom halts a port')]));
      expect(await ctx.storage.feeds.state('analyze:x')).toBeDefined();
      const pending = await ctx.storage.analysis.pending(10);
      expect(pending.map((p) => [p.item.id, p.feedWeight])).toEqual([['analyze:x:1', 2], ['analyze:x:2', 2]]);
      await ctx.storage.analysis.writeBatch({ items: pending, labels: new Map(), modelId: null, filings: byFirstWord(pending) });
      await ctx.storage.analysis.ingest(input([item('analyze:x', '1', 'Ransom hits a port')]));
      expect(await ctx.storage.analysis.countPending()).toBe(0);
    });

    it('reads editors\' corrections of items (none stored here)', async () => {
      await stored([item('a', '1', 'Ransom hits a port')]);
      expect(await ctx.storage.analysis.correctedLabels(['a:1'])).toEqual(new Map());
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
      const unlabelled = await ctx.storage.analysis.pending(10);
      await ctx.storage.analysis.writeBatch({ items: unlabelled, labels: new Map(), modelId: null, filings: byFirstWord(unlabelled) });
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
    it('tells a story what earlier issues printed of its thread, and stores it with the entry', async () => {
      await ctx.storage.feeds.sync([feed('a'), feed('b')], NOW);
      const writer = ctx.storage.feedRuns.writer({ maxFeeds: 10, maxDelayMs: 60_000 });
      await writer.record(run('a', [item('a', '1', 'Ransom hits a port', '2026-11-20T10:00:00.000Z')]));
      await writer.flush();
      const first = await ctx.storage.analysis.pending(10);
      const ids = await ctx.storage.analysis.writeBatch({ items: first, labels: new Map([['a:1', LABELS]]), modelId: null, filings: byFirstWord(first) });
      const attack = ids.get(-1)!;
      const plan = (window: { since: string; until: string }) => (basis: Parameters<Parameters<Storage['drafts']['createNext']>[0]>[0]) => {
        const { candidates } = basis.candidates(window);
        const { draft } = buildDraft(candidates, { number: basis.nextNumber, date: window.since.slice(0, 10), window, createdAt: NOW, excludeStoryIds: basis.usedStoryIds });
        return { draft, result: candidates };
      };
      const day1 = { since: '2026-11-20T00:00:00.000Z', until: '2026-11-21T00:00:00.000Z' };
      expect((await ctx.storage.drafts.createNext(plan(day1))).result[0]).not.toHaveProperty('previously');
      // Only an issue readers got (a sent one) is something that came before.
      await ctx.storage.drafts.setSent(1, NOW);

      // A later development of the same incident: a story of its own in the first one's thread.
      await writer.record(run('b', [item('b', '1', 'Gang claims the port attack', '2026-11-23T10:00:00.000Z')]));
      await writer.flush();
      const later = await ctx.storage.analysis.pending(10);
      const claim = (await ctx.storage.analysis.writeBatch({
        items: later, labels: new Map([['b:1', LABELS]]), modelId: null,
        filings: [{ itemId: 'b:1', storyId: -1, threadId: attack, copyKey: null, evidence: null }],
      })).get(-1)!;
      const day2 = { since: '2026-11-23T00:00:00.000Z', until: '2026-11-24T00:00:00.000Z' };
      const second = await ctx.storage.drafts.createNext(plan(day2));
      const previously = [{ storyId: String(attack), title: 'Ransom hits a port', draftNumber: 1 }];
      expect(second.result.find((c) => c.storyId === String(claim))?.previously).toEqual(previously);
      const entry = second.stored!.sections.flatMap((s) => s.entries).find((e) => e.storyId === String(claim));
      expect(entry?.previously).toEqual(previously);
      expect((await ctx.storage.drafts.load(2))?.sections.flatMap((s) => s.entries)[0]?.previously).toEqual(previously);
    });

    it('drafts the next issue from the window\'s classified stories in one transaction, then never reuses its stories', async () => {
      await ctx.storage.feeds.sync([feed('a'), feed('b')], NOW);
      const writer = ctx.storage.feedRuns.writer({ maxFeeds: 10, maxDelayMs: 60_000 });
      await writer.record(run('a', [item('a', '1', 'Ransom hits a port'), item('a', '2', 'Quorvex raises money')]));
      await writer.record(run('b', [item('b', '1', 'Ransom halts a port')]));
      await writer.flush();
      const pending = await ctx.storage.analysis.pending(10);
      const labels = new Map(pending.map((p) => [p.item.id, LABELS]));
      await ctx.storage.analysis.writeBatch({ items: pending, labels, modelId: null, filings: byFirstWord(pending) });
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

      // Sent, then the same window again: every story is used, so nothing is stored and no number is taken.
      await ctx.storage.drafts.setSent(1, NOW);
      const second = await ctx.storage.drafts.createNext(plan);
      expect(second.stored).toBeNull();
      expect(second.result.lastUntil).toBe(window.until);
      expect((await ctx.storage.drafts.list()).map((d) => d.number)).toEqual([1]);
    });
  });
}
