import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../config/defaults.js';
import type { FeedConfig, Item } from '../../model/index.js';
import { RETOLD, WIRE_COPIES } from '../dedupe/fixtures/cases.js';
import { contentHash, itemId } from '../normalize/index.js';
import { getStory, openDatabase, pendingItems, recordFeedRun, storyIdOfItem, storyKeysSignature, sqliteStorage, syncFeeds, writeAnalysedBatch, type Db } from '../../storage/index.js';
import { fingerprint } from '../dedupe/index.js';
import { storyFiler } from './index.js';
import { signatureOf } from './stories.js';

const settings = DEFAULT_SETTINGS.dedupe;
const keysOf = (title: string, summary: string) => fingerprint(title, summary, settings).keys;
const feed = (id: string, weight = 1): FeedConfig => ({ id, name: id, url: `https://${id}.example/feed`, kind: 'news', weight, enabled: true, tags: [] });
const FEEDS = [feed('outlet-a', 3), feed('outlet-b', 2), feed('outlet-c'), feed('wire')];

function item(feedId: string, guid: string, fields: { title: string; summary?: string; url?: string; publishedAt?: string }): Item {
  const url = fields.url ?? `https://${feedId}.example/${guid}`;
  const summary = fields.summary ?? '';
  return {
    id: itemId(feedId, guid), feedId, guid, url, canonicalUrl: url, urlHash: `h:${url}`, title: fields.title, summary,
    author: null, categories: [], publishedAt: fields.publishedAt ?? '2027-03-03T12:00:00.000Z', fetchedAt: '2027-03-04T00:00:00.000Z',
    contentHash: contentHash(fields.title, summary),
  };
}

function setup(): { db: Db; run: (feedId: string, items: Item[]) => void } {
  const db = openDatabase(':memory:');
  syncFeeds(db, FEEDS, 'now');
  // A feed run stores its items pending; the analysis stage then files them (one batch per run here).
  const run = (feedId: string, items: Item[]) => {
    recordFeedRun(db, { feedId, startedAt: '2027-03-04T00:00:00.000Z', outcome: 'ok', httpStatus: 200, durationMs: 1, bytes: 1, attempts: 1, items });
    db.transaction(() => writeAnalysedBatch(db, { items: pendingItems(db, 1_000), labels: new Map(), modelId: null }, storyFiler(settings), keysOf))();
  };
  return { db, run };
}

const retold = (feedId: string, n: number) => {
  const source = RETOLD.items[n]!;
  return item(feedId, `r${n}`, { title: source.title, summary: source.summary, publishedAt: source.publishedAt });
};

describe('stories in collect (storage + dedupe, one transaction per feed run)', () => {
  it('files a story retold by several feeds as one story with their coverage', () => {
    const { db, run } = setup();
    run('outlet-a', [retold('outlet-a', 0)]);
    run('outlet-b', [retold('outlet-b', 1)]);
    run('outlet-c', [retold('outlet-c', 2)]);
    const story = storyIdOfItem(db, itemId('outlet-a', 'r0'))!;
    expect(storyIdOfItem(db, itemId('outlet-b', 'r1'))).toBe(story);
    expect(storyIdOfItem(db, itemId('outlet-c', 'r2'))).toBe(story);
    expect(getStory(db, story)).toMatchObject({ coverage: 3, size: 3, representativeItemId: itemId('outlet-a', 'r0') });
  });

  it('joins the same canonical URL across feeds (tracking parameters already gone) into one story', () => {
    const { db, run } = setup();
    run('outlet-a', [item('outlet-a', 'x', { title: 'Velmont water utility hacked', url: 'https://velmont.example/notice' })]);
    run('wire', [item('wire', 'y', { title: 'Notice to customers', url: 'https://velmont.example/notice' })]);
    expect(storyIdOfItem(db, itemId('wire', 'y'))).toBe(storyIdOfItem(db, itemId('outlet-a', 'x')));
  });

  it('keeps the id and the story of an entry updated in place', () => {
    const { db, run } = setup();
    run('outlet-a', [retold('outlet-a', 0)]);
    const story = storyIdOfItem(db, itemId('outlet-a', 'r0'));
    const edited = { ...retold('outlet-a', 0), title: 'UPDATED: Velmont says water was never at risk', contentHash: 'edited' };
    run('outlet-a', [edited]);
    expect(db.prepare('SELECT id, title, story_id AS storyId FROM items').all()).toEqual([{ id: itemId('outlet-a', 'r0'), title: edited.title, storyId: story }]);
    expect(getStory(db, story!)).toMatchObject({ size: 1 });
  });

  it('stores the keys of an updated entry\'s new text, so a later retelling of what it says now joins its story', () => {
    const { db, run } = setup();
    const placeholder = item('outlet-a', 'r0', { title: 'Developing story', summary: 'More details to follow.', publishedAt: RETOLD.items[0]!.publishedAt });
    run('outlet-a', [placeholder]);
    const story = storyIdOfItem(db, itemId('outlet-a', 'r0'));
    run('outlet-a', [retold('outlet-a', 0)]);
    run('outlet-b', [retold('outlet-b', 1)]);
    expect(storyIdOfItem(db, itemId('outlet-b', 'r1'))).toBe(story);
  });

  it('files an old item re-published with a new guid and the same URL in the old story', () => {
    const { db, run } = setup();
    run('outlet-a', [item('outlet-a', 'first-guid', { title: 'Velmont water utility hacked', url: 'https://outlet-a.example/velmont', publishedAt: '2027-01-10T00:00:00.000Z' })]);
    run('outlet-a', [item('outlet-a', 'second-guid', { title: 'Velmont water utility hacked', url: 'https://outlet-a.example/velmont', publishedAt: '2027-03-03T00:00:00.000Z' })]);
    const story = storyIdOfItem(db, itemId('outlet-a', 'first-guid'));
    expect(storyIdOfItem(db, itemId('outlet-a', 'second-guid'))).toBe(story);
    expect(getStory(db, story!)).toMatchObject({ coverage: 1, size: 2, firstSeen: '2027-01-10T00:00:00.000Z', lastSeen: '2027-03-03T00:00:00.000Z' });
  });

  it('rolls a failing analysis batch back whole: its items stay stored and pending, with no story', () => {
    const db = openDatabase(':memory:');
    syncFeeds(db, FEEDS, 'now');
    const run = { feedId: 'wire', startedAt: 'now', outcome: 'ok' as const, httpStatus: 200, durationMs: 1, bytes: 1, attempts: 1, items: [retold('wire', 0)], etag: '"e"' };
    recordFeedRun(db, run);
    const batch = pendingItems(db, 10);
    // The batch's stories are filed, then its transaction fails (a full disk at COMMIT, say).
    expect(() => db.transaction(() => {
      writeAnalysedBatch(db, { items: batch, labels: new Map(), modelId: null }, storyFiler(settings), keysOf);
      throw new Error('disk full');
    })()).toThrow('disk full');
    expect(pendingItems(db, 10).map((p) => [p.item.id, p.storyId])).toEqual([[batch[0]!.item.id, null]]);
    expect(db.prepare('SELECT COUNT(*) FROM stories').pluck().get()).toBe(0);
    expect(db.prepare("SELECT etag FROM feeds WHERE id = 'wire'").pluck().get()).toBe('"e"');
  });

  it('rebuilds the band keys of the window when the MinHash parameters change, and prunes older ones', async () => {
    const { db, run } = setup();
    const wire = WIRE_COPIES.items[0]!;
    run('wire', [item('wire', 'old', { title: wire.title, summary: wire.summary, publishedAt: '2027-01-01T00:00:00.000Z' })]);
    run('wire', [item('wire', 'new', { title: 'Velmont water utility hacked', summary: 'Two plants run by hand.', publishedAt: '2027-03-03T00:00:00.000Z' })]);
    const keys = () => db.prepare('SELECT COUNT(*) FROM story_keys').pluck().get() as number;
    expect(keys()).toBeGreaterThan(settings.bands);
    const changed = { ...settings, numHashes: 32, bands: 32 };
    // As the analysis stage readies them: the window before `from`, keys of the changed settings.
    const prepareStoryKeys = (_db: Db, dedupe: typeof changed, from: Date) =>
      sqliteStorage(db).analysis.prepareStoryKeys(signatureOf(dedupe), new Date(from.getTime() - dedupe.windowDays * 86_400_000).toISOString(), (t, s) => fingerprint(t, s, dedupe).keys);
    expect(await prepareStoryKeys(db, changed, new Date('2027-03-05T00:00:00.000Z'))).toEqual({ pruned: 0, rebuiltItems: 1 });
    expect(storyKeysSignature(db)).toBe(signatureOf(changed));
    const rebuilt = keys();
    expect(rebuilt).toBeGreaterThan(0);
    expect(rebuilt).toBeLessThanOrEqual(32);
    // A month later the item is out of the window: its keys go.
    expect(await prepareStoryKeys(db, changed, new Date('2027-04-01T00:00:00.000Z'))).toEqual({ pruned: rebuilt, rebuiltItems: 0 });
    expect(keys()).toBe(0);
  });
});
