/** The storage contract: the review page's edit history, undo / redo / revert, entry details and the week's pool (issue 19). */
import { describe, expect, it } from 'vitest';
import type { CorrectionField } from '../../../src/model/index.js';
import { StorageError } from '../../../src/model/index.js';
import { buildDraft } from '../../../src/newsletter/index.js';
import { NOW, storeLabelledStories, type ContractContext } from './data.js';

export function historyContract(ctx: ContractContext): void {
  describe('review history', () => {
    const WINDOW = { since: '2026-11-23T00:00:00.000Z', until: '2026-11-24T00:00:00.000Z' };
    const TITLES = ['Alpha one', 'Bravo two', 'Charlie three', 'Delta four'];

    /** Draft #1 of the first three one-item stories (all in Latest News); the fourth stays in the window, out of the draft. */
    async function storedDraft() {
      await storeLabelledStories(ctx.storage, TITLES);
      const { stored } = await ctx.storage.drafts.createNext((basis) => {
        const candidates = basis.candidates(WINDOW).candidates.filter((c) => c.title !== 'Delta four');
        return { draft: buildDraft(candidates, { number: basis.nextNumber, date: '2026-11-23', window: WINDOW, createdAt: NOW }).draft, result: null };
      });
      const draft = stored!;
      const ids = draft.sections.find((s) => s.id === 'latest-news')!.entries.map((e) => e.storyId);
      const ref = (storyId: string) => ({ draftId: draft.id, storyId });
      const order = async (sectionId: string) => (await ctx.storage.drafts.load(1))!.sections.find((s) => s.id === sectionId)!.entries.map((e) => e.storyId);
      const entry = async (storyId: string) => (await ctx.storage.drafts.load(1))!.sections.flatMap((s) => s.entries).find((e) => e.storyId === storyId);
      const actions = async () => (await ctx.storage.review.history(draft.id, 50)).events.map((e) => [e.action, e.storyId, e.undone]);
      return { draft, ids, ref, order, entry, actions };
    }

    it('records each edit that changes an entry as an event, newest first, with the entry before and after; a no-op records nothing', async () => {
      const { draft, ids, ref, actions } = await storedDraft();
      const [x, y] = ids as [string, string];
      expect(await ctx.storage.review.history(draft.id, 20)).toEqual({ events: [], canUndo: false, canRedo: false });
      await ctx.storage.review.setIncluded(ref(x), false);
      await ctx.storage.review.setTitle(ref(y), 'Retitled');
      await ctx.storage.review.move(ref(x), -1); // already first: no event
      await ctx.storage.review.setTitle(ref(y), 'Retitled'); // the same title: no event
      await ctx.storage.review.setIncluded(ref('nope'), false);
      expect(await actions()).toEqual([['title', y, false], ['exclude', x, false]]);
      const history = await ctx.storage.review.history(draft.id, 1);
      expect(history).toMatchObject({ canUndo: true, canRedo: false });
      expect(history.events).toHaveLength(1);
      expect(history.events[0]).toMatchObject({ seq: 2, at: expect.any(String), before: { sectionId: 'latest-news', position: 1 }, after: { position: 1 } });
      expect(history.events[0]!.before!.entry.title).toBe('Bravo two');
      expect(history.events[0]!.after!.entry.title).toBe('Retitled');
    });

    it('undoes and redoes in stack order; a new edit after an undo clears what was undone', async () => {
      const { draft, ids, ref, order, entry, actions } = await storedDraft();
      const [x, y, z] = ids as [string, string, string];
      await ctx.storage.review.setIncluded(ref(x), false);
      await ctx.storage.review.move(ref(z), -1);
      await ctx.storage.review.setTitle(ref(y), 'Retitled');
      expect(await order('latest-news')).toEqual([x, z, y]);

      expect(await ctx.storage.review.undo(draft.id)).toEqual({ storyId: y, action: 'title', undone: true });
      expect((await entry(y))!.title).toBe('Bravo two');
      expect(await ctx.storage.review.undo(draft.id)).toEqual({ storyId: z, action: 'up', undone: true });
      expect(await order('latest-news')).toEqual([x, y, z]);
      expect(await ctx.storage.review.undo(draft.id)).toMatchObject({ storyId: x, action: 'exclude' });
      expect((await entry(x))!.included).toBe(true);
      expect(await ctx.storage.review.undo(draft.id)).toBeUndefined();
      expect(await ctx.storage.review.history(draft.id, 20)).toMatchObject({ canUndo: false, canRedo: true });

      expect(await ctx.storage.review.redo(draft.id)).toEqual({ storyId: x, action: 'exclude', undone: false });
      expect(await ctx.storage.review.redo(draft.id)).toMatchObject({ storyId: z, action: 'up' });
      expect(await order('latest-news')).toEqual([x, z, y]);
      // A new edit: the undone title change can no longer be redone.
      await ctx.storage.review.setBlurb(ref(x), 'New words.');
      expect(await ctx.storage.review.redo(draft.id)).toBeUndefined();
      expect(await actions()).toEqual([['blurb', x, false], ['up', z, false], ['exclude', x, false]]);
      expect((await entry(y))!.title).toBe('Bravo two');
    });

    it('puts an entry moved back to its old section at its old place, and undoes a move into its place', async () => {
      const { ids, ref, order } = await storedDraft();
      const [x, y, z] = ids as [string, string, string];
      expect(await ctx.storage.review.placeBeforeMove(ref(y), 'latest-news')).toBeUndefined();
      await ctx.storage.review.moveToSection(ref(y), 'press-releases');
      expect(await order('latest-news')).toEqual([x, z]);
      expect(await ctx.storage.review.placeBeforeMove(ref(y), 'latest-news')).toBe(1);
      expect(await ctx.storage.review.placeBeforeMove(ref(y), 'wall-of-shame')).toBeUndefined();
      await ctx.storage.review.moveToSection(ref(y), 'latest-news', undefined, 1);
      expect(await order('latest-news')).toEqual([x, y, z]);
      expect(await order('press-releases')).toEqual([]);
      // Beyond the end: at the end.
      await ctx.storage.review.moveToSection(ref(x), 'press-releases', undefined, 99);
      expect(await order('press-releases')).toEqual([x]);
    });

    it('adds or promotes an entry as an event: undo takes it out, redo puts it back where it was', async () => {
      const { draft, ids, ref, order, entry, actions } = await storedDraft();
      const promoted = { ...draft.sections.find((s) => s.id === 'latest-news')!.entries[0]!, storyId: 'promoted-1', title: 'From the pool' };
      expect(await ctx.storage.review.addEntry(draft.id, 'latest-news', promoted, 'promote')).toBe(true);
      expect(await actions()).toEqual([['promote', 'promoted-1', false]]);
      expect((await ctx.storage.review.history(draft.id, 1)).events[0]!.before).toBeNull();
      await ctx.storage.review.undo(draft.id);
      expect(await entry('promoted-1')).toBeUndefined();
      expect(await order('latest-news')).toEqual(ids);
      await ctx.storage.review.redo(draft.id);
      expect(await entry('promoted-1')).toEqual(promoted);
      expect(await order('latest-news')).toEqual([...ids, 'promoted-1']);
      expect(await ctx.storage.review.snapshot(ref('promoted-1'))).toEqual({ sectionId: 'latest-news', position: 3, entry: promoted });
    });

    it('reverts an entry\'s title, blurb, topic, section and place to the original in one event, keeping inclusion; undo brings the edits back', async () => {
      const { draft, ids, ref, order, entry } = await storedDraft();
      const [x, y, z] = ids as [string, string, string];
      const original = (await entry(x))!;
      await ctx.storage.review.setTitle(ref(x), 'Retitled');
      await ctx.storage.review.setBlurb(ref(x), 'Line one.\nLine two.');
      await ctx.storage.review.changeTopic(ref(x), 'malware');
      await ctx.storage.review.setIncluded(ref(x), false);
      await ctx.storage.review.moveToSection(ref(x), 'press-releases');
      expect(await ctx.storage.review.revert(ref(x))).toBe(true);
      expect(await entry(x)).toMatchObject({ title: original.title, blurb: original.blurb, topic: original.topic, included: false });
      expect(await order('latest-news')).toEqual([x, y, z]);
      const history = await ctx.storage.review.history(draft.id, 20);
      expect(history.events.map((e) => e.action)).toEqual(['revert', 'section', 'exclude', 'topic', 'blurb', 'title']);
      await ctx.storage.review.undo(draft.id);
      expect(await entry(x)).toMatchObject({ title: 'Retitled', blurb: 'Line one.\nLine two.', topic: 'malware' });
      expect(await order('press-releases')).toEqual([x]);
      // Never edited: nothing to revert, nothing recorded. No entry: false.
      expect(await ctx.storage.review.revert(ref(y))).toBe(true);
      expect(await ctx.storage.review.revert(ref('nope'))).toBe(false);
      expect((await ctx.storage.review.history(draft.id, 20)).events).toHaveLength(6);
    });

    it('stores an entry\'s victims and its link fields, each recorded', async () => {
      const { ids, ref, entry, actions } = await storedDraft();
      const [x] = ids as [string];
      expect(await ctx.storage.review.setVictims(ref(x), ['Acme Corp'])).toBe(true);
      const link = { url: 'https://b.example/1', source: 'Feed b', sourceId: 'b', alsoCoveredBy: [{ source: 'Feed a', sourceId: 'a', title: 'Alpha one', url: 'https://a.example/1' }] };
      expect(await ctx.storage.review.setLink(ref(x), link, 'main-link')).toBe(true);
      expect(await entry(x)).toMatchObject({ victims: ['Acme Corp'], ...link });
      expect(await ctx.storage.review.setVictims(ref('nope'), ['X'])).toBe(false);
      expect(await ctx.storage.review.setLink(ref('nope'), link, 'link')).toBe(false);
      expect(await actions()).toEqual([['main-link', x, false], ['victim', x, false]]);
    });

    it('keeps no event of an edit the store refused (the correction rolls the edit and its event back)', async () => {
      const { draft, ids, ref } = await storedDraft();
      const refused = { field: 'colour' as CorrectionField, value: 'blue', createdAt: NOW };
      await expect(ctx.storage.review.changeTopic(ref(ids[0]!), 'malware', refused)).rejects.toBeInstanceOf(StorageError);
      expect(await ctx.storage.review.history(draft.id, 20)).toEqual({ events: [], canUndo: false, canRedo: false });
    });

    it('reads the window\'s candidates and the stories sent issues used, for the week\'s pool', async () => {
      const { draft, ids } = await storedDraft();
      const basis = await ctx.storage.review.windowCandidates(WINDOW);
      expect(basis.candidates.map((c) => c.title).sort()).toEqual(TITLES);
      expect(basis.unclassified).toBe(0);
      expect([...basis.usedStoryIds]).toEqual([]);
      await ctx.storage.drafts.setSent(draft.number, NOW);
      expect([...(await ctx.storage.review.windowCandidates(WINDOW)).usedStoryIds].sort()).toEqual([...ids].sort());
    });

    it('counts the window\'s classified stories a draft does not hold (the pool\'s size)', async () => {
      const { draft } = await storedDraft();
      // Four stories in the window, three in the draft.
      expect(await ctx.storage.review.poolCount(draft.id, WINDOW)).toBe(1);
      expect(await ctx.storage.review.poolCount(draft.id, { since: '2026-11-24T00:00:00.000Z', until: '2026-11-25T00:00:00.000Z' })).toBe(0);
      expect(await ctx.storage.review.poolCount(draft.id + 99, WINDOW)).toBe(4);
    });

    it('deletes a draft\'s history with the draft', async () => {
      const { draft, ids, ref } = await storedDraft();
      await ctx.storage.review.setIncluded(ref(ids[0]!), false);
      expect(await ctx.storage.drafts.delete(1)).toBe('deleted');
      expect(await ctx.storage.review.history(draft.id, 20)).toEqual({ events: [], canUndo: false, canRedo: false });
    });
  });
}
