import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { seedFeeds, seedStory } from '../../../test/support/stories.js';
import type { Draft, DraftEntry } from '../../model/index.js';
import { makeEntry } from '../../newsletter/fixtures/make-candidate.js';
import { loadDraft, migrate, saveDraft, sqliteStorage, writeClassification } from '../../storage/index.js';

// What these tests count is SQLite statements, so they hold the driver's own handle (better-sqlite3's
// `verbose` hook) and serve the page through the SQLite adapter; another engine needs its own count.
type SqliteHandle = Database.Database;
import { ORIGIN } from '../fixtures/client.js';
import { CSRF_COOKIE } from '../security.js';
import { createPageFetcher } from '../page-info.js';
import { createReviewServer } from '../server.js';

/** A database that records every statement it executes (better-sqlite3's `verbose`). */
function countingDb(): { db: SqliteHandle; statements: string[] } {
  const statements: string[] = [];
  const db = new Database(':memory:', { verbose: (sql) => statements.push(String(sql)) });
  db.pragma('foreign_keys = ON');
  migrate(db);
  return { db, statements };
}

function entry(storyId: string, n: number): DraftEntry {
  return makeEntry(storyId, { title: `Story ${n}`, url: `https://a.example/${n}`, source: 'Feed a', sourceId: 'a', topicScores: [{ id: 'vulnerability', score: 0.9 }] });
}

/** Draft `number` with `size` stories whose representatives are classified, and one manual link. */
function seedDraft(db: SqliteHandle, number: number, size: number): void {
  const entries = Array.from({ length: size }, (_, i) => {
    const itemId = `d${number}-${i}`;
    const storyId = seedStory(db, [{ id: itemId, feedId: 'a', title: `Story ${i}`, publishedAt: '2026-11-24T10:00:00.000Z', classification: null }]);
    writeClassification(
      db,
      itemId,
      {
        topic: 'vulnerability',
        topics: [{ id: 'vulnerability', score: 0.9 }],
        relevant: true,
        relevanceScore: 0.9,
        section: 'news',
        cves: [],
        victims: [],
        evidence: { topic: [`evidence of ${itemId}`], relevance: [], section: [] },
      },
      null,
    );
    return entry(String(storyId), i);
  });
  const draft: Draft = {
    number,
    date: '2026-11-25',
    window: { since: '2026-11-24T06:00:00.000Z', until: '2026-11-25T06:00:00.000Z' },
    createdAt: '2026-11-25T06:00:00.000Z',
    sentAt: null,
    slots: {},
    sections: [{ id: 'latest-news', title: 'Latest News', subtitle: null, entries: [...entries, entry(`manual-${number}`, size)] }],
  };
  saveDraft(db, draft);
}

let db: SqliteHandle | undefined;
afterEach(() => db?.close());

const CSRF = 'a'.repeat(43);

/** Drafts #1 (3 stories) and #2 (30 stories) on a database that counts statements, and the server. */
function setup() {
  const counting = countingDb();
  db = counting.db;
  seedFeeds(db, [{ id: 'a' }]);
  seedDraft(db, 1, 3);
  seedDraft(db, 2, 30);
  const app = createReviewServer({ storage: sqliteStorage(db), fetchPage: createPageFetcher() });
  /** The statements one request runs. */
  const run = async (request: { method: 'GET' | 'POST'; url: string; fields?: Record<string, string> }) => {
    counting.statements.length = 0;
    const response = await app.inject({
      method: request.method,
      url: request.url,
      headers: { cookie: `${CSRF_COOKIE}=${CSRF}`, ...(request.method === 'POST' ? { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(request.method === 'POST' ? { payload: new URLSearchParams({ _csrf: CSRF, ...request.fields }).toString() } : {}),
    });
    expect(response.statusCode, response.body).toBeLessThan(400);
    return { body: response.body, statements: [...counting.statements] };
  };
  return { app, db, run };
}

describe('draft page', () => {
  it('runs the same statements for a draft of 30 entries as for one of 3', async () => {
    const { app, run } = setup();
    const small = await run({ method: 'GET', url: '/drafts/1' });
    const large = await run({ method: 'GET', url: '/drafts/2' });
    await app.close();
    // Every story's labels are on the page, read with the rest of the page.
    expect(small.body.match(/<dt>Topic evidence<\/dt>/g)).toHaveLength(3);
    expect(large.body.match(/<dt>Topic evidence<\/dt>/g)).toHaveLength(30);
    expect(large.body).toContain('evidence of d2-29');
    expect(large.statements.length).toBe(small.statements.length);
    // The draft, its sections and entries, the labels, and how each story was formed (issue 15);
    // the latest edits and whether undo / redo can act, and the window's stories for the pool's size (issue 19).
    expect(large.statements.length).toBeLessThanOrEqual(10);
  });
});

describe('edits', () => {
  it('read the draft row and what the action needs, never the whole draft', async () => {
    const { app, db, run } = setup();
    const storyId = loadDraft(db, 2)!.sections[0]!.entries[10]!.storyId;
    const edit = (action: string, fields: Record<string, string> = {}) => run({ method: 'POST', url: `/drafts/2/entries/${storyId}/${action}`, fields });
    const edits = [
      await edit('exclude'),
      await edit('include'),
      await edit('title', { title: 'Retitled' }),
      await edit('blurb', { blurb: 'One line.' }),
      await edit('up'),
      await edit('topic', { topic: 'malware' }),
      await edit('section', { section: 'latest-news' }),
      await run({ method: 'POST', url: '/drafts/2/entries', fields: { url: 'https://b.example/x', title: 'Added', source: 'B' } }),
    ];
    await app.close();
    for (const { statements } of edits) {
      expect(statements.filter((sql) => /FROM draft_entries WHERE draft_id = \S+ ORDER BY section_id/.test(sql))).toEqual([]);
      expect(statements[0]).toBe('SELECT id, number FROM drafts WHERE number = 2.0');
    }
    // A plain write learns from the write itself that the entry exists; with it, in one transaction,
    // the entry as it was and as it is, and its history event (issue 19): the draft row, BEGIN, the
    // entry, the write, the entry, the redo stack cleared, the event, COMMIT.
    expect(edits[0]!.statements).toHaveLength(8);
    expect(loadDraft(db, 2)!.sections[0]!.entries.at(-1)).toMatchObject({ title: 'Added', source: 'B' });
  });
});
