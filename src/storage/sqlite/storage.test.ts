import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../model/index.js';
import { migrate, openDatabase, recordFeedRun, schemaVersion, syncFeeds, getFeedState, listItems } from '../index.js';
import { createFeedRunWriter } from './group-commit.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

const feed = { id: 'f', name: 'F', url: 'https://f.example/feed', kind: 'news' as const, weight: 1, enabled: true, tags: [] };

function item(guid: string, title: string): Item {
  return {
    id: `id-${guid}`,
    feedId: 'f',
    guid,
    url: `https://f.example/${guid}`,
    canonicalUrl: `https://f.example/${guid}`,
    urlHash: `h-${guid}`,
    title,
    summary: '',
    author: null,
    categories: ['a'],
    publishedAt: '2026-11-20T00:00:00.000Z',
    fetchedAt: '2026-11-21T00:00:00.000Z',
    contentHash: `c-${title}`,
  };
}

const run = (items: Item[], extra: object = {}) => ({
  feedId: 'f',
  startedAt: '2026-11-21T00:00:00.000Z',
  outcome: 'ok' as const,
  httpStatus: 200,
  durationMs: 5,
  bytes: 100,
  attempts: 1,
  items,
  etag: '"e1"',
  lastModified: null,
  ...extra,
});

/** The database, except that its first COMMIT throws `error` (and commits nothing). */
function failingFirstCommit(db: ReturnType<typeof openDatabase>, error: Error): ReturnType<typeof openDatabase> {
  let failed = false;
  return new Proxy(db, {
    get(target, key) {
      if (key !== 'exec') return Reflect.get(target, key, target) as unknown;
      return (sql: string) => {
        if (sql === 'COMMIT' && !failed) {
          failed = true;
          throw error;
        }
        return target.exec(sql);
      };
    },
  });
}

describe('storage', () => {
  it('migrates once, records the version, and enables WAL', () => {
    const db = openDatabase(':memory:');
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(migrate(db)).toEqual([]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()).toEqual(
      expect.arrayContaining(['feeds', 'fetch_log', 'items', 'schema_migrations', 'stories']),
    );
    db.close();
  });

  it('migrates a version 5 database forward keeping every item, story, draft and correction; analysed items stay analysed', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-v5-')), 'v5.db');
    const old = new Database(file);
    migrate(old, MIGRATIONS.filter((m) => m.version <= 5));
    old.exec(`
      INSERT INTO feeds (id, url, name, kind, weight, created_at) VALUES ('f', 'https://f.example/feed', 'F', 'news', 1, 'now');
      INSERT INTO stories (id, representative_item_id, first_seen, last_seen, coverage, size) VALUES (1, 'i1', '2026-11-01', '2026-11-01', 1, 1);
      INSERT INTO items (id, feed_id, guid, title, summary, categories, published_at, fetched_at, updated_at, content_hash, story_id, topic)
        VALUES ('i1', 'f', 'g1', 'One', '', '[]', '2026-11-01', '2026-11-01', '2026-11-01', 'c1', 1, 'malware'),
               ('i2', 'f', 'g2', 'Two', '', '[]', '2026-11-01', '2026-11-01', '2026-11-01', 'c2', NULL, NULL);
      INSERT INTO corrections (item_id, field, value, title, summary, created_at) VALUES ('i1', 'topic', 'malware', 'One', '', 'now');
      INSERT INTO drafts (id, number, date, since, until, created_at) VALUES (1, 1, '2026-11-02', 'a', 'b', 'now');
    `);
    old.close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT id, story_id AS storyId, topic, analysis_pending AS pending FROM items ORDER BY id').all()).toEqual([
      { id: 'i1', storyId: 1, topic: 'malware', pending: 0 },
      // Without a story it was never filed: the analysis stage takes it.
      { id: 'i2', storyId: null, topic: null, pending: 1 },
    ]);
    expect(db.prepare('SELECT COUNT(*) FROM stories').pluck().get()).toBe(1);
    expect(db.prepare('SELECT COUNT(*) FROM corrections').pluck().get()).toBe(1);
    expect(db.prepare('SELECT COUNT(*) FROM drafts').pluck().get()).toBe(1);
    db.close();
  });

  it('refuses a database from a newer secdigest', () => {
    const db = openDatabase(':memory:');
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(SCHEMA_VERSION + 1, 'future', 'now');
    expect(() => migrate(db, MIGRATIONS)).toThrow(/newer than this secdigest understands/);
    db.close();
  });

  it('writes items, validators and the log together, and counts new / updated / seen', () => {
    const db = openDatabase(':memory:');
    syncFeeds(db, [feed], '2026-11-21T00:00:00.000Z');
    expect(recordFeedRun(db, run([item('1', 'One'), item('2', 'Two')]))).toEqual({ new: 2, updated: 0, seen: 0 });
    expect(recordFeedRun(db, run([item('1', 'One, edited'), item('2', 'Two')]))).toEqual({ new: 0, updated: 1, seen: 1 });
    expect(listItems(db).map((i) => i.title).sort()).toEqual(['One, edited', 'Two']);
    expect(getFeedState(db, 'f')).toMatchObject({ etag: '"e1"', lastStatus: 'ok', consecutiveErrors: 0 });
    expect(db.prepare('SELECT COUNT(*) FROM fetch_log').pluck().get()).toBe(2);
    db.close();
  });

  it('rolls back the whole feed when any write fails', () => {
    const db = openDatabase(':memory:');
    syncFeeds(db, [feed], '2026-11-21T00:00:00.000Z');
    const broken = { ...item('3', 'Three'), feedId: 'no-such-feed' }; // violates the foreign key
    expect(() => recordFeedRun(db, run([item('1', 'One'), broken]))).toThrow();
    expect(db.prepare('SELECT COUNT(*) FROM items').pluck().get()).toBe(0);
    expect(getFeedState(db, 'f')?.etag).toBeNull();
    db.close();
  });

  it('counts failures, disables on 410, and starts afresh when the URL changes', () => {
    const db = openDatabase(':memory:');
    syncFeeds(db, [feed], 'now');
    recordFeedRun(db, run([], { outcome: 'failed', httpStatus: 500, error: { code: 'http-status', message: 'HTTP 500' } }));
    recordFeedRun(db, run([], { outcome: 'gone', httpStatus: 410, error: { code: 'http-status', message: 'gone' } }));
    expect(getFeedState(db, 'f')).toMatchObject({ consecutiveErrors: 2, disabledReason: 'HTTP 410 Gone on 2026-11-21' });
    syncFeeds(db, [{ ...feed, url: 'https://f.example/new-feed' }], 'now');
    expect(getFeedState(db, 'f')).toMatchObject({ url: 'https://f.example/new-feed', consecutiveErrors: 0, disabledReason: null, etag: null });
    db.close();
  });

  it('group commit keeps each feed all-or-nothing and commits on flush', () => {
    const db = openDatabase(':memory:');
    syncFeeds(db, [feed, { ...feed, id: 'g', url: 'https://g.example/feed' }], 'now');
    const writer = createFeedRunWriter(db, { maxFeeds: 10, maxDelayMs: 60_000 });
    writer.record(run([item('1', 'One')]));
    const broken = { ...item('2', 'Two'), feedId: 'no-such-feed' };
    expect(() => writer.record({ ...run([{ ...item('3', 'Three'), feedId: 'g', id: 'id-g3' }, broken]), feedId: 'g' })).toThrow();
    expect(db.inTransaction).toBe(true);
    writer.flush();
    expect(db.inTransaction).toBe(false);
    // Feed f's run survived; feed g's failed run left no item, no validator, no log row.
    expect(listItems(db).map((i) => i.id)).toEqual(['id-1']);
    expect(getFeedState(db, 'g')?.etag).toBeNull();
    expect(db.prepare('SELECT feed_id FROM fetch_log').pluck().all()).toEqual(['f']);
    db.close();
  });

  it('a database directory that cannot be made is a database error, even under /proc (where recursive mkdir spins forever)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-dirs-'));
    try {
      fs.writeFileSync(path.join(dir, 'a-file'), '');
      for (const file of [path.join(dir, 'a-file', 'sub', 'x.db'), '/proc/secdigest-no-such-dir/sub/x.db']) {
        expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'database', message: expect.stringMatching(/^cannot open database /) }));
      }
      openDatabase(path.join(dir, 'new', 'deeper', 'x.db')).close(); // missing levels are made
      expect(fs.existsSync(path.join(dir, 'new', 'deeper', 'x.db'))).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a feed after the commit that stores it, at once when nothing waits', () => {
    const db = openDatabase(':memory:');
    syncFeeds(db, [feed], 'now');
    const writer = createFeedRunWriter(db, { maxFeeds: 2, maxDelayMs: 60_000 });
    const reported: string[] = [];
    writer.afterCommit(() => reported.push('nothing pending'));
    writer.record(run([item('1', 'One')]));
    writer.afterCommit(() => reported.push('first'));
    expect(reported).toEqual(['nothing pending']);
    writer.record(run([item('2', 'Two')])); // the second feed of the group: committed
    expect(reported).toEqual(['nothing pending', 'first']);
    writer.record(run([item('3', 'Three')]));
    writer.afterCommit(() => reported.push('third'));
    writer.flush();
    expect(reported).toEqual(['nothing pending', 'first', 'third']);
    db.close();
  });

  it('never reports or later commits a group whose transaction SQLite rolled back or whose COMMIT failed', () => {
    const db = openDatabase(':memory:');
    syncFeeds(db, [feed], 'now');
    const reported: string[] = [];
    // SQLite rolled the transaction back by itself (as after SQLITE_FULL in the middle of a write).
    const writer = createFeedRunWriter(db, { maxFeeds: 10, maxDelayMs: 60_000 });
    writer.record(run([item('1', 'One')]));
    writer.afterCommit(() => reported.push('one'));
    db.exec('ROLLBACK');
    expect(() => writer.flush()).toThrow(/rolled back by SQLite/);
    expect(reported).toEqual([]);
    expect(listItems(db)).toEqual([]);

    // A COMMIT that fails is rolled back, so the next group does not carry the failed one with it.
    const failing = failingFirstCommit(db, Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' }));
    const again = createFeedRunWriter(failing, { maxFeeds: 10, maxDelayMs: 60_000 });
    again.record(run([item('2', 'Two')]));
    again.afterCommit(() => reported.push('two'));
    expect(() => again.flush()).toThrow('disk I/O error');
    expect(db.inTransaction).toBe(false);
    again.record(run([item('3', 'Three')]));
    again.afterCommit(() => reported.push('three'));
    again.flush();
    expect(reported).toEqual(['three']);
    expect(listItems(db).map((i) => i.id)).toEqual(['id-3']);
    db.close();
  });

  it("a commit the timer cannot make is thrown to the next record, not from the timer (which would end the process)", async () => {
    const db = openDatabase(':memory:');
    syncFeeds(db, [feed], 'now');
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const failing = failingFirstCommit(db, full); // the disk fills up exactly at the timed commit
    const writer = createFeedRunWriter(failing, { maxFeeds: 10, maxDelayMs: 5 });
    writer.record(run([item('1', 'One')]));
    const reported: string[] = [];
    writer.afterCommit(() => reported.push('one'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(reported).toEqual([]); // rolled back, so never reported as stored
    expect(() => writer.record(run([item('2', 'Two')]))).toThrow(full);
    // Thrown once: the caller stops the run, and its closing flush does not throw it again.
    expect(() => writer.flush()).not.toThrow();
    db.close();
  });
});
