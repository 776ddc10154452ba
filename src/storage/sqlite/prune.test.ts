import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, syncFeeds, type Db } from '../index.js';
import { pruneOldItems } from './prune.js';

const OLD = '2026-01-10T00:00:00.000Z';
const RECENT = '2026-11-20T00:00:00.000Z';
const CUTOFF = '2026-06-01T00:00:00.000Z';

/** Items by story: [item id, story id or null, published = first stored]. */
const ITEMS: [string, number | null, string][] = [
  ['lonely-old', 1, OLD], // a story of its own, never drafted: goes
  ['drafted-a', 2, OLD], // a drafted story: both members stay
  ['drafted-b', 2, OLD],
  ['growing-old', 3, OLD], // a story that also has a recent member: stays whole
  ['growing-new', 3, RECENT],
  ['storyless-old', null, OLD], // no story at all: goes
  ['fresh', 4, RECENT],
];

describe('prune', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    syncFeeds(db, [{ id: 'f', name: 'F', url: 'https://f.example/', kind: 'news', weight: 1, enabled: true, tags: [] }], OLD);
    for (const story of [1, 2, 3, 4]) {
      const members = ITEMS.filter(([, s]) => s === story);
      db.prepare('INSERT INTO stories (id, representative_item_id, first_seen, last_seen, coverage, size) VALUES (?, ?, ?, ?, 1, ?)').run(
        story, members[0]![0], members[0]![2], members.at(-1)![2], members.length,
      );
    }
    for (const [id, story, at] of ITEMS) {
      db.prepare(
        `INSERT INTO items (id, feed_id, guid, title, summary, published_at, fetched_at, updated_at, content_hash, story_id)
         VALUES (?, 'f', ?, ?, '', ?, ?, ?, 'h', ?)`,
      ).run(id, id, id, at, at, at, story);
    }
    db.prepare("INSERT INTO drafts (id, number, date, since, until, created_at) VALUES (1, 1, '2026-01-11', ?, ?, ?)").run(OLD, OLD, OLD);
    db.prepare(
      `INSERT INTO draft_entries (draft_id, story_id, section_id, position, title, source, source_id, topic, published_at, coverage, score)
       VALUES (1, '2', 'latest-news', 0, 'Drafted', 'F', 'f', 'vulnerability', ?, 1, 1)`,
    ).run(OLD);
    for (const at of [OLD, OLD, RECENT]) {
      db.prepare("INSERT INTO fetch_log (feed_id, started_at, outcome, duration_ms) VALUES ('f', ?, 'ok', 1)").run(at);
    }
  });
  afterEach(() => db.close());

  const itemIds = () => (db.prepare('SELECT id FROM items ORDER BY id').pluck().all() as string[]);
  const storyIds = () => (db.prepare('SELECT id FROM stories ORDER BY id').pluck().all() as number[]);

  it('removes old items no draft needs, with their empty stories and old log rows', () => {
    const counts = pruneOldItems(db, CUTOFF, { dryRun: false });
    expect(counts).toEqual({ items: 2, stories: 1, storyKeys: 0, fetchLog: 2, keptForDrafts: 2, keptForRecentStories: 1 });
    expect(itemIds()).toEqual(['drafted-a', 'drafted-b', 'fresh', 'growing-new', 'growing-old']);
    expect(storyIds()).toEqual([2, 3, 4]);
    // The draft still resolves to its story and every member of it.
    expect(db.prepare("SELECT COUNT(*) FROM items WHERE story_id = (SELECT CAST(story_id AS INTEGER) FROM draft_entries)").pluck().get()).toBe(2);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Idempotent.
    expect(pruneOldItems(db, CUTOFF, { dryRun: false })).toMatchObject({ items: 0, stories: 0, fetchLog: 0 });
  });

  it('a dry run reports the same counts and changes nothing', () => {
    const before = { items: itemIds(), stories: storyIds() };
    const counts = pruneOldItems(db, CUTOFF, { dryRun: true });
    expect(counts).toEqual({ items: 2, stories: 1, storyKeys: 0, fetchLog: 2, keptForDrafts: 2, keptForRecentStories: 1 });
    expect({ items: itemIds(), stories: storyIds() }).toEqual(before);
    expect(db.prepare('SELECT COUNT(*) FROM fetch_log').pluck().get()).toBe(3);
    expect(db.inTransaction).toBe(false);
  });

  it('keeps an old item first stored recently (a feed that still lists it would only add it back)', () => {
    db.prepare("UPDATE items SET fetched_at = ? WHERE id = 'lonely-old'").run(RECENT);
    expect(pruneOldItems(db, CUTOFF, { dryRun: false }).items).toBe(1);
    expect(itemIds()).toContain('lonely-old');
  });
});
