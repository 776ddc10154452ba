/** The storage contract: a draft's life (issue 18): replace, delete, mark sent, editor parts (run by ./index.ts). */
import { describe, expect, it } from 'vitest';
import type { Draft } from '../../../src/model/index.js';
import { buildDraft } from '../../../src/newsletter/index.js';
import type { DraftBasis } from '../../../src/storage/index.js';
import { NOW, storeLabelledStories, type ContractContext } from './data.js';

export function lifecycleContract(ctx: ContractContext): void {
  describe('draft lifecycle', () => {
    const DAY1 = { since: '2026-11-23T00:00:00.000Z', until: '2026-11-24T00:00:00.000Z' };

    /** Three one-item stories of 2026-11-23, filed and labelled through the ports. */
    const storeStories = () => storeLabelledStories(ctx.storage, ['Alpha one', 'Bravo two', 'Charlie three']);

    /** A plan drafting the window's stories the basis has not used, as `runDraft` does. */
    const plan = (date: string, window = DAY1) => (basis: DraftBasis) => {
      const built = buildDraft(basis.candidates(window).candidates, { number: basis.nextNumber, date, window, createdAt: NOW, excludeStoryIds: basis.usedStoryIds });
      const empty = built.draft.sections.every((s) => s.entries.length === 0);
      return { draft: empty ? null : built.draft, result: { basis: { lastUntil: basis.lastUntil, nextNumber: basis.nextNumber } } };
    };
    const storyIds = (draft: Draft | null | undefined) => (draft?.sections ?? []).flatMap((s) => s.entries.map((e) => e.storyId)).sort();

    it('replaces the unsent draft of a date: same number, the draft before it as the window basis', async () => {
      await storeStories();
      const first = await ctx.storage.drafts.createNext(plan('2026-11-23'));
      expect(first).toMatchObject({ replaced: null, kept: null, stored: { number: 1, sentAt: null, slots: {} } });
      await ctx.storage.drafts.setSlot(1, 'intro', 'Hello');
      const again = await ctx.storage.drafts.createNext(plan('2026-11-23'), { replaceDate: '2026-11-23' });
      expect(again.replaced).toBe(1);
      expect(again.stored?.number).toBe(1);
      expect(again.stored?.slots).toEqual({});
      expect(again.result.basis).toEqual({ lastUntil: undefined, nextNumber: 1 });
      expect(storyIds(again.stored)).toEqual(storyIds(first.stored));
      expect((await ctx.storage.drafts.list()).map((d) => d.number)).toEqual([1]);
      // Without replaceDate (--new) another draft is stored after it.
      const other = await ctx.storage.drafts.createNext(plan('2026-11-23'));
      expect(other).toMatchObject({ replaced: null, stored: { number: 2 } });
      expect(other.result.basis).toEqual({ lastUntil: DAY1.until, nextNumber: 2 });
    });

    it('only a sent issue uses up its stories; a sent issue is never replaced', async () => {
      await storeStories();
      await ctx.storage.drafts.createNext(plan('2026-11-23'));
      expect(await ctx.storage.drafts.setSent(1, '2026-11-24T08:00:00.000Z')).toEqual({ found: true, before: null });
      expect(await ctx.storage.drafts.setSent(1, '2026-11-25T08:00:00.000Z')).toEqual({ found: true, before: '2026-11-24T08:00:00.000Z' });
      expect((await ctx.storage.drafts.load(1))?.sentAt).toBe('2026-11-24T08:00:00.000Z');
      expect((await ctx.storage.drafts.list())[0]).toMatchObject({ number: 1, sentAt: '2026-11-24T08:00:00.000Z', entries: 3 });
      // Every story of the window was sent: nothing to draft, and the sent issue stays as it was.
      const next = await ctx.storage.drafts.createNext(plan('2026-11-23'), { replaceDate: '2026-11-23' });
      expect(next).toMatchObject({ stored: null, replaced: null, kept: null });
      expect(await ctx.storage.drafts.setSent(1, null)).toEqual({ found: true, before: '2026-11-24T08:00:00.000Z' });
      expect((await ctx.storage.drafts.load(1))?.sentAt).toBeNull();
      expect(await ctx.storage.drafts.setSent(9, NOW)).toEqual({ found: false, before: null });
    });

    it('keeps the unsent draft of a date when the new plan drafts nothing', async () => {
      await storeStories();
      await ctx.storage.drafts.createNext(plan('2026-11-23'));
      const empty = { since: '2026-11-20T00:00:00.000Z', until: '2026-11-21T00:00:00.000Z' };
      const next = await ctx.storage.drafts.createNext(plan('2026-11-23', empty), { replaceDate: '2026-11-23' });
      expect(next).toMatchObject({ stored: null, replaced: null, kept: 1 });
      expect(storyIds(await ctx.storage.drafts.load(1))).toHaveLength(3);
    });

    it('deletes a draft with its entries; a sent one only when told to', async () => {
      await storeStories();
      await ctx.storage.drafts.createNext(plan('2026-11-23'));
      await ctx.storage.drafts.setSent(1, NOW);
      expect(await ctx.storage.drafts.delete(1)).toBe('sent');
      expect(await ctx.storage.drafts.delete(1, { evenIfSent: true })).toBe('deleted');
      expect(await ctx.storage.drafts.delete(1)).toBe('missing');
      expect(await ctx.storage.drafts.load(1)).toBeUndefined();
      // Its stories are free again: the next draft has them all.
      const next = await ctx.storage.drafts.createNext(plan('2026-11-23'));
      expect(storyIds(next.stored)).toHaveLength(3);
    });

    it('sets and clears editor parts; a missing draft is false', async () => {
      await storeStories();
      await ctx.storage.drafts.createNext(plan('2026-11-23'));
      expect(await ctx.storage.drafts.setSlot(1, 'commentary', 'First paragraph.\n\nSecond, with "quotes" and \\ backslash.')).toBe(true);
      expect(await ctx.storage.drafts.setSlot(1, 'ps', 'P.S. bye')).toBe(true);
      expect(await ctx.storage.drafts.setSlot(1, 'ps', null)).toBe(true);
      expect((await ctx.storage.drafts.load(1))?.slots).toEqual({ commentary: 'First paragraph.\n\nSecond, with "quotes" and \\ backslash.' });
      expect(await ctx.storage.drafts.setSlot(7, 'intro', 'x')).toBe(false);
    });
  });
}
