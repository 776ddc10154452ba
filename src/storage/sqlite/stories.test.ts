import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { DedupeItem } from '../../model/index.js';
import { describeStoryIndex } from '../../pipeline/dedupe/story-index.contract.js';
import { openDatabase } from './database.js';
import { migrate, MIGRATIONS } from './migrations.js';
import { getStory, sqliteStoryIndex } from './stories.js';

describeStoryIndex('SQLite', () => {
  const db = openDatabase(':memory:');
  const feeds = new Set<string>();
  const addItem = (item: DedupeItem) => {
    if (!feeds.has(item.feedId)) {
      feeds.add(item.feedId);
      db.prepare("INSERT INTO feeds (id, url, name, kind, weight, created_at) VALUES (?, ?, ?, 'news', ?, 'now')").run(item.feedId, `https://${item.feedId}.example/`, item.feedId, item.weight);
    }
    db.prepare(
      `INSERT INTO items (id, feed_id, guid, url, canonical_url, url_hash, title, summary, published_at, fetched_at, updated_at, content_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(item.id, item.feedId, item.id, item.canonicalUrl, item.canonicalUrl, item.urlHash, item.title, item.summary, item.publishedAt, item.publishedAt, item.publishedAt, 'h');
  };
  return { index: sqliteStoryIndex(db), addItem, story: (id) => getStory(db, id), close: () => db.close() };
});

describe('migration 2 on a database with items', () => {
  it('gives every stored item a story, items with one canonical URL sharing it (home pages excepted)', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    const feed = db.prepare("INSERT INTO feeds (id, url, name, kind, weight, created_at) VALUES (?, ?, ?, 'news', ?, 'now')");
    feed.run('heavy', 'https://heavy.example/feed', 'heavy', 3);
    feed.run('light', 'https://light.example/feed', 'light', 1);
    const item = db.prepare(
      `INSERT INTO items (id, feed_id, guid, canonical_url, url_hash, title, summary, published_at, fetched_at, updated_at, content_hash)
       VALUES (?, ?, ?, ?, ?, 't', '', ?, 'now', 'now', 'h')`,
    );
    item.run('a-light', 'light', 'a1', 'https://x.example/story', 'hx', '2027-03-01T00:00:00.000Z');
    item.run('a-heavy', 'heavy', 'a2', 'https://x.example/story', 'hx', '2027-03-02T00:00:00.000Z');
    item.run('root-1', 'light', 'r1', 'https://x.example/', 'hroot', '2027-03-01T00:00:00.000Z');
    item.run('root-2', 'heavy', 'r2', 'https://x.example/', 'hroot', '2027-03-01T00:00:00.000Z');
    item.run('no-url', 'light', 'n1', null, null, '2027-03-03T00:00:00.000Z');
    migrate(db);
    const storyOf = (id: string) => db.prepare('SELECT story_id FROM items WHERE id = ?').pluck().get(id) as number;
    expect(storyOf('a-light')).toBe(storyOf('a-heavy'));
    expect(new Set(['a-light', 'root-1', 'root-2', 'no-url'].map(storyOf)).size).toBe(4);
    expect(getStory(db, storyOf('a-light'))).toEqual({
      id: storyOf('a-light'), representativeItemId: 'a-heavy', firstSeen: '2027-03-01T00:00:00.000Z', lastSeen: '2027-03-02T00:00:00.000Z', coverage: 2, size: 2,
    });
    expect(db.prepare('SELECT COUNT(*) FROM items WHERE story_id IS NULL').pluck().get()).toBe(0);
    db.close();
  });
});
