/**
 * Story filing on PostgreSQL against SQLite's (sqlite/analysis.ts, sqlite/stories.ts). SQLite files
 * item by item; PostgreSQL plans the batch and writes it a statement per step (postgres/analysis.ts).
 * The contract suite checks the port's promises; this drives both engines through the same random
 * batches (new stories, threads, joins into stored stories and into stories of the same batch,
 * feeds of equal and different weights, equal publication times, items changed in place, an item
 * another pass filed meanwhile) and compares every stories row and every filed item.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Item } from '../../model/index.js';
import { feed, item, NOW, run } from '../../../test/support/storage-contract/data.js';
import { POSTGRES_URL, postgresAvailable, uniqueName } from '../../../test/support/services.js';
import { openDatabase, sqliteStorage, type ItemFiling, type PendingItem, type Storage } from '../index.js';
import { postgresStorage } from './adapter.js';
import { createPool, postgresTarget } from './connection.js';
import { migrate, MIGRATIONS } from './migrations.js';

const available = await postgresAvailable();

/** mulberry32: the same sequence on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What to do with one new item, as random numbers read against the stories there are when it is filed. */
interface Choice {
  join: boolean;
  /** Join or continue a stored story (else one opened earlier in the batch, when there is one). */
  stored: boolean;
  /** Which one, as a fraction of those there are. */
  which: number;
  /** A new story continues another story's thread. */
  continues: boolean;
}

interface Round {
  items: Item[];
  /** Items of earlier rounds stored again with a changed text (pending again, keeping their story). */
  changed: Item[];
  /** The batch's first new item is filed by a pass of its own first (the batch must skip it). */
  preFile: boolean;
  choose: () => Choice;
}

const FEEDS = [feed('f0', 1), feed('f1', 3), feed('f2', 1), feed('f3', 2), feed('f4', 3)];

function scenario(seed: number, rounds: number): Round[] {
  const next = random(seed);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const times: string[] = [];
  const all: Item[] = [];
  const result: Round[] = [];
  for (let r = 0; r < rounds; r++) {
    const items: Item[] = [];
    for (let n = 0; n < 30; n++) {
      const feedId = pick(FEEDS).id;
      const at = times.length > 0 && next() < 0.2 ? pick(times) : new Date(Date.parse('2026-11-20T00:00:00.000Z') + Math.floor(next() * 96) * 3_600_000).toISOString();
      times.push(at);
      items.push(item(feedId, `r${r}-${n}`, `Story ${r}-${n}`, at));
    }
    const changed = r === 0 ? [] : [pick(all), pick(all)].map((it) => ({ ...it, title: `${it.title} (updated ${r})`, contentHash: `c:${it.id}:${r}` }));
    all.push(...items);
    result.push({ items, changed, preFile: r === 2, choose: () => ({ join: next() < 0.6, stored: next() < 0.5, which: next(), continues: next() < 0.5 }) });
  }
  return result;
}

interface Snapshot {
  stories: { story: number; representative: string; firstSeen: string; lastSeen: string; coverage: number; size: number; thread: number }[];
  items: { id: string; story: number | null; copyKey: string | null; evidence: string | null; pending: boolean }[];
}

/** Runs the scenario's rounds through one engine's ports. */
async function drive(storage: Storage, rounds: readonly Round[]): Promise<void> {
  await storage.feeds.sync(FEEDS, NOW);
  const stored: number[] = []; // stored story ids, in creation order
  const remember = (ids: ReadonlyMap<number, number>) => stored.push(...[...ids.values()].sort((a, b) => a - b));
  for (const round of rounds) {
    const writer = storage.feedRuns.writer({ maxFeeds: 100, maxDelayMs: 60_000 });
    for (const f of FEEDS) {
      const items = [...round.items, ...round.changed].filter((i) => i.feedId === f.id);
      if (items.length > 0) await writer.record(run(f.id, items));
    }
    await writer.flush();
    const pending = await storage.analysis.pending(1_000);
    const filings = filingsOf(pending, round, stored);
    if (round.preFile) {
      const first = filings[0]!;
      remember(await storage.analysis.writeBatch({ items: pending.filter((p) => p.item.id === first.itemId), labels: new Map(), modelId: null, filings: [{ ...first, copyKey: 'pre' }] }));
    }
    remember(await storage.analysis.writeBatch({ items: pending, labels: new Map(), modelId: null, filings }));
  }
}

/** The filings of a batch's new items by the round's choices (the same on every engine: they depend on counts only). */
function filingsOf(pending: readonly PendingItem[], round: Round, stored: readonly number[]): ItemFiling[] {
  const opened: number[] = [];
  const existing = (choice: Choice): number | undefined => {
    const list = (choice.stored || opened.length === 0) && stored.length > 0 ? stored : opened;
    return list.length > 0 ? list[Math.floor(choice.which * list.length)] : undefined;
  };
  return pending
    .filter((p) => p.storyId === null)
    .map(({ item: it }, n) => {
      const choice = round.choose();
      const copyKey = n % 3 === 0 ? null : `copy:${it.id}`;
      const evidence = n % 4 === 0 ? null : JSON.stringify({ n });
      // With a pre-filed first item, the second one joins its story, so it opens that story in the batch.
      const target = round.preFile && n < 2 ? opened[0] : choice.join ? existing(choice) : undefined;
      if (target !== undefined) return { itemId: it.id, storyId: target, threadId: 0, copyKey, evidence };
      const storyId = -(opened.length + 1);
      const threadId = (choice.continues && existing(choice)) || storyId;
      opened.push(storyId);
      return { itemId: it.id, storyId, threadId, copyKey, evidence };
    });
}

/** Stories ranked by id (ids themselves may differ between engines), with every column. */
function snapshotOf(
  stories: { id: number; representative_item_id: string; first_seen: string; last_seen: string; coverage: number; size: number; thread_id: number }[],
  items: { id: string; story_id: number | null; copy_key: string | null; story_evidence: string | null; analysis_pending: number | boolean }[],
): Snapshot {
  const rank = new Map(stories.map((s, n) => [Number(s.id), n]));
  return {
    stories: stories.map((s) => ({
      story: rank.get(Number(s.id))!, representative: s.representative_item_id, firstSeen: s.first_seen, lastSeen: s.last_seen,
      coverage: Number(s.coverage), size: Number(s.size), thread: rank.get(Number(s.thread_id)) ?? -1,
    })),
    items: items.map((i) => ({
      id: i.id, story: i.story_id === null ? null : rank.get(Number(i.story_id))!, copyKey: i.copy_key, evidence: i.story_evidence, pending: Boolean(i.analysis_pending),
    })),
  };
}

const STORIES = 'SELECT id, representative_item_id, first_seen, last_seen, coverage, size, thread_id FROM stories ORDER BY id';
const ITEMS = 'SELECT id, story_id, copy_key, story_evidence, analysis_pending FROM items ORDER BY id';

describe.skipIf(!available)('PostgreSQL story filing, against SQLite', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function sqliteRun(rounds: Round[]): Promise<Snapshot> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-filing-'));
    const db = openDatabase(path.join(dir, 'filing.db'));
    cleanups.push(async () => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    await drive(sqliteStorage(db), rounds);
    return snapshotOf(db.prepare(STORIES).all() as never, db.prepare(ITEMS).all() as never);
  }

  async function postgresRun(rounds: Round[]): Promise<Snapshot> {
    const schema = uniqueName('secdigest_test');
    const storage = await postgresStorage(POSTGRES_URL, { schema });
    const pool = createPool(postgresTarget(POSTGRES_URL, schema), {});
    cleanups.push(async () => {
      await storage.close();
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pool.end();
    });
    await drive(storage, rounds);
    return snapshotOf((await pool.query(STORIES)).rows, (await pool.query(ITEMS)).rows);
  }

  it.each([1, 2, 3])('files random batches exactly as SQLite does (seed %i)', async (seed) => {
    const expected = await sqliteRun(scenario(seed, 4));
    const actual = await postgresRun(scenario(seed, 4));
    // The scenario exercises what it is meant to: joins that add feeds, threads, a skipped item.
    expect(expected.stories.some((s) => s.size > 2 && s.coverage > 1)).toBe(true);
    expect(expected.stories.some((s) => s.thread !== s.story)).toBe(true);
    expect(expected.items.filter((i) => i.story === null || i.pending)).toEqual([]);
    expect(actual).toEqual(expected);
  });

  it('ingests an entry given several times (analyze --db input) as SQLite does: the last text stays', async () => {
    const versions = ['First text', 'Second text', 'First text'].map((title, n) => ({ ...item('analyze:x', '1', title), contentHash: `c:${n % 2}` }));
    const input = { feeds: [{ id: 'analyze:x', name: 'x', url: 'analyze:x', kind: 'news' as const, weight: 1 }], items: [...versions, item('analyze:x', '2', 'Other')], now: NOW };
    const read = async (storage: Storage) => {
      await storage.analysis.ingest(input);
      return (await storage.analysis.pending(10)).map((p) => [p.item.id, p.item.title, p.item.contentHash]);
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-ingest-'));
    const db = openDatabase(path.join(dir, 'ingest.db'));
    cleanups.push(async () => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const schema = uniqueName('secdigest_test');
    const storage = await postgresStorage(POSTGRES_URL, { schema });
    cleanups.push(async () => {
      await storage.close();
      const pool = createPool(postgresTarget(POSTGRES_URL, schema), {});
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pool.end();
    });
    const expected = await read(sqliteStorage(db));
    expect(expected).toEqual([['analyze:x:1', 'First text', 'c:0'], ['analyze:x:2', 'Other', 'c:Other']]);
    expect(await read(storage)).toEqual(expected);
  });

  it('migration 2 makes each stored story a thread of its own and files nothing anew', async () => {
    const schema = uniqueName('secdigest_test');
    const pool = createPool(postgresTarget(POSTGRES_URL, schema), {});
    cleanups.push(async () => {
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pool.end();
    });
    await migrate(pool, schema, MIGRATIONS.slice(0, 1));
    await pool.query("INSERT INTO feeds (id, url, name, kind, created_at) VALUES ('a', 'https://a.example/', 'A', 'news', 'now')");
    await pool.query(
      `INSERT INTO stories (representative_item_id, first_seen, last_seen) VALUES ('a:1', 't1', 't1'), ('a:2', 't2', 't2')`,
    );
    await pool.query(
      `INSERT INTO items (id, feed_id, guid, title, summary, published_at, fetched_at, updated_at, content_hash, story_id)
       SELECT 'a:' || n, 'a', n::text, 't', '', 't' || n, 'now', 'now', 'h', n FROM generate_series(1, 2) n`,
    );
    expect(await migrate(pool, schema)).toEqual(MIGRATIONS.slice(1).map((m) => m.version));
    expect((await pool.query('SELECT id, thread_id FROM stories ORDER BY id')).rows).toEqual([{ id: 1, thread_id: 1 }, { id: 2, thread_id: 2 }]);
    expect((await pool.query('SELECT copy_key, story_evidence FROM items')).rows).toEqual([
      { copy_key: null, story_evidence: null },
      { copy_key: null, story_evidence: null },
    ]);
  });
});
