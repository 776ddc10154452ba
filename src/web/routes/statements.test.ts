import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { seedFeeds, seedStory } from '../../../test/support/stories.js';
import type { Draft, DraftEntry } from '../../model/index.js';
import { migrate, saveDraft, writeClassification, type Db } from '../../storage/index.js';
import { CSRF_COOKIE } from '../security.js';
import { createReviewServer } from '../server.js';

/** A database that records every statement it executes (better-sqlite3's `verbose`). */
function countingDb(): { db: Db; statements: string[] } {
  const statements: string[] = [];
  const db = new Database(':memory:', { verbose: (sql) => statements.push(String(sql)) });
  db.pragma('foreign_keys = ON');
  migrate(db);
  return { db, statements };
}

function entry(storyId: string, n: number): DraftEntry {
  return {
    storyId,
    title: `Story ${n}`,
    url: `https://a.example/${n}`,
    source: 'Feed a',
    sourceId: 'a',
    blurb: null,
    topic: 'vulnerability',
    topicScores: [{ id: 'vulnerability', score: 0.9 }],
    publishedAt: '2026-11-24T10:00:00.000Z',
    coverage: 1,
    alsoCoveredBy: [],
    victims: [],
    cves: [],
    score: 1,
    rankReasons: [],
    included: true,
  };
}

/** Draft `number` with `size` stories whose representatives are classified, and one manual link. */
function seedDraft(db: Db, number: number, size: number): void {
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
    sections: [{ id: 'latest-news', title: 'Latest News', subtitle: null, entries: [...entries, entry(`manual-${number}`, size)] }],
  };
  saveDraft(db, draft);
}

let db: Db | undefined;
afterEach(() => db?.close());

describe('draft page', () => {
  it('runs the same statements for a draft of 30 entries as for one of 3', async () => {
    const counting = countingDb();
    db = counting.db;
    seedFeeds(db, [{ id: 'a' }]);
    seedDraft(db, 1, 3);
    seedDraft(db, 2, 30);
    const app = createReviewServer({ db });
    const page = async (number: number) => {
      counting.statements.length = 0;
      const response = await app.inject({ method: 'GET', url: `/drafts/${number}`, headers: { cookie: `${CSRF_COOKIE}=${'a'.repeat(43)}` } });
      expect(response.statusCode).toBe(200);
      return { body: response.body, statements: [...counting.statements] };
    };
    const small = await page(1);
    const large = await page(2);
    await app.close();
    // Every story's labels are on the page, read with the rest of the page.
    expect(small.body.match(/<dt>Topic evidence<\/dt>/g)).toHaveLength(3);
    expect(large.body.match(/<dt>Topic evidence<\/dt>/g)).toHaveLength(30);
    expect(large.body).toContain('evidence of d2-29');
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.length).toBeLessThanOrEqual(4);
  });
});
