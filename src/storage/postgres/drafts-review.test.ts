/**
 * Drafts and reclassification on PostgreSQL beyond the storage contract (which covers the draft,
 * the review page's edits and the corrections on every engine): what only a server shared by
 * processes can show (two drafts at once), a window with unclassified stories, and the
 * reclassification pages `train` reads. Stories are filed through the ports, as the analysis
 * stage files them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDraft } from '../../newsletter/index.js';
import { byFirstWord, feed, item, LABELS, NOW, run } from '../../../test/support/storage-contract/data.js';
import { dropSchema, POSTGRES_URL, postgresAvailable, uniqueName } from '../../../test/support/services.js';
import type { DraftBasis, Storage } from '../index.js';
import { postgresStorage } from './adapter.js';

const available = await postgresAvailable();
const WINDOW = { since: '2026-11-23T00:00:00.000Z', until: '2026-11-24T00:00:00.000Z' };

describe.skipIf(!available)('PostgreSQL drafts and reclassification, beyond the contract', () => {
  let schema: string;
  let storage: Storage;
  const others: Storage[] = [];
  beforeEach(async () => {
    schema = uniqueName('secdigest_test');
    storage = await postgresStorage(POSTGRES_URL, { schema });
  });
  afterEach(async () => {
    await Promise.all([storage, ...others.splice(0)].map((s) => s.close()));
    await dropSchema(schema);
  });

  /** Stores the items through a feed run and analyses them: one story per first word of the title, labelled with LABELS unless `unlabelled`. */
  async function storedAndFiled(items: ReturnType<typeof item>[], options: { unlabelled?: boolean } = {}): Promise<void> {
    await storage.feeds.sync([feed('a'), feed('b')], NOW);
    const writer = storage.feedRuns.writer({ maxFeeds: 10, maxDelayMs: 60_000 });
    for (const feedId of new Set(items.map((i) => i.feedId))) await writer.record(run(feedId, items.filter((i) => i.feedId === feedId)));
    await writer.flush();
    const pending = await storage.analysis.pending(100);
    const labels = new Map(options.unlabelled ? [] : pending.map((p) => [p.item.id, LABELS]));
    await storage.analysis.writeBatch({ items: pending, labels, modelId: null, filings: byFirstWord(pending) });
  }

  const plan = (options: { keepEmpty?: boolean } = {}) => (basis: DraftBasis) => {
    const { candidates, unclassified } = basis.candidates(WINDOW);
    const built = buildDraft(candidates, { number: basis.nextNumber, date: '2026-11-23', window: WINDOW, createdAt: NOW, excludeStoryIds: basis.usedStoryIds });
    const empty = built.draft.sections.every((s) => s.entries.length === 0);
    return { draft: empty && !options.keepEmpty ? null : built.draft, result: { stories: candidates.length, unclassified, lastUntil: basis.lastUntil } };
  };

  it('counts a window\'s stories whose representative is not classified yet, and leaves them out', async () => {
    await storedAndFiled([item('a', '1', 'Ransom hits a port')], { unlabelled: true });
    expect((await storage.drafts.createNext(plan())).result).toMatchObject({ stories: 0, unclassified: 1 });
  });

  it('two processes drafting at once take different numbers; redrafting one date at once leaves one draft of it', async () => {
    await storedAndFiled([item('a', '1', 'Ransom hits a port'), item('a', '2', 'Quorvex raises money'), item('b', '1', 'Ransom halts a port')]);
    const other = await postgresStorage(POSTGRES_URL, { schema });
    others.push(other);
    // `draft --new` from two processes: the drafts lock orders them, so each takes its own number.
    const drafts = await Promise.all([storage, other].map((s) => s.drafts.createNext(plan({ keepEmpty: true }))));
    expect(drafts.map((d) => d.stored!.number).sort()).toEqual([1, 2]);
    expect(await storage.drafts.list()).toEqual([
      { number: 2, date: '2026-11-23', since: WINDOW.since, until: WINDOW.until, createdAt: NOW, sentAt: null, entries: expect.any(Number) },
      { number: 1, date: '2026-11-23', since: WINDOW.since, until: WINDOW.until, createdAt: NOW, sentAt: null, entries: expect.any(Number) },
    ]);
    // Both redraft the date at once: each replaces the latest unsent draft of it in turn (#2), never adding a third.
    const redrafts = await Promise.all([storage, other].map((s) => s.drafts.createNext(plan({ keepEmpty: true }), { replaceDate: '2026-11-23' })));
    expect(redrafts.map((d) => [d.stored!.number, d.replaced])).toEqual([[2, 2], [2, 2]]);
    expect((await storage.drafts.list()).map((d) => d.number)).toEqual([2, 1]);
  });

  it('pages analysed items to reclassify: unlabelled ones, those published since a time, or all', async () => {
    await storedAndFiled([item('a', '1', 'Alpha one'), item('a', '2', 'Beta two')], { unlabelled: true });
    await storage.classification.writeLabels(new Map([['a:1', LABELS]]), 7);
    expect((await storage.classification.toClassify({ limit: 10 })).map((i) => i.id)).toEqual(['a:2']);
    expect((await storage.classification.toClassify({ limit: 10, publishedSince: '2026-12-01T00:00:00.000Z' })).map((i) => i.id)).toEqual(['a:2']);
    expect((await storage.classification.toClassify({ limit: 10, publishedSince: '2026-11-01T00:00:00.000Z' })).map((i) => i.id)).toEqual(['a:1', 'a:2']);
    expect((await storage.classification.toClassify({ limit: 10, all: true })).map((i) => i.id)).toEqual(['a:1', 'a:2']);
    expect(await storage.classification.countUnclassified()).toBe(1);
  });
});
