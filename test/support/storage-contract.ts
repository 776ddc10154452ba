/**
 * The storage ports' contract (src/storage/ports.ts): every repository exercised through the
 * interfaces only, so each implementation (SQLite now, PostgreSQL next) runs the same suite
 * unchanged. An implementation's test file calls `describeStorageContract` with a factory that
 * opens a fresh, empty, migrated store and a cleanup.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Classification, DedupeItem, FeedConfig, Item, StoryIndex } from '../../src/model/index.js';
import { StorageError } from '../../src/model/index.js';
import type { FiledItem, Storage } from '../../src/storage/index.js';
import { buildDraft } from '../../src/newsletter/index.js';

export interface OpenedStorage {
  storage: Storage;
  cleanup(): Promise<void>;
}

const NOW = '2026-11-23T12:00:00.000Z';
const feed = (id: string, weight = 1): FeedConfig => ({ id, name: `Feed ${id}`, url: `https://${id}.example/feed`, kind: 'news', weight, enabled: true, tags: [] });

function item(feedId: string, guid: string, title: string, publishedAt = '2026-11-23T10:00:00.000Z'): Item {
  const url = `https://${feedId}.example/${guid}`;
  return {
    id: `${feedId}:${guid}`, feedId, guid, url, canonicalUrl: url, urlHash: `h:${url}`, title, summary: `About ${title}.`,
    author: null, categories: ['Security'], publishedAt, fetchedAt: NOW, contentHash: `c:${title}`,
  };
}

const run = (feedId: string, items: Item[], extra: object = {}) => ({
  feedId, startedAt: NOW, outcome: 'ok' as const, httpStatus: 200, durationMs: 12, bytes: 100, attempts: 1, items, ...extra,
});

const LABELS: Classification = {
  topic: 'ransomware', topics: [{ id: 'ransomware', score: 0.9 }], relevant: true, relevanceScore: 0.8, section: 'news',
  cves: [], victims: [], evidence: { topic: ['test'], relevance: [], section: [] },
};

/** A filer that puts items with the same first word of the title in one story: what matters here is storage, not matching. */
function byFirstWord(index: StoryIndex, items: readonly { item: Item; feedWeight: number }[]): FiledItem[] {
  const opened = new Map<string, number>();
  return items.map(({ item: it, feedWeight }) => {
    const key = it.title.split(' ')[0]!;
    const dedupe: DedupeItem = { id: it.id, feedId: it.feedId, weight: feedWeight, canonicalUrl: it.canonicalUrl, urlHash: it.urlHash, title: it.title, summary: it.summary, publishedAt: it.publishedAt };
    const keys = [key.length];
    const existing = opened.get(key) ?? index.storyOfUrl(`story:${key}`);
    if (existing !== undefined) {
      index.joinStory(existing, dedupe, keys);
      return { itemId: it.id, storyId: existing, match: 'near' as const };
    }
    const storyId = index.createStory(dedupe, keys);
    opened.set(key, storyId);
    return { itemId: it.id, storyId, match: 'new' as const };
  });
}

const keysOf = (title: string) => [title.length];

export function describeStorageContract(name: string, open: () => Promise<OpenedStorage>): void {
  describe(`storage contract: ${name}`, () => {
    let opened: OpenedStorage;
    let storage: Storage;
    beforeEach(async () => {
      opened = await open();
      storage = opened.storage;
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    describe('feeds', () => {
      it('syncs the configured feeds and reads a fresh state; an unknown feed has none', async () => {
        await storage.feeds.sync([feed('a'), feed('b', 2)], NOW);
        expect(await storage.feeds.state('a')).toMatchObject({ etag: null, lastModified: null, consecutiveErrors: 0, disabledReason: null });
        expect(await storage.feeds.state('nope')).toBeUndefined();
        expect(await storage.feeds.lastFetchAt()).toBeNull();
      });

      it('reports health with item counts in the order asked, and a retry clears a 410 and the backoff', async () => {
        await storage.feeds.sync([feed('a'), feed('b')], NOW);
        const writer = storage.feedRuns.writer({ maxFeeds: 1, maxDelayMs: 60_000 });
        await writer.record(run('a', [item('a', '1', 'Alpha one')]));
        await writer.record(run('b', [], { outcome: 'gone', httpStatus: 410, error: { code: 'http-status', message: 'HTTP 410 Gone' }, nextAttemptAt: '2026-11-24T00:00:00.000Z' }));
        await writer.flush();
        expect((await storage.feeds.health(['b', 'a'])).map((h) => [h.id, h.items, h.disabledReason !== null])).toEqual([['b', 0, true], ['a', 1, false]]);
        expect(await storage.feeds.lastFetchAt()).toBe(NOW);
        await storage.feeds.retry(['b']);
        expect(await storage.feeds.state('b')).toMatchObject({ disabledReason: null, nextAttemptAt: null, retryAt: null });
      });
    });

    describe('maintenance', () => {
      it('counts what a prune would remove without removing it, then removes it; reports pages and health', async () => {
        await storage.feeds.sync([feed('a')], NOW);
        const writer = storage.feedRuns.writer({ maxFeeds: 1, maxDelayMs: 60_000 });
        await writer.record(run('a', [item('a', '1', 'Alpha one')]));
        await writer.flush();
        const later = '2027-06-01T00:00:00.000Z';
        expect((await storage.maintenance.pruneItems(later, { dryRun: true })).items).toBe(1);
        expect(await storage.analysis.countPending()).toBe(1);
        expect((await storage.maintenance.pruneItems(later, { dryRun: false })).items).toBe(1);
        expect(await storage.analysis.countPending()).toBe(0);
        expect((await storage.maintenance.pageStats()).pageCount).toBeGreaterThan(0);
        await storage.maintenance.compact();
        const health = await storage.maintenance.health();
        expect(health.integrity).toEqual(['ok']);
        expect(health.schemaVersion).toBe(health.expectedSchemaVersion);
      });
    });

    describe('feed runs', () => {
      it('stores a run atomically: items pending analysis, validators, counts new / updated / seen', async () => {
        await storage.feeds.sync([feed('a')], NOW);
        const writer = storage.feedRuns.writer({ maxFeeds: 10, maxDelayMs: 60_000 });
        expect(await writer.record(run('a', [item('a', '1', 'Alpha one'), item('a', '2', 'Beta two')], { etag: '"v1"' }))).toEqual({ new: 2, updated: 0, seen: 0 });
        let reported = false;
        writer.afterCommit(() => (reported = true));
        expect(reported).toBe(false);
        await writer.flush();
        expect(reported).toBe(true);
        expect(await storage.feeds.state('a')).toMatchObject({ etag: '"v1"', lastStatus: 'ok' });
        expect(await storage.analysis.countPending()).toBe(2);

        const again = storage.feedRuns.writer({ maxFeeds: 10, maxDelayMs: 60_000 });
        expect(await again.record(run('a', [{ ...item('a', '1', 'Alpha one, updated'), contentHash: 'c:new' }, item('a', '2', 'Beta two')]))).toEqual({ new: 0, updated: 1, seen: 1 });
        await again.flush();
      });

      it('records a failure with its error streak and keeps the stored validators', async () => {
        await storage.feeds.sync([feed('a')], NOW);
        const writer = storage.feedRuns.writer({ maxFeeds: 1, maxDelayMs: 60_000 });
        await writer.record(run('a', [], { outcome: 'not-modified', httpStatus: 304, etag: '"v1"' }));
        await writer.record(run('a', [], { outcome: 'failed', httpStatus: 500, error: { code: 'http-status', message: 'HTTP 500' }, nextAttemptAt: '2026-11-23T13:00:00.000Z' }));
        await writer.flush();
        expect(await storage.feeds.state('a')).toMatchObject({ etag: '"v1"', consecutiveErrors: 1, lastErrorCode: 'http-status', nextAttemptAt: '2026-11-23T13:00:00.000Z' });
      });

      it('rolls back what is pending on discard: nothing of it is stored', async () => {
        await storage.feeds.sync([feed('a')], NOW);
        const writer = storage.feedRuns.writer({ maxFeeds: 10, maxDelayMs: 60_000 });
        await writer.record(run('a', [item('a', '1', 'Alpha one')], { etag: '"v1"' }));
        writer.discard();
        expect(await storage.analysis.countPending()).toBe(0);
        expect(await storage.feeds.state('a')).toMatchObject({ etag: null });
      });
    });

    describe('analysis', () => {
      async function stored(items: Item[]) {
        await storage.feeds.sync([feed('a'), feed('b', 3)], NOW);
        const writer = storage.feedRuns.writer({ maxFeeds: 10, maxDelayMs: 60_000 });
        for (const feedId of ['a', 'b']) await writer.record(run(feedId, items.filter((i) => i.feedId === feedId)));
        await writer.flush();
      }

      it('pages pending items earliest published first, ties in the order stored, with their feed', async () => {
        await stored([item('b', '1', 'Later', '2026-11-23T11:00:00.000Z'), item('a', '1', 'Zulu first'), item('b', '2', 'Alpha first')]);
        const page = await storage.analysis.pending(10);
        expect(page.map((p) => p.item.id)).toEqual(['a:1', 'b:2', 'b:1']);
        expect(page[1]).toMatchObject({ feedKind: 'news', feedWeight: 3, storyId: null });
        expect(page[0]!.item).toEqual(item('a', '1', 'Zulu first'));
        expect((await storage.analysis.pending(1)).map((p) => p.item.id)).toEqual(['a:1']);
      });

      it('writes a batch whole: stories and analysed state; updated items keep their story', async () => {
        await stored([item('a', '1', 'Ransom hits a port'), item('b', '1', 'Ransom halts a port'), item('a', '2', 'Quorvex raises money')]);
        const batch = await storage.analysis.pending(10);
        const filed = await storage.analysis.writeBatch({ items: batch, labels: new Map([['a:1', LABELS]]), modelId: null }, byFirstWord, keysOf);
        // Stored in feed order (a's items, then b's), all published at once: a:1, a:2, b:1.
        expect(filed.map((f) => [f.itemId, f.match])).toEqual([['a:1', 'new'], ['a:2', 'new'], ['b:1', 'near']]);
        expect(filed[2]!.storyId).toBe(filed[0]!.storyId);
        expect(await storage.analysis.countPending()).toBe(0);

        // The same entry changed: pending again, with its story; a new batch keeps that story.
        const writer = storage.feedRuns.writer({ maxFeeds: 10, maxDelayMs: 60_000 });
        await writer.record(run('a', [{ ...item('a', '1', 'Ransom hits a port (update)'), contentHash: 'c:2' }]));
        await writer.flush();
        const again = await storage.analysis.pending(10);
        expect(again.map((p) => [p.item.id, p.storyId])).toEqual([['a:1', filed[0]!.storyId]]);
        expect(await storage.analysis.writeBatch({ items: again, labels: new Map(), modelId: null }, byFirstWord, keysOf)).toEqual([]);
        expect(await storage.analysis.countPending()).toBe(0);
      });

      it('leaves a batch pending when filing fails: nothing of it is written', async () => {
        await stored([item('a', '1', 'Ransom hits a port')]);
        const batch = await storage.analysis.pending(10);
        const failing = () => {
          throw new Error('bug while filing');
        };
        await expect(storage.analysis.writeBatch({ items: batch, labels: new Map([['a:1', LABELS]]), modelId: null }, failing, keysOf)).rejects.toThrow('bug while filing');
        expect((await storage.analysis.pending(10)).map((p) => p.item.id)).toEqual(['a:1']);
      });

      it('ingests items from outside a feed run: creates their feed, stores and files them at once; a repeat keeps its story', async () => {
        const input = (items: Item[]) => ({ feeds: [{ id: 'analyze:x', name: 'x', url: 'analyze:x', kind: 'news' as const, weight: 2 }], items, labels: new Map([['analyze:x:1', LABELS]]), modelId: null, now: NOW });
        const first = await storage.analysis.ingest(input([item('analyze:x', '1', 'Ransom hits a port'), item('analyze:x', '2', 'Ransom halts a port')]), byFirstWord, keysOf);
        expect(first.filed.map((f) => f.match)).toEqual(['new', 'near']);
        expect(first.storyOf.get('analyze:x:1')).toBe(first.storyOf.get('analyze:x:2'));
        expect(await storage.feeds.state('analyze:x')).toBeDefined();
        expect(await storage.analysis.countPending()).toBe(0);
        expect(await storage.classification.labels('analyze:x:1')).toMatchObject({ topic: 'ransomware' });
        const again = await storage.analysis.ingest(input([item('analyze:x', '1', 'Ransom hits a port')]), byFirstWord, keysOf);
        expect(again.filed).toEqual([]);
        expect(again.storyOf.get('analyze:x:1')).toBe(first.storyOf.get('analyze:x:1'));
      });

      it('reads editors\' corrections of items (none stored here)', async () => {
        await stored([item('a', '1', 'Ransom hits a port')]);
        expect(await storage.analysis.correctedLabels(['a:1'])).toEqual(new Map());
      });

      it('prepares story keys: records the signature, rebuilds on a new one, prunes old keys', async () => {
        await stored([item('a', '1', 'Ransom hits a port')]);
        const batch = await storage.analysis.pending(10);
        await storage.analysis.writeBatch({ items: batch, labels: new Map(), modelId: null }, byFirstWord, keysOf);
        const first = await storage.analysis.prepareStoryKeys('sig-1', '2026-11-01T00:00:00.000Z', keysOf);
        expect(first.rebuiltItems).toBe(1);
        expect((await storage.analysis.prepareStoryKeys('sig-1', '2026-11-01T00:00:00.000Z', keysOf)).rebuiltItems).toBe(0);
        expect((await storage.analysis.prepareStoryKeys('sig-1', '2026-12-01T00:00:00.000Z', keysOf)).pruned).toBeGreaterThan(0);
      });
    });

    describe('classification', () => {
      it('keeps the newest trained models and returns the newest', async () => {
        expect(await storage.classification.latestModel()).toBeUndefined();
        const ids: number[] = [];
        for (const n of [1, 2, 3, 4]) ids.push(await storage.classification.saveModel({ createdAt: NOW, examples: n, corrections: 0, model: { n } }));
        expect(await storage.classification.latestModel()).toEqual({ id: ids[3], createdAt: NOW, examples: 4, corrections: 0, model: { n: 4 } });
      });

      it('pages analysed unlabelled items to classify and writes their labels in one call', async () => {
        await storage.feeds.sync([feed('a')], NOW);
        const writer = storage.feedRuns.writer({ maxFeeds: 1, maxDelayMs: 60_000 });
        await writer.record(run('a', [item('a', '1', 'Alpha one'), item('a', '2', 'Beta two')]));
        await writer.flush();
        // Pending items belong to the analysis stage, not to reclassification.
        expect(await storage.classification.countUnclassified()).toBe(0);
        expect(await storage.classification.toClassify({ limit: 10 })).toEqual([]);
        await storage.analysis.writeBatch({ items: await storage.analysis.pending(10), labels: new Map(), modelId: null }, byFirstWord, keysOf);
        expect(await storage.classification.countUnclassified()).toBe(2);
        const page = await storage.classification.toClassify({ limit: 1 });
        expect(page).toEqual([{ id: 'a:1', title: 'Alpha one', summary: 'About Alpha one.', categories: ['Security'], feedKind: 'news' }]);
        expect((await storage.classification.toClassify({ limit: 10, afterId: 'a:1' })).map((i) => i.id)).toEqual(['a:2']);
        await storage.classification.writeLabels(new Map([['a:1', LABELS], ['a:2', LABELS]]), 7);
        expect(await storage.classification.countUnclassified()).toBe(0);
        expect(await storage.classification.labels('a:1')).toMatchObject({ topic: 'ransomware', relevant: true, modelId: 7 });
        expect(await storage.classification.labels('nope')).toBeUndefined();
        expect(await storage.classification.corrections()).toEqual([]);
      });
    });

    describe('drafts', () => {
      it('drafts the next issue from the window\'s classified stories in one transaction, then never reuses its stories', async () => {
        await storage.feeds.sync([feed('a'), feed('b')], NOW);
        const writer = storage.feedRuns.writer({ maxFeeds: 10, maxDelayMs: 60_000 });
        await writer.record(run('a', [item('a', '1', 'Ransom hits a port'), item('a', '2', 'Quorvex raises money')]));
        await writer.record(run('b', [item('b', '1', 'Ransom halts a port')]));
        await writer.flush();
        const pending = await storage.analysis.pending(10);
        const labels = new Map(pending.map((p) => [p.item.id, LABELS]));
        await storage.analysis.writeBatch({ items: pending, labels, modelId: null }, byFirstWord, keysOf);
        expect(await storage.drafts.load()).toBeUndefined();
        expect(await storage.drafts.list()).toEqual([]);

        const window = { since: '2026-11-23T00:00:00.000Z', until: '2026-11-24T00:00:00.000Z' };
        const plan = (basis: Parameters<Parameters<Storage['drafts']['createNext']>[0]>[0]) => {
          const { candidates, unclassified } = basis.candidates(window);
          const built = buildDraft(candidates, { number: basis.nextNumber, date: '2026-11-23', window, createdAt: NOW, excludeStoryIds: basis.usedStoryIds });
          const empty = built.draft.sections.every((s) => s.entries.length === 0);
          return { draft: empty ? null : built.draft, result: { stories: candidates.length, unclassified, lastUntil: basis.lastUntil } };
        };
        const first = await storage.drafts.createNext(plan);
        expect(first.result).toEqual({ stories: 2, unclassified: 0, lastUntil: undefined });
        expect(first.stored).toMatchObject({ number: 1, date: '2026-11-23' });
        const entries = first.stored!.sections.flatMap((s) => s.entries);
        expect(entries).toHaveLength(2);
        expect(entries.find((e) => e.title === 'Ransom hits a port')?.alsoCoveredBy.map((l) => l.source)).toEqual(['Feed b']);
        expect((await storage.drafts.load(1))?.number).toBe(1);
        expect((await storage.drafts.list()).map((d) => d.number)).toEqual([1]);

        // The same window again: every story is used, so nothing is stored and no number is taken.
        const second = await storage.drafts.createNext(plan);
        expect(second.stored).toBeNull();
        expect(second.result.lastUntil).toBe(window.until);
        expect((await storage.drafts.list()).map((d) => d.number)).toEqual([1]);
      });
    });

    describe('run locks', () => {
      it('grants a lease to one owner at a time, renews, releases, and names the holder', async () => {
        const now = new Date(NOW);
        expect(await storage.runLocks.acquire('collect', 'one', now, 60_000)).toEqual({ acquired: true });
        const refused = await storage.runLocks.acquire('collect', 'two', now, 60_000);
        expect(refused).toMatchObject({ acquired: false, holder: { owner: 'one' } });
        expect(await storage.runLocks.renew('collect', 'one', now, 60_000)).toBe(true);
        expect(await storage.runLocks.renew('collect', 'two', now, 60_000)).toBe(false);
        expect(await storage.runLocks.holder('collect')).toMatchObject({ owner: 'one' });
        await storage.runLocks.release('collect', 'one');
        expect(await storage.runLocks.holder('collect')).toBeUndefined();
      });

      it('takes over an expired lease, or a live one whose holder is gone', async () => {
        const now = new Date(NOW);
        await storage.runLocks.acquire('collect', 'one', now, 1_000);
        expect(await storage.runLocks.acquire('collect', 'two', new Date(now.getTime() + 2_000), 1_000)).toEqual({ acquired: true });
        expect(await storage.runLocks.acquire('collect', 'three', now, 60_000, (holder) => holder.owner === 'two')).toEqual({ acquired: true });
      });
    });

    describe('errors', () => {
      it('reports a broken constraint as a typed StorageError, never a driver error', async () => {
        // Items of a feed that was never synced break the items → feeds reference.
        const writer = storage.feedRuns.writer({ maxFeeds: 1, maxDelayMs: 60_000 });
        const failure = await writer.record(run('unknown-feed', [item('unknown-feed', '1', 'Orphan')])).then(
          () => undefined,
          (error: unknown) => error,
        );
        writer.discard();
        expect(failure).toBeInstanceOf(StorageError);
        expect(failure).toMatchObject({ failure: 'constraint', code: 'storage' });
      });
    });
  });
}
