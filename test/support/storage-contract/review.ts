/** The storage contract: the review page's edits and corrections (run by ./index.ts against every implementation). */
import { describe, expect, it } from 'vitest';
import type { CorrectionField } from '../../../src/model/index.js';
import { CorrectionError, StorageError } from '../../../src/model/index.js';
import { buildDraft } from '../../../src/newsletter/index.js';
import type { LabelCorrection } from '../../../src/storage/index.js';
import { feed, item, NOW, run, storeLabelledStories, type ContractContext } from './data.js';

export function reviewContract(ctx: ContractContext): void {
  describe('review', () => {
    const WINDOW = { since: '2026-11-23T00:00:00.000Z', until: '2026-11-24T00:00:00.000Z' };
    const TITLES = ['Alpha one', 'Bravo two', 'Charlie three'];
    const correction = (field: CorrectionField, value: string): LabelCorrection => ({ field, value, createdAt: NOW });

    /**
     * Draft #1 of three one-item stories, through the ports only (labelled ransomware news
     * without victims, so all three are in Latest News). `ids`: their story ids in display
     * order; `itemOf`: the representative item of each.
     */
    async function storedDraft() {
      await storeLabelledStories(ctx.storage, TITLES);
      const { stored } = await ctx.storage.drafts.createNext((basis) => ({
        draft: buildDraft(basis.candidates(WINDOW).candidates, { number: basis.nextNumber, date: '2026-11-23', window: WINDOW, createdAt: NOW }).draft,
        result: null,
      }));
      const draft = stored!;
      const entries = draft.sections.find((s) => s.id === 'latest-news')!.entries;
      expect(entries).toHaveLength(3);
      const ids = entries.map((e) => e.storyId);
      const itemOf = new Map(entries.map((e) => [e.storyId, `a:${TITLES.indexOf(e.title) + 1}`]));
      const ref = (storyId: string) => ({ draftId: draft.id, storyId });
      const order = async (sectionId: string) => (await ctx.storage.drafts.load(1))!.sections.find((s) => s.id === sectionId)!.entries.map((e) => e.storyId);
      const entry = async (storyId: string) => (await ctx.storage.drafts.load(1))!.sections.flatMap((s) => s.entries).find((e) => e.storyId === storyId)!;
      return { draft, ids, itemOf, ref, order, entry };
    }

    it('finds a draft by number without reading its entries; none for a number never drafted', async () => {
      const { draft } = await storedDraft();
      expect(await ctx.storage.drafts.find(1)).toEqual({ id: draft.id, number: 1 });
      expect(await ctx.storage.drafts.find(2)).toBeUndefined();
    });

    it('writes plain edits at once, visible on reload; a missing entry is false and changes nothing', async () => {
      const { ids, ref, entry } = await storedDraft();
      const [x] = ids as [string];
      expect(await ctx.storage.review.entry(ref(x))).toEqual({ sectionId: 'latest-news', position: 0, topic: 'ransomware', title: (await entry(x)).title });
      expect(await ctx.storage.review.setIncluded(ref(x), false)).toBe(true);
      expect(await ctx.storage.review.setTitle(ref(x), 'Retitled')).toBe(true);
      expect(await ctx.storage.review.setBlurb(ref(x), 'One line.')).toBe(true);
      expect(await entry(x)).toMatchObject({ included: false, title: 'Retitled', blurb: 'One line.' });
      await ctx.storage.review.setIncluded(ref(x), true);
      await ctx.storage.review.setBlurb(ref(x), null);
      expect(await entry(x)).toMatchObject({ included: true, blurb: null });

      const before = await ctx.storage.drafts.load(1);
      const missing = ref('nope');
      expect(await ctx.storage.review.entry(missing)).toBeUndefined();
      expect(await ctx.storage.review.setIncluded(missing, false)).toBe(false);
      expect(await ctx.storage.review.setTitle(missing, 'T')).toBe(false);
      expect(await ctx.storage.review.setBlurb(missing, 'B')).toBe(false);
      expect(await ctx.storage.review.move(missing, -1)).toBe(false);
      expect(await ctx.storage.review.changeTopic(missing, 'malware', correction('topic', 'malware'))).toBe(false);
      expect(await ctx.storage.review.moveToSection(missing, 'press-releases', correction('section', 'press-release'))).toBe(false);
      expect(await ctx.storage.review.setTitle({ draftId: before!.id + 1, storyId: x }, 'Other draft')).toBe(false);
      expect(await ctx.storage.drafts.load(1)).toEqual(before);
      expect(await ctx.storage.classification.corrections()).toEqual([]);
    });

    it('moves an entry within its section past excluded ones, keeping positions dense; the ends are no-ops', async () => {
      const { ids, ref, order } = await storedDraft();
      const [x, y, z] = ids as [string, string, string];
      await ctx.storage.review.setIncluded(ref(y), false);
      expect(await ctx.storage.review.move(ref(z), -1)).toBe(true);
      expect(await order('latest-news')).toEqual([x, z, y]);
      expect(await ctx.storage.review.move(ref(x), -1)).toBe(true);
      expect(await ctx.storage.review.move(ref(y), 1)).toBe(true);
      expect(await order('latest-news')).toEqual([x, z, y]);
      expect(await ctx.storage.review.move(ref(x), 1)).toBe(true);
      expect(await order('latest-news')).toEqual([z, x, y]);
      expect((await ctx.storage.review.entry(ref(y)))?.position).toBe(2);
    });

    it('moves an entry to the end of another section, and knows the draft\'s sections', async () => {
      const { draft, ids, ref, order } = await storedDraft();
      const [x, y, z] = ids as [string, string, string];
      expect(draft.sections.map((s) => s.id)).toContain('press-releases');
      expect(await ctx.storage.review.moveToSection(ref(y), 'press-releases')).toBe(true);
      expect(await ctx.storage.review.moveToSection(ref(x), 'press-releases')).toBe(true);
      expect(await order('latest-news')).toEqual([z]);
      expect(await order('press-releases')).toEqual([y, x]);
      expect(await ctx.storage.review.entry(ref(z))).toMatchObject({ sectionId: 'latest-news', position: 0 });
      expect(await ctx.storage.review.entry(ref(x))).toMatchObject({ sectionId: 'press-releases', position: 1 });
      // A move without a correction leaves the labels alone.
      expect(await ctx.storage.classification.corrections()).toEqual([]);
      expect(await ctx.storage.review.firstSectionId(draft.id)).toBe(draft.sections[0]!.id);
      expect(await ctx.storage.review.firstSectionId(draft.id + 1)).toBeUndefined();
      expect(await ctx.storage.review.hasSection(draft.id, 'press-releases')).toBe(true);
      expect(await ctx.storage.review.hasSection(draft.id, 'nowhere')).toBe(false);
    });

    it('changes a topic or a section with its correction in one call: the entry, the item\'s label and the corrections', async () => {
      const { ids, itemOf, ref, entry, order } = await storedDraft();
      const [x, y, z] = ids as [string, string, string];
      expect(await ctx.storage.review.changeTopic(ref(x), 'malware', correction('topic', 'malware'))).toBe(true);
      expect((await entry(x)).topic).toBe('malware');
      expect(await ctx.storage.classification.labels(itemOf.get(x)!)).toMatchObject({ topic: 'malware', section: 'news' });
      const title = TITLES[Number(itemOf.get(x)!.slice(2)) - 1]!;
      expect(await ctx.storage.classification.corrections()).toEqual([
        { id: expect.any(Number), itemId: itemOf.get(x), field: 'topic', value: 'malware', title, summary: `About ${title}.`, createdAt: NOW },
      ]);

      expect(await ctx.storage.review.moveToSection(ref(y), 'press-releases', correction('section', 'press-release'))).toBe(true);
      expect(await order('press-releases')).toEqual([y]);
      expect(await ctx.storage.classification.labels(itemOf.get(y)!)).toMatchObject({ section: 'press-release', topic: 'ransomware' });

      // Without a correction, only the entry changes.
      expect(await ctx.storage.review.changeTopic(ref(z), 'phishing')).toBe(true);
      expect((await entry(z)).topic).toBe('phishing');
      expect((await ctx.storage.classification.labels(itemOf.get(z)!))?.topic).toBe('ransomware');
      expect((await ctx.storage.classification.corrections()).map((c) => [c.itemId, c.field, c.value])).toEqual([
        [itemOf.get(x), 'topic', 'malware'],
        [itemOf.get(y), 'section', 'press-release'],
      ]);
    });

    it('is atomic: a correction the store refuses leaves the topic change or the move undone', async () => {
      const { ids, itemOf, ref, entry, order } = await storedDraft();
      const [x, y] = ids as [string, string];
      // A field outside the closed set: the store's check refuses the correction after the edit was written.
      const refused = correction('colour' as CorrectionField, 'blue');
      await expect(ctx.storage.review.changeTopic(ref(x), 'malware', refused)).rejects.toBeInstanceOf(StorageError);
      await expect(ctx.storage.review.moveToSection(ref(y), 'press-releases', refused)).rejects.toBeInstanceOf(StorageError);
      expect((await entry(x)).topic).toBe('ransomware');
      expect(await order('latest-news')).toEqual(ids);
      expect(await order('press-releases')).toEqual([]);
      expect((await ctx.storage.classification.labels(itemOf.get(x)!))?.topic).toBe('ransomware');
      expect(await ctx.storage.classification.corrections()).toEqual([]);
    });

    it('adds an entry by hand at the end of a section, once; it has no item to correct and no evidence', async () => {
      const { draft, ids, ref, order, entry } = await storedDraft();
      const manual = { ...draft.sections[0]!.entries[0]!, storyId: 'manual-0123456789ab', title: 'Added by hand', url: 'https://elsewhere.example/a', sourceId: 'manual' };
      expect(await ctx.storage.review.addEntry(draft.id, 'latest-news', manual)).toBe(true);
      expect(await order('latest-news')).toEqual([...ids, manual.storyId]);
      expect(await entry(manual.storyId)).toEqual(manual);
      expect(await ctx.storage.review.addEntry(draft.id, 'press-releases', { ...manual, title: 'Again' })).toBe(false);
      expect(await order('press-releases')).toEqual([]);
      expect(await ctx.storage.review.changeTopic(ref(manual.storyId), 'malware', correction('topic', 'malware'))).toBe(true);
      expect((await entry(manual.storyId)).topic).toBe('malware');
      expect(await ctx.storage.classification.corrections()).toEqual([]);

      const evidence = await ctx.storage.review.evidence([...ids, manual.storyId, '999999']);
      expect([...evidence.keys()].sort()).toEqual([...ids].sort());
      expect(evidence.get(ids[0]!)).toMatchObject({ topic: 'ransomware', relevant: true, section: 'news', evidence: { topic: ['test'] } });
      expect(await ctx.storage.review.evidence([])).toEqual(new Map());
    });

    it('records an editor\'s correction of an item and relabels it; an unknown item is a CorrectionError, storing nothing', async () => {
      await storedDraft();
      const stored = await ctx.storage.classification.recordCorrection('a:1', correction('relevant', 'false'));
      expect(stored).toEqual({ id: expect.any(Number), itemId: 'a:1', field: 'relevant', value: 'false', title: 'Alpha one', summary: 'About Alpha one.', createdAt: NOW });
      expect((await ctx.storage.classification.labels('a:1'))?.relevant).toBe(false);
      await ctx.storage.classification.recordCorrection('a:1', correction('topic', 'malware'));
      expect((await ctx.storage.classification.corrections({ itemId: 'a:1' })).map((c) => c.value)).toEqual(['false', 'malware']);
      expect(await ctx.storage.analysis.correctedLabels(['a:1'])).toEqual(new Map([['a:1', { relevant: false, topic: 'malware' }]]));
      const failure = await ctx.storage.classification.recordCorrection('nope', correction('topic', 'malware')).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(CorrectionError);
      expect(failure).toMatchObject({ code: 'unknown-item' });
      expect(await ctx.storage.classification.corrections()).toHaveLength(2);
    });

    it('reports each feed\'s failed fetches and items per publication day over the window, zeros filled in', async () => {
      await ctx.storage.feeds.sync([feed('a'), feed('b')], NOW);
      const writer = ctx.storage.feedRuns.writer({ maxFeeds: 10, maxDelayMs: 60_000 });
      await writer.record(run('a', [
        item('a', '1', 'Today one'),
        item('a', '2', 'Today two', '2026-11-23T01:00:00.000Z'),
        item('a', '3', 'Yesterday', '2026-11-22T23:59:59.000Z'),
        item('a', '4', 'Long ago', '2026-11-01T10:00:00.000Z'),
      ]));
      const failed = { outcome: 'failed', httpStatus: 500, error: { code: 'http-status', message: 'HTTP 500' } };
      await writer.record(run('b', [], { ...failed, startedAt: '2026-11-01T00:00:00.000Z' })); // before the window
      await writer.record(run('b', [], failed));
      await writer.flush();
      const activity = await ctx.storage.feeds.activity({ until: new Date(NOW), days: 3 });
      expect(activity.map((f) => [f.id, f.recentErrors, f.itemsPerDay])).toEqual([
        ['a', 0, [0, 1, 2]],
        ['b', 1, [0, 0, 0]],
      ]);
      expect(activity[1]).toMatchObject({ consecutiveErrors: 2, lastErrorCode: 'http-status' });
    });
  });
}
