import type { Db } from './database.js';

/** What a prune removed (or, for a dry run, would remove). */
export interface PruneCounts {
  items: number;
  stories: number;
  /** Always 0 since schema 7 (no band keys are stored); kept in `prune --json` for scripts that read it. */
  storyKeys: number;
  fetchLog: number;
  /** Old items kept because their story is in a draft. */
  keptForDrafts: number;
  /** Old items kept because their story also has recent members. */
  keptForRecentStories: number;
}

/**
 * Removes the items older than `cutoff` (both published and first stored before it) that no
 * draft needs, then the stories left without members, their LSH keys, and fetch-log rows older
 * than the cutoff. Whole stories go or stay: an item is removed only when every member of its
 * story is old and the story is in no draft (draft_entries.story_id), so a drafted story keeps all
 * its members and a story that is still growing keeps its history (its representative and counts
 * stay true). One transaction; with `dryRun` it is rolled back, so the counts are exact.
 */
export function pruneOldItems(db: Db, cutoff: string, options: { dryRun: boolean }): PruneCounts {
  const run = db.transaction((): PruneCounts => {
    db.exec('DROP TABLE IF EXISTS temp.prune_items; DROP TABLE IF EXISTS temp.prune_stories');
    // Old items whose story is entirely old (or which have none) and in no draft.
    db.prepare(
      `CREATE TEMP TABLE prune_items AS
       SELECT i.id, i.story_id FROM items i
       WHERE i.published_at < @cutoff AND i.fetched_at < @cutoff
         AND (i.story_id IS NULL OR (
           NOT EXISTS (SELECT 1 FROM draft_entries d WHERE d.story_id = CAST(i.story_id AS TEXT))
           AND NOT EXISTS (SELECT 1 FROM items m WHERE m.story_id = i.story_id
                             AND (m.published_at >= @cutoff OR m.fetched_at >= @cutoff))))`,
    ).run({ cutoff });
    const old = db.prepare('SELECT COUNT(*) FROM items WHERE published_at < @cutoff AND fetched_at < @cutoff').pluck().get({ cutoff }) as number;
    const keptForDrafts = db
      .prepare(
        `SELECT COUNT(*) FROM items i WHERE i.published_at < @cutoff AND i.fetched_at < @cutoff AND i.story_id IS NOT NULL
           AND EXISTS (SELECT 1 FROM draft_entries d WHERE d.story_id = CAST(i.story_id AS TEXT))`,
      )
      .pluck()
      .get({ cutoff }) as number;
    db.exec('CREATE TEMP TABLE prune_stories AS SELECT DISTINCT story_id AS id FROM prune_items WHERE story_id IS NOT NULL');

    const items = db.prepare('DELETE FROM items WHERE id IN (SELECT id FROM temp.prune_items)').run().changes;
    // Only stories left with no member at all (every member was pruned above).
    const stories = db
      .prepare('DELETE FROM stories WHERE id IN (SELECT id FROM temp.prune_stories) AND NOT EXISTS (SELECT 1 FROM items WHERE items.story_id = stories.id)')
      .run().changes;
    const fetchLog = db.prepare('DELETE FROM fetch_log WHERE started_at < ?').run(cutoff).changes;
    db.exec('DROP TABLE temp.prune_items; DROP TABLE temp.prune_stories');
    return { items, stories, storyKeys: 0, fetchLog, keptForDrafts, keptForRecentStories: old - items - keptForDrafts };
  });
  if (!options.dryRun) return run.immediate();
  // A dry run does the same work in a transaction that is rolled back: counts come from one code path.
  let counts: PruneCounts | undefined;
  try {
    db.transaction(() => {
      counts = run();
      throw new DryRunRollback();
    }).immediate();
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  return counts!;
}

class DryRunRollback extends Error {}

/** The database file's pages, for the VACUUM decision. */
export interface PageStats {
  pageSize: number;
  pageCount: number;
  freePages: number;
}

export function pageStats(db: Db): PageStats {
  return {
    pageSize: db.pragma('page_size', { simple: true }) as number,
    pageCount: db.pragma('page_count', { simple: true }) as number,
    freePages: db.pragma('freelist_count', { simple: true }) as number,
  };
}

/** Rewrites the database file to give free pages back to the file system. */
export function vacuum(db: Db): void {
  db.exec('VACUUM');
  // VACUUM in WAL mode writes the new pages to the WAL; a checkpoint shrinks the main file now.
  db.pragma('wal_checkpoint(TRUNCATE)');
}
