import type pg from 'pg';
import type { PageStats, PruneCounts } from '../sqlite/prune.js';
import { TABLES } from './migrations.js';
import { first, type Queryable } from './queries.js';
import { inTransaction } from './transaction.js';

/**
 * Removes the items older than `cutoff` that no draft needs, then the stories left without
 * members and fetch-log rows older than the cutoff (no story keys are stored: `storyKeys` is 0):
 * sqlite/prune.ts's rules (whole stories go or stay), in one transaction. A dry run does the same
 * work and rolls it back, so its counts are exact. The caller holds the collect lock (commands/prune.ts).
 */
export function pruneOldItems(pool: pg.Pool, cutoff: string, options: { dryRun: boolean }): Promise<PruneCounts> {
  return inTransaction(
    pool,
    async (db) => {
      // Old items whose story is entirely old (or which have none) and in no draft. ON COMMIT DROP:
      // the pooled session outlives the transaction; after a ROLLBACK the table was never made.
      await db.query(
        `CREATE TEMP TABLE prune_items ON COMMIT DROP AS
         SELECT i.id, i.story_id FROM items i
         WHERE i.published_at < $1 AND i.fetched_at < $1
           AND (i.story_id IS NULL OR (
             NOT EXISTS (SELECT 1 FROM draft_entries d WHERE d.story_id = i.story_id::text)
             AND NOT EXISTS (SELECT 1 FROM items m WHERE m.story_id = i.story_id
                               AND (m.published_at >= $1 OR m.fetched_at >= $1))))`,
        [cutoff],
      );
      const old = await count(db, 'SELECT COUNT(*)::int AS n FROM items WHERE published_at < $1 AND fetched_at < $1', [cutoff]);
      const keptForDrafts = await count(
        db,
        `SELECT COUNT(*)::int AS n FROM items i WHERE i.published_at < $1 AND i.fetched_at < $1 AND i.story_id IS NOT NULL
           AND EXISTS (SELECT 1 FROM draft_entries d WHERE d.story_id = i.story_id::text)`,
        [cutoff],
      );
      await db.query('CREATE TEMP TABLE prune_stories ON COMMIT DROP AS SELECT DISTINCT story_id AS id FROM prune_items WHERE story_id IS NOT NULL');
      const items = (await db.query('DELETE FROM items WHERE id IN (SELECT id FROM prune_items)')).rowCount ?? 0;
      // Only stories left with no member at all (every member was pruned above).
      const stories =
        (await db.query('DELETE FROM stories s WHERE s.id IN (SELECT id FROM prune_stories) AND NOT EXISTS (SELECT 1 FROM items WHERE items.story_id = s.id)'))
          .rowCount ?? 0;
      const fetchLog = (await db.query('DELETE FROM fetch_log WHERE started_at < $1', [cutoff])).rowCount ?? 0;
      return { items, stories, storyKeys: 0, fetchLog, keptForDrafts, keptForRecentStories: old - items - keptForDrafts };
    },
    { commit: !options.dryRun },
  );
}

async function count(db: Queryable, sql: string, params: unknown[]): Promise<number> {
  return (await first<{ n: number }>(db, sql, params))!.n;
}

/**
 * The space secdigest's tables use, in the server's pages (block_size), and an estimate of what is
 * free in them: each table's share of dead rows (pg_stat_user_tables, updated by the statistics
 * system a moment after a write) times its size. PostgreSQL has no freelist count like SQLite's;
 * the estimate is what the prune command's VACUUM decision needs. Only the tables of this schema
 * count, so another application's data in the same database does not make secdigest compact.
 */
export async function pageStats(db: Queryable): Promise<PageStats> {
  const row = await first<{ page_size: number; bytes: number; free_bytes: number }>(
    db,
    `SELECT current_setting('block_size')::int AS page_size,
       COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::bigint AS bytes,
       COALESCE(SUM(pg_relation_size(c.oid) * COALESCE(s.n_dead_tup::float8 / NULLIF(s.n_live_tup + s.n_dead_tup, 0), 0)), 0)::bigint AS free_bytes
     FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
     WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND c.relkind = 'r'`,
  );
  const pageSize = row!.page_size;
  return { pageSize, pageCount: Math.ceil(row!.bytes / pageSize), freePages: Math.floor(row!.free_bytes / pageSize) };
}

/**
 * VACUUM (ANALYZE) of secdigest's tables: marks dead rows' space reusable and gives the empty pages
 * at a table's end back to the file system. Not VACUUM FULL, which would give back everything but
 * lock each table against collection while it rewrites it. Runs outside a transaction, as VACUUM must.
 */
export async function vacuum(db: Queryable): Promise<void> {
  await db.query(`VACUUM (ANALYZE) ${TABLES.join(', ')}`);
}
