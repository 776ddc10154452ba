import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { migrate, MIGRATIONS } from './migrations.js';
import { createStory, getStory, joinStory, setItemStory } from './stories.js';

describe('stories in SQLite', () => {
  it('keeps span, size, coverage and the representative (heaviest feed, then earliest, then smallest id) as members join', () => {
    const db = openDatabase(':memory:');
    const feed = db.prepare("INSERT INTO feeds (id, url, name, kind, weight, created_at) VALUES (?, ?, ?, 'news', ?, 'now')");
    feed.run('light', 'https://light.example/', 'light', 1);
    feed.run('heavy', 'https://heavy.example/', 'heavy', 3);
    const add = (id: string, feedId: string, publishedAt: string) =>
      db.prepare(
        `INSERT INTO items (id, feed_id, guid, title, summary, published_at, fetched_at, updated_at, content_hash)
         VALUES (?, ?, ?, 't', '', ?, 'now', 'now', 'h')`,
      ).run(id, feedId, id, publishedAt);
    add('a', 'light', '2027-03-02T00:00:00.000Z');
    add('b', 'heavy', '2027-03-03T00:00:00.000Z');
    add('c', 'light', '2027-03-01T00:00:00.000Z');
    const id = createStory(db, 'a', '2027-03-02T00:00:00.000Z', null);
    setItemStory(db, 'a', id, null, null);
    for (const [itemId, feedId, publishedAt] of [['b', 'heavy', '2027-03-03T00:00:00.000Z'], ['c', 'light', '2027-03-01T00:00:00.000Z']] as const) {
      setItemStory(db, itemId, id, null, null);
      joinStory(db, id, { id: itemId, feedId, publishedAt });
    }
    expect(getStory(db, id)).toEqual({
      id, representativeItemId: 'b', firstSeen: '2027-03-01T00:00:00.000Z', lastSeen: '2027-03-03T00:00:00.000Z', coverage: 2, size: 3, threadId: id,
    });
    expect(() => setItemStory(db, 'missing', id, null, null)).toThrow('not stored');
  });
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
      id: storyOf('a-light'), threadId: storyOf('a-light'), representativeItemId: 'a-heavy', firstSeen: '2027-03-01T00:00:00.000Z', lastSeen: '2027-03-02T00:00:00.000Z', coverage: 2, size: 2,
    });
    expect(db.prepare('SELECT COUNT(*) FROM items WHERE story_id IS NULL').pluck().get()).toBe(0);
    db.close();
  });
});
