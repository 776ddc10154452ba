import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../config/defaults.js';
import type { FeedConfig, Item } from '../../model/index.js';
import { RETOLD } from '../dedupe/fixtures/cases.js';
import { contentHash, itemId } from '../normalize/index.js';
import { getStory, openDatabase, pendingItems, recordFeedRun, storyIdOfItem, sqliteStorage, syncFeeds, writeAnalysedBatch, type Db } from '../../storage/index.js';
import { StoryFiler } from './stories.js';

const settings = DEFAULT_SETTINGS.dedupe;
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

function setup(): { db: Db; run: (feedId: string, items: Item[]) => Promise<void> } {
  const db = openDatabase(':memory:');
  syncFeeds(db, FEEDS, 'now');
  const store = sqliteStorage(db).analysis;
  // A feed run stores its items pending; the analysis stage then files them (one pass per run here,
  // so each run's filer loads the stored window afresh, as a later collect's would).
  const run = async (feedId: string, items: Item[]) => {
    recordFeedRun(db, { feedId, startedAt: '2027-03-04T00:00:00.000Z', outcome: 'ok', httpStatus: 200, durationMs: 1, bytes: 1, attempts: 1, items });
    const batch = await store.pending(1_000);
    const { filings } = await new StoryFiler(store, settings).file(batch);
    await store.writeBatch({ items: batch, labels: new Map(), modelId: null, filings });
  };
  return { db, run };
}

const retold = (feedId: string, n: number) => {
  const source = RETOLD.items[n]!;
  return item(feedId, `r${n}`, { title: source.title, summary: source.summary, publishedAt: source.publishedAt });
};

describe('stories in collect (storage + dedupe, one transaction per feed run)', () => {
  it('files a story retold by several feeds as one story with their coverage', async () => {
    const { db, run } = setup();
    await run('outlet-a', [retold('outlet-a', 0)]);
    await run('outlet-b', [retold('outlet-b', 1)]);
    await run('outlet-c', [retold('outlet-c', 2)]);
    const story = storyIdOfItem(db, itemId('outlet-a', 'r0'))!;
    expect(storyIdOfItem(db, itemId('outlet-b', 'r1'))).toBe(story);
    expect(storyIdOfItem(db, itemId('outlet-c', 'r2'))).toBe(story);
    expect(getStory(db, story)).toMatchObject({ coverage: 3, size: 3, representativeItemId: itemId('outlet-a', 'r0') });
  });

  it('joins the same canonical URL across feeds (tracking parameters already gone) into one story', async () => {
    const { db, run } = setup();
    await run('outlet-a', [item('outlet-a', 'x', { title: 'Velmont water utility hacked', url: 'https://velmont.example/notice' })]);
    await run('wire', [item('wire', 'y', { title: 'Notice to customers', url: 'https://velmont.example/notice' })]);
    expect(storyIdOfItem(db, itemId('wire', 'y'))).toBe(storyIdOfItem(db, itemId('outlet-a', 'x')));
  });

  it('keeps the id and the story of an entry updated in place', async () => {
    const { db, run } = setup();
    await run('outlet-a', [retold('outlet-a', 0)]);
    const story = storyIdOfItem(db, itemId('outlet-a', 'r0'));
    const edited = { ...retold('outlet-a', 0), title: 'UPDATED: Velmont says water was never at risk', contentHash: 'edited' };
    await run('outlet-a', [edited]);
    expect(db.prepare('SELECT id, title, story_id AS storyId FROM items').all()).toEqual([{ id: itemId('outlet-a', 'r0'), title: edited.title, storyId: story }]);
    expect(getStory(db, story!)).toMatchObject({ size: 1 });
  });

  it('matches a later retelling against an updated entry\'s new text (its story keeps it)', async () => {
    const { db, run } = setup();
    const placeholder = item('outlet-a', 'r0', { title: 'Developing story', summary: 'More details to follow.', publishedAt: RETOLD.items[0]!.publishedAt });
    await run('outlet-a', [placeholder]);
    const story = storyIdOfItem(db, itemId('outlet-a', 'r0'));
    await run('outlet-a', [retold('outlet-a', 0)]);
    await run('outlet-b', [retold('outlet-b', 1)]);
    expect(storyIdOfItem(db, itemId('outlet-b', 'r1'))).toBe(story);
  });

  it('files an old item re-published with a new guid and the same URL in the old story', async () => {
    const { db, run } = setup();
    await run('outlet-a', [item('outlet-a', 'first-guid', { title: 'Velmont water utility hacked', url: 'https://outlet-a.example/velmont', publishedAt: '2027-01-10T00:00:00.000Z' })]);
    await run('outlet-a', [item('outlet-a', 'second-guid', { title: 'Velmont water utility hacked', url: 'https://outlet-a.example/velmont', publishedAt: '2027-03-03T00:00:00.000Z' })]);
    const story = storyIdOfItem(db, itemId('outlet-a', 'first-guid'));
    expect(storyIdOfItem(db, itemId('outlet-a', 'second-guid'))).toBe(story);
    expect(getStory(db, story!)).toMatchObject({ coverage: 1, size: 2, firstSeen: '2027-01-10T00:00:00.000Z', lastSeen: '2027-03-03T00:00:00.000Z' });
  });

  it('rolls a failing analysis batch back whole: its items stay stored and pending, with no story', async () => {
    const db = openDatabase(':memory:');
    syncFeeds(db, FEEDS, 'now');
    const run = { feedId: 'wire', startedAt: 'now', outcome: 'ok' as const, httpStatus: 200, durationMs: 1, bytes: 1, attempts: 1, items: [retold('wire', 0)], etag: '"e"' };
    recordFeedRun(db, run);
    const batch = pendingItems(db, 10);
    // The batch's stories are filed, then its transaction fails (a full disk at COMMIT, say).
    const { filings } = await new StoryFiler(sqliteStorage(db).analysis, settings).file(batch);
    expect(() => db.transaction(() => {
      writeAnalysedBatch(db, { items: batch, labels: new Map(), modelId: null, filings });
      throw new Error('disk full');
    })()).toThrow('disk full');
    expect(pendingItems(db, 10).map((p) => [p.item.id, p.storyId])).toEqual([[batch[0]!.item.id, null]]);
    expect(db.prepare('SELECT COUNT(*) FROM stories').pluck().get()).toBe(0);
    expect(db.prepare("SELECT etag FROM feeds WHERE id = 'wire'").pluck().get()).toBe('"e"');
  });

  it('links a later development of an incident into the thread of the first story, as a story of its own', async () => {
    const { db, run } = setup();
    await run('outlet-a', [retold('outlet-a', 0)]);
    await run('outlet-b', [item('outlet-b', 'claim', {
      title: 'Velmont water authority attack claimed by the Drosk ransomware gang',
      summary: 'The Drosk gang listed the Velmont Regional Water Authority on its leak site, claiming it stole 200 GB of files before operators switched plants to manual.',
      publishedAt: '2027-03-10T09:00:00.000Z',
    })]);
    const first = getStory(db, storyIdOfItem(db, itemId('outlet-a', 'r0'))!)!;
    const claim = getStory(db, storyIdOfItem(db, itemId('outlet-b', 'claim'))!)!;
    expect(claim.id).not.toBe(first.id);
    expect(claim.threadId).toBe(first.threadId);
    const evidence = JSON.parse(db.prepare('SELECT story_evidence FROM items WHERE id = ?').pluck().get(itemId('outlet-b', 'claim')) as string);
    expect(evidence).toMatchObject({ rule: 'thread', previousStoryId: first.id });
    expect(evidence.sharedNames).toContain('velmont');
  });
});
