/** The storage contract: browsing stored items (`secdigest items`; run by ./index.ts against every implementation). */
import { describe, expect, it } from 'vitest';
import type { Item } from '../../../src/model/index.js';
import { byFirstWord, feed, item, LABELS, NOW, run, type ContractContext } from './data.js';

export function itemsContract(ctx: ContractContext): void {
  describe('items', () => {
    async function stored(items: Item[]): Promise<void> {
      await ctx.storage.feeds.sync([feed('a'), feed('b')], NOW);
      const writer = ctx.storage.feedRuns.writer({ maxFeeds: 10, maxDelayMs: 60_000 });
      for (const feedId of ['a', 'b']) await writer.record(run(feedId, items.filter((i) => i.feedId === feedId)));
      await writer.flush();
    }

    const ITEMS = [
      item('a', '1', 'Ransom hits a port', '2026-11-23T08:00:00.000Z'),
      { ...item('b', '1', 'Sécurité: 100% of _tokens_ leaked', '2026-11-23T09:00:00.000Z'), summary: 'Un rapport.' },
      { ...item('a', '2', 'Quorvex raises money', '2026-11-23T10:00:00.000Z'), summary: 'A RANSOM note was found.' },
      item('b', '2', 'Old news', '2026-11-20T10:00:00.000Z'),
    ];

    it('lists items newest first with their story and labels; unanalysed ones have none', async () => {
      await stored(ITEMS);
      const pending = await ctx.storage.items.search({ limit: 10 });
      expect(pending.map((i) => i.id)).toEqual(['a:2', 'b:1', 'a:1', 'b:2']);
      expect(pending[0]).toEqual({
        id: 'a:2', feedId: 'a', title: 'Quorvex raises money', url: 'https://a.example/2', publishedAt: '2026-11-23T10:00:00.000Z',
        storyId: null, topic: null, section: null, relevant: null, victims: [], cves: [],
      });
      const batch = await ctx.storage.analysis.pending(10);
      const labels = new Map([['a:1', { ...LABELS, victims: ['Port of Lorn'], cves: ['CVE-2026-1234'] }]]);
      await ctx.storage.analysis.writeBatch({ items: batch, labels, modelId: null, filings: byFirstWord(batch) });
      const story = (await ctx.storage.analysis.storyOf(['a:1'])).get('a:1')!.storyId;
      const [first] = await ctx.storage.items.search({ limit: 1, topic: 'ransomware' });
      expect(first).toEqual({
        id: 'a:1', feedId: 'a', title: 'Ransom hits a port', url: 'https://a.example/1', publishedAt: '2026-11-23T08:00:00.000Z',
        storyId: story, topic: 'ransomware', section: 'news', relevant: true, victims: ['Port of Lorn'], cves: ['CVE-2026-1234'],
      });
      expect((await ctx.storage.items.search({ limit: 10 })).every((i) => typeof i.storyId === 'number')).toBe(true);
    });

    it('searches title and summary as a plain substring in any case; % and _ are plain characters', async () => {
      await stored(ITEMS);
      const ids = async (text: string) => (await ctx.storage.items.search({ text, limit: 10 })).map((i) => i.id);
      expect(await ids('ransom')).toEqual(['a:2', 'a:1']);
      expect(await ids('SÉCURITÉ')).toEqual(['b:1']);
      expect(await ids('100%')).toEqual(['b:1']);
      expect(await ids('0%')).toEqual(['b:1']);
      expect(await ids('1_0')).toEqual([]);
      expect(await ids('_tokens_')).toEqual(['b:1']);
      expect(await ids('%')).toEqual(['b:1']);
      expect(await ids('\\')).toEqual([]);
    });

    it('filters by publication time, feeds and topic, and stops at the limit', async () => {
      await stored(ITEMS);
      const ids = async (query: object) => (await ctx.storage.items.search({ limit: 10, ...query })).map((i) => i.id);
      expect(await ids({ publishedSince: '2026-11-23T09:00:00.000Z' })).toEqual(['a:2', 'b:1']);
      expect(await ids({ feedIds: ['b'] })).toEqual(['b:1', 'b:2']);
      expect(await ids({ feedIds: ['a', 'b'], text: 'o', limit: 2 })).toEqual(['a:2', 'b:1']);
      expect(await ids({ feedIds: ['a'], text: 'PORT', publishedSince: '2026-11-23T00:00:00.000Z' })).toEqual(['a:1']);
      expect(await ids({ topic: 'ransomware' })).toEqual([]);
    });
  });
}
