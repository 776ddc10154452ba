/**
 * The storage several secdigest processes share in the queue tests, named by what `--db` gets, so a
 * test runs the same against each engine. SQLite: one file (WAL and a busy timeout let processes on
 * one machine share it); PostgreSQL: a schema of its own in the test database, dropped at the end.
 * What the tests read back is plain data: items by feed, stories as sets of
 * item ids, items still pending analysis.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

export interface StoredSnapshot {
  /** Item ids by feed id, sorted. */
  itemsByFeed: Map<string, string[]>;
  /** Each story's member item ids (sorted), stories sorted by their first member. */
  stories: string[][];
  /** Items without a story or still pending analysis. */
  unfiled: number;
  /** Fetch-log rows by feed id (a retried job writes a second one). */
  runsByFeed: Map<string, number>;
}

export interface SharedStorage {
  engine: string;
  /** The value of `--db`. */
  db: string;
  snapshot(): Promise<StoredSnapshot>;
  cleanup(): Promise<void>;
}

export function sqliteShared(dir: string, name = 'shared.db'): SharedStorage {
  const file = path.join(dir, name);
  return {
    engine: 'sqlite',
    db: file,
    async snapshot() {
      const db = new Database(file, { readonly: true });
      try {
        const items = db.prepare('SELECT id, feed_id AS feedId, story_id AS storyId, analysis_pending AS pending FROM items ORDER BY id').all() as { id: string; feedId: string; storyId: number | null; pending: number }[];
        const runs = db.prepare('SELECT feed_id AS feedId, COUNT(*) AS n FROM fetch_log GROUP BY feed_id').all() as { feedId: string; n: number }[];
        return snapshotOf(items, runs);
      } finally {
        db.close();
      }
    },
    async cleanup() {},
  };
}

/** A fresh schema `schema` in the database of `url` (created by the first process that migrates). */
export function postgresShared(url: string, schema: string): SharedStorage {
  const query = async <T>(sql: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };
  return {
    engine: 'postgres',
    db: `${url}${url.includes('?') ? '&' : '?'}schema=${schema}`,
    async snapshot() {
      const items = await query<{ id: string; feedId: string; storyId: string | null; pending: boolean }>(
        `SELECT id, feed_id AS "feedId", story_id AS "storyId", analysis_pending AS pending FROM ${schema}.items ORDER BY id`,
      );
      const runs = await query<{ feedId: string; n: number }>(`SELECT feed_id AS "feedId", COUNT(*) AS n FROM ${schema}.fetch_log GROUP BY feed_id`);
      return snapshotOf(items, runs);
    },
    async cleanup() {
      await query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}

export function snapshotOf(items: { id: string; feedId: string; storyId: number | string | null; pending: number | boolean }[], runs: { feedId: string; n: number }[]): StoredSnapshot {
  const itemsByFeed = new Map<string, string[]>();
  const byStory = new Map<string, string[]>();
  let unfiled = 0;
  for (const item of items) {
    itemsByFeed.set(item.feedId, [...(itemsByFeed.get(item.feedId) ?? []), item.id]);
    if (item.storyId === null || Number(item.pending)) unfiled += 1;
    else byStory.set(String(item.storyId), [...(byStory.get(String(item.storyId)) ?? []), item.id]);
  }
  const stories = [...byStory.values()].map((members) => members.sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
  return { itemsByFeed, stories, unfiled, runsByFeed: new Map(runs.map((r) => [r.feedId, Number(r.n)])) };
}
