import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedConfig, Item } from '../src/model/index.js';
import { contentHash, itemId } from '../src/pipeline/normalize/index.js';
import { acquireLock, openDatabase, recordFeedRun, syncFeeds } from '../src/storage/index.js';
import { cli, tempDir, writeConfig } from './support/cli.js';
import { startLocalServer, type LocalServer } from './support/local-server.js';

// Invented items: two outlets retelling one incident, and an unrelated funding story.
const ITEMS = [
  { feedId: 'outlet-a', guid: 'a-1', title: 'Ransomware attack halts Brennick Freight depots across three states', summary: 'Brennick Freight said ransomware encrypted dispatch servers, halting its depots in Ohio, Indiana and Michigan on Tuesday.' },
  { feedId: 'outlet-b', guid: 'b-1', title: 'Brennick Freight depots halted after ransomware attack on dispatch servers', summary: 'Trucking firm Brennick Freight halted depots in three states after a ransomware attack encrypted its dispatch servers.' },
  { feedId: 'outlet-b', guid: 'b-2', title: 'Quorvex raises $30 million for cloud detection', summary: 'Boston start-up Quorvex raised a Series B round led by Larch Capital.' },
];

function item(entry: (typeof ITEMS)[number]): Item {
  const url = `https://${entry.feedId}.example/${entry.guid}`;
  return {
    id: itemId(entry.feedId, entry.guid), feedId: entry.feedId, guid: entry.guid, url, canonicalUrl: url, urlHash: `h:${url}`,
    title: entry.title, summary: entry.summary, author: null, categories: [], publishedAt: '2026-11-23T10:00:00.000Z',
    fetchedAt: '2026-11-23T11:00:00.000Z', contentHash: contentHash(entry.title, entry.summary),
  };
}

/** The state a collect killed after its feed transactions and before its analysis stage leaves. */
function storeWithoutAnalysis(db: string, feeds: FeedConfig[]): void {
  const conn = openDatabase(db);
  try {
    syncFeeds(conn, feeds, '2026-11-23T11:00:00.000Z');
    for (const feed of feeds) {
      const items = ITEMS.filter((i) => i.feedId === feed.id).map(item);
      recordFeedRun(conn, { feedId: feed.id, startedAt: '2026-11-23T11:00:00.000Z', outcome: 'ok', httpStatus: 200, durationMs: 1, bytes: 1, attempts: 1, items });
    }
  } finally {
    conn.close();
  }
}

function analysisState(db: string) {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare('SELECT guid, analysis_pending AS pending, story_id AS storyId, topic FROM items ORDER BY guid').all() as { guid: string; pending: number; storyId: number | null; topic: string | null }[];
  } finally {
    conn.close();
  }
}

describe('the analysis stage finishes what a killed run left pending', () => {
  let server: LocalServer;
  let tmp: ReturnType<typeof tempDir>;
  let config: string;
  let feeds: FeedConfig[];

  beforeEach(async () => {
    server = await startLocalServer((_req, res) => void res.writeHead(304).end());
    tmp = tempDir();
    const configured = [{ id: 'outlet-a', url: `${server.baseUrl}/a.xml` }, { id: 'outlet-b', url: `${server.baseUrl}/b.xml` }];
    config = writeConfig(tmp.dir, configured);
    feeds = configured.map((f) => ({ ...f, name: f.id, kind: 'news', weight: 1, enabled: true, tags: [] }));
  });
  afterEach(async () => {
    await server.close();
    tmp.cleanup();
  });

  it('leaves stored items pending, unlabelled and without a story until analysed', () => {
    const db = path.join(tmp.dir, 'pending.db');
    storeWithoutAnalysis(db, feeds);
    expect(analysisState(db)).toEqual(ITEMS.map((i) => ({ guid: i.guid, pending: 1, storyId: null, topic: null })));
  });

  it('analyze --pending labels and files every pending item, once', async () => {
    const db = path.join(tmp.dir, 'pending.db');
    storeWithoutAnalysis(db, feeds);
    const run = await cli(['analyze', '--pending', '--config', config, '--db', db]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ items: 3, newStories: 2, pending: 0 });
    const state = analysisState(db);
    expect(state.every((row) => row.pending === 0 && row.storyId !== null && row.topic !== null)).toBe(true);
    const story = Object.fromEntries(state.map((row) => [row.guid, row.storyId]));
    expect(story['b-1']).toBe(story['a-1']);
    expect(story['b-2']).not.toBe(story['a-1']);
    // Idempotent: nothing left to do.
    expect(JSON.parse((await cli(['analyze', '--pending', '--config', config, '--db', db])).stdout)).toMatchObject({ items: 0, pending: 0 });
    expect(analysisState(db)).toEqual(state);
  });

  it('the next collect analyses them even when every feed answers 304, and says so in --json', async () => {
    const db = path.join(tmp.dir, 'pending.db');
    storeWithoutAnalysis(db, feeds);
    const run = await cli(['collect', '--config', config, '--db', db, '--json']);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.totals).toMatchObject({ notModified: 2, itemsNew: 0 });
    expect(summary.analysis).toMatchObject({ items: 3, newStories: 2, pending: 0 });
    expect(analysisState(db).every((row) => row.pending === 0 && row.storyId !== null)).toBe(true);
  });

  it('analyze --pending skips with exit 5 while a collect holds the lock, and analyses nothing', async () => {
    const db = path.join(tmp.dir, 'pending.db');
    storeWithoutAnalysis(db, feeds);
    const conn = openDatabase(db);
    try {
      acquireLock(conn, 'collect', 'another-host:1:abc', new Date(), 60_000);
    } finally {
      conn.close();
    }
    const run = await cli(['analyze', '--pending', '--config', config, '--db', db]);
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/another collect is running .*skipped \(pass --wait SECONDS/);
    expect(run.stdout).toBe('');
    expect(analysisState(db).every((row) => row.pending === 1)).toBe(true);
  });

  it('refuses flags of the other mode with exit 2 instead of ignoring them', async () => {
    const db = path.join(tmp.dir, 'pending.db');
    const mixed = await cli(['analyze', '--pending', '--skip-invalid', '--config', config, '--db', db]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/--skip-invalid is about input lines; --pending reads no input/);
    const waiting = await cli(['analyze', '--wait', '5', '--config', config], {}, '');
    expect(waiting.code).toBe(2);
    expect(waiting.stderr).toMatch(/--wait applies to --pending only/);
  });

  it('analyze --pending refuses a missing database instead of creating one', async () => {
    const run = await cli(['analyze', '--pending', '--config', config, '--db', path.join(tmp.dir, 'none.db')]);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/no database at .*none\.db/);
  });
});
