/**
 * The storage ports' contract (src/storage/ports.ts): every repository exercised through the
 * interfaces only, so each implementation (SQLite now, PostgreSQL next) runs the same suite
 * unchanged. An implementation's test file calls `describeStorageContract` with a factory that
 * opens a fresh, empty, migrated store and a cleanup.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Classification, CorrectionField, DedupeItem, FeedConfig, Item, StoryIndex } from '../../src/model/index.js';
import { CorrectionError, StorageError } from '../../src/model/index.js';
import type { FiledItem, LabelCorrection, Storage } from '../../src/storage/index.js';
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
        const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-contract-backup-')), 'copy.db');
        expect((await storage.maintenance.backup(copy)).bytes).toBeGreaterThan(0);
        await expect(storage.maintenance.backup(copy)).rejects.toThrow(/already exists/);
        fs.rmSync(path.dirname(copy), { recursive: true, force: true });
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
        await storage.feeds.sync([feed('a')], NOW);
        const writer = storage.feedRuns.writer({ maxFeeds: 10, maxDelayMs: 60_000 });
        await writer.record(run('a', TITLES.map((title, n) => item('a', String(n + 1), title))));
        await writer.flush();
        const pending = await storage.analysis.pending(10);
        await storage.analysis.writeBatch({ items: pending, labels: new Map(pending.map((p) => [p.item.id, LABELS])), modelId: null }, byFirstWord, keysOf);
        const { stored } = await storage.drafts.createNext((basis) => ({
          draft: buildDraft(basis.candidates(WINDOW).candidates, { number: basis.nextNumber, date: '2026-11-23', window: WINDOW, createdAt: NOW }).draft,
          result: null,
        }));
        const draft = stored!;
        const entries = draft.sections.find((s) => s.id === 'latest-news')!.entries;
        expect(entries).toHaveLength(3);
        const ids = entries.map((e) => e.storyId);
        const itemOf = new Map(entries.map((e) => [e.storyId, `a:${TITLES.indexOf(e.title) + 1}`]));
        const ref = (storyId: string) => ({ draftId: draft.id, storyId });
        const order = async (sectionId: string) => (await storage.drafts.load(1))!.sections.find((s) => s.id === sectionId)!.entries.map((e) => e.storyId);
        const entry = async (storyId: string) => (await storage.drafts.load(1))!.sections.flatMap((s) => s.entries).find((e) => e.storyId === storyId)!;
        return { draft, ids, itemOf, ref, order, entry };
      }

      it('finds a draft by number without reading its entries; none for a number never drafted', async () => {
        const { draft } = await storedDraft();
        expect(await storage.drafts.find(1)).toEqual({ id: draft.id, number: 1 });
        expect(await storage.drafts.find(2)).toBeUndefined();
      });

      it('writes plain edits at once, visible on reload; a missing entry is false and changes nothing', async () => {
        const { ids, ref, entry } = await storedDraft();
        const [x] = ids as [string];
        expect(await storage.review.entry(ref(x))).toEqual({ sectionId: 'latest-news', position: 0, topic: 'ransomware', title: (await entry(x)).title });
        expect(await storage.review.setIncluded(ref(x), false)).toBe(true);
        expect(await storage.review.setTitle(ref(x), 'Retitled')).toBe(true);
        expect(await storage.review.setBlurb(ref(x), 'One line.')).toBe(true);
        expect(await entry(x)).toMatchObject({ included: false, title: 'Retitled', blurb: 'One line.' });
        await storage.review.setIncluded(ref(x), true);
        await storage.review.setBlurb(ref(x), null);
        expect(await entry(x)).toMatchObject({ included: true, blurb: null });

        const before = await storage.drafts.load(1);
        const missing = ref('nope');
        expect(await storage.review.entry(missing)).toBeUndefined();
        expect(await storage.review.setIncluded(missing, false)).toBe(false);
        expect(await storage.review.setTitle(missing, 'T')).toBe(false);
        expect(await storage.review.setBlurb(missing, 'B')).toBe(false);
        expect(await storage.review.move(missing, -1)).toBe(false);
        expect(await storage.review.changeTopic(missing, 'malware', correction('topic', 'malware'))).toBe(false);
        expect(await storage.review.moveToSection(missing, 'press-releases', correction('section', 'press-release'))).toBe(false);
        expect(await storage.review.setTitle({ draftId: before!.id + 1, storyId: x }, 'Other draft')).toBe(false);
        expect(await storage.drafts.load(1)).toEqual(before);
        expect(await storage.classification.corrections()).toEqual([]);
      });

      it('moves an entry within its section past excluded ones, keeping positions dense; the ends are no-ops', async () => {
        const { ids, ref, order } = await storedDraft();
        const [x, y, z] = ids as [string, string, string];
        await storage.review.setIncluded(ref(y), false);
        expect(await storage.review.move(ref(z), -1)).toBe(true);
        expect(await order('latest-news')).toEqual([x, z, y]);
        expect(await storage.review.move(ref(x), -1)).toBe(true);
        expect(await storage.review.move(ref(y), 1)).toBe(true);
        expect(await order('latest-news')).toEqual([x, z, y]);
        expect(await storage.review.move(ref(x), 1)).toBe(true);
        expect(await order('latest-news')).toEqual([z, x, y]);
        expect((await storage.review.entry(ref(y)))?.position).toBe(2);
      });

      it('moves an entry to the end of another section, and knows the draft\'s sections', async () => {
        const { draft, ids, ref, order } = await storedDraft();
        const [x, y, z] = ids as [string, string, string];
        expect(draft.sections.map((s) => s.id)).toContain('press-releases');
        expect(await storage.review.moveToSection(ref(y), 'press-releases')).toBe(true);
        expect(await storage.review.moveToSection(ref(x), 'press-releases')).toBe(true);
        expect(await order('latest-news')).toEqual([z]);
        expect(await order('press-releases')).toEqual([y, x]);
        expect(await storage.review.entry(ref(z))).toMatchObject({ sectionId: 'latest-news', position: 0 });
        expect(await storage.review.entry(ref(x))).toMatchObject({ sectionId: 'press-releases', position: 1 });
        // A move without a correction leaves the labels alone.
        expect(await storage.classification.corrections()).toEqual([]);
        expect(await storage.review.firstSectionId(draft.id)).toBe(draft.sections[0]!.id);
        expect(await storage.review.firstSectionId(draft.id + 1)).toBeUndefined();
        expect(await storage.review.hasSection(draft.id, 'press-releases')).toBe(true);
        expect(await storage.review.hasSection(draft.id, 'nowhere')).toBe(false);
      });

      it('changes a topic or a section with its correction in one call: the entry, the item\'s label and the corrections', async () => {
        const { ids, itemOf, ref, entry, order } = await storedDraft();
        const [x, y, z] = ids as [string, string, string];
        expect(await storage.review.changeTopic(ref(x), 'malware', correction('topic', 'malware'))).toBe(true);
        expect((await entry(x)).topic).toBe('malware');
        expect(await storage.classification.labels(itemOf.get(x)!)).toMatchObject({ topic: 'malware', section: 'news' });
        const title = TITLES[Number(itemOf.get(x)!.slice(2)) - 1]!;
        expect(await storage.classification.corrections()).toEqual([
          { id: expect.any(Number), itemId: itemOf.get(x), field: 'topic', value: 'malware', title, summary: `About ${title}.`, createdAt: NOW },
        ]);

        expect(await storage.review.moveToSection(ref(y), 'press-releases', correction('section', 'press-release'))).toBe(true);
        expect(await order('press-releases')).toEqual([y]);
        expect(await storage.classification.labels(itemOf.get(y)!)).toMatchObject({ section: 'press-release', topic: 'ransomware' });

        // Without a correction, only the entry changes.
        expect(await storage.review.changeTopic(ref(z), 'phishing')).toBe(true);
        expect((await entry(z)).topic).toBe('phishing');
        expect((await storage.classification.labels(itemOf.get(z)!))?.topic).toBe('ransomware');
        expect((await storage.classification.corrections()).map((c) => [c.itemId, c.field, c.value])).toEqual([
          [itemOf.get(x), 'topic', 'malware'],
          [itemOf.get(y), 'section', 'press-release'],
        ]);
      });

      it('is atomic: a correction the store refuses leaves the topic change or the move undone', async () => {
        const { ids, itemOf, ref, entry, order } = await storedDraft();
        const [x, y] = ids as [string, string];
        // A field outside the closed set: the store's check refuses the correction after the edit was written.
        const refused = correction('colour' as CorrectionField, 'blue');
        await expect(storage.review.changeTopic(ref(x), 'malware', refused)).rejects.toBeInstanceOf(StorageError);
        await expect(storage.review.moveToSection(ref(y), 'press-releases', refused)).rejects.toBeInstanceOf(StorageError);
        expect((await entry(x)).topic).toBe('ransomware');
        expect(await order('latest-news')).toEqual(ids);
        expect(await order('press-releases')).toEqual([]);
        expect((await storage.classification.labels(itemOf.get(x)!))?.topic).toBe('ransomware');
        expect(await storage.classification.corrections()).toEqual([]);
      });

      it('adds an entry by hand at the end of a section, once; it has no item to correct and no evidence', async () => {
        const { draft, ids, ref, order, entry } = await storedDraft();
        const manual = { ...draft.sections[0]!.entries[0]!, storyId: 'manual-0123456789ab', title: 'Added by hand', url: 'https://elsewhere.example/a', sourceId: 'manual' };
        expect(await storage.review.addEntry(draft.id, 'latest-news', manual)).toBe(true);
        expect(await order('latest-news')).toEqual([...ids, manual.storyId]);
        expect(await entry(manual.storyId)).toEqual(manual);
        expect(await storage.review.addEntry(draft.id, 'press-releases', { ...manual, title: 'Again' })).toBe(false);
        expect(await order('press-releases')).toEqual([]);
        expect(await storage.review.changeTopic(ref(manual.storyId), 'malware', correction('topic', 'malware'))).toBe(true);
        expect((await entry(manual.storyId)).topic).toBe('malware');
        expect(await storage.classification.corrections()).toEqual([]);

        const evidence = await storage.review.evidence([...ids, manual.storyId, '999999']);
        expect([...evidence.keys()].sort()).toEqual([...ids].sort());
        expect(evidence.get(ids[0]!)).toMatchObject({ topic: 'ransomware', relevant: true, section: 'news', evidence: { topic: ['test'] } });
        expect(await storage.review.evidence([])).toEqual(new Map());
      });

      it('records an editor\'s correction of an item and relabels it; an unknown item is a CorrectionError, storing nothing', async () => {
        await storedDraft();
        const stored = await storage.classification.recordCorrection('a:1', correction('relevant', 'false'));
        expect(stored).toEqual({ id: expect.any(Number), itemId: 'a:1', field: 'relevant', value: 'false', title: 'Alpha one', summary: 'About Alpha one.', createdAt: NOW });
        expect((await storage.classification.labels('a:1'))?.relevant).toBe(false);
        await storage.classification.recordCorrection('a:1', correction('topic', 'malware'));
        expect((await storage.classification.corrections({ itemId: 'a:1' })).map((c) => c.value)).toEqual(['false', 'malware']);
        expect(await storage.analysis.correctedLabels(['a:1'])).toEqual(new Map([['a:1', { relevant: false, topic: 'malware' }]]));
        const failure = await storage.classification.recordCorrection('nope', correction('topic', 'malware')).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(CorrectionError);
        expect(failure).toMatchObject({ code: 'unknown-item' });
        expect(await storage.classification.corrections()).toHaveLength(2);
      });

      it('reports each feed\'s failed fetches and items per publication day over the window, zeros filled in', async () => {
        await storage.feeds.sync([feed('a'), feed('b')], NOW);
        const writer = storage.feedRuns.writer({ maxFeeds: 10, maxDelayMs: 60_000 });
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
        const activity = await storage.feeds.activity({ until: new Date(NOW), days: 3 });
        expect(activity.map((f) => [f.id, f.recentErrors, f.itemsPerDay])).toEqual([
          ['a', 0, [0, 1, 2]],
          ['b', 1, [0, 0, 0]],
        ]);
        expect(activity[1]).toMatchObject({ consecutiveErrors: 2, lastErrorCode: 'http-status' });
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
