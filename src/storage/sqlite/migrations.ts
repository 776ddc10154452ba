import type Database from 'better-sqlite3';
import { refuseNewerSchema, type Migration } from '../migrations.js';

/**
 * The schema as an ordered list of migrations (../migrations.ts). A migration is never edited once
 * shipped: add a new one. Each runs in its own transaction together with its version row.
 */
export type { Migration } from '../migrations.js';

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'feeds, items, fetch log',
    sql: `
      CREATE TABLE feeds (
        id TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        weight REAL NOT NULL DEFAULT 1,
        etag TEXT,
        last_modified TEXT,
        last_status TEXT,
        last_http_status INTEGER,
        last_fetch_at TEXT,
        last_success_at TEXT,
        consecutive_errors INTEGER NOT NULL DEFAULT 0,
        last_error_code TEXT,
        last_error TEXT,
        disabled_reason TEXT,
        moved_to TEXT,
        retry_at TEXT,
        created_at TEXT NOT NULL
      );
      CREATE TABLE items (
        id TEXT PRIMARY KEY,
        feed_id TEXT NOT NULL REFERENCES feeds(id),
        guid TEXT NOT NULL,
        url TEXT,
        canonical_url TEXT,
        url_hash TEXT,
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        author TEXT,
        categories TEXT NOT NULL DEFAULT '[]',
        published_at TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        UNIQUE (feed_id, guid)
      );
      CREATE INDEX items_url_hash ON items (url_hash);
      CREATE INDEX items_published_at ON items (published_at);
      CREATE INDEX items_fetched_at ON items (fetched_at);
      CREATE TABLE fetch_log (
        id INTEGER PRIMARY KEY,
        feed_id TEXT NOT NULL,
        started_at TEXT NOT NULL,
        outcome TEXT NOT NULL,
        http_status INTEGER,
        duration_ms INTEGER NOT NULL,
        bytes INTEGER NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 1,
        items_found INTEGER NOT NULL DEFAULT 0,
        items_new INTEGER NOT NULL DEFAULT 0,
        items_updated INTEGER NOT NULL DEFAULT 0,
        error_code TEXT,
        error TEXT
      );
      CREATE INDEX fetch_log_feed_started ON fetch_log (feed_id, started_at);
    `,
  },
  {
    version: 2,
    name: 'stories, item story, LSH band keys',
    sql: `
      -- One row per story (issue 4). first_seen / last_seen: earliest and latest publication time of
      -- its members; coverage: distinct feeds among them; size: member items.
      CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        representative_item_id TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        coverage INTEGER NOT NULL DEFAULT 1,
        size INTEGER NOT NULL DEFAULT 1
      );
      CREATE INDEX stories_last_seen ON stories (last_seen);
      ALTER TABLE items ADD COLUMN story_id INTEGER REFERENCES stories(id);
      -- A story's members by feed (coverage) and by publication time (verification, newest first).
      CREATE INDEX items_story_feed ON items (story_id, feed_id);
      CREATE INDEX items_story_published ON items (story_id, published_at, id);
      -- Each item's LSH band keys, as (key, publication second, story): finding the candidate stories
      -- of a new item is one index range per key, whatever the number of stored items. Rows older
      -- than the matching window are pruned (storage/story-keys.ts).
      CREATE TABLE story_keys (
        key INTEGER NOT NULL,
        published INTEGER NOT NULL,
        story_id INTEGER NOT NULL,
        PRIMARY KEY (key, published, story_id)
      ) WITHOUT ROWID;
      CREATE INDEX story_keys_published ON story_keys (published);
      -- The signature parameters the stored keys were computed with: keys from other parameters
      -- never match and are rebuilt.
      CREATE TABLE dedupe_state (name TEXT PRIMARY KEY, value TEXT NOT NULL);

      -- Items stored before this version become stories of their own, items with one canonical URL
      -- sharing one (site home pages excepted); their keys are computed at the next run.
      CREATE TEMP TABLE story_backfill AS
        SELECT item_id, FIRST_VALUE(item_id) OVER (PARTITION BY k ORDER BY weight DESC, published_at, item_id) AS rep
        FROM (
          SELECT i.id AS item_id, i.published_at, f.weight,
            CASE WHEN i.url_hash IS NULL
                   OR substr(i.canonical_url, instr(i.canonical_url, '//') + 2) NOT LIKE '%/_%' THEN 'item:' || i.id
                 ELSE i.url_hash END AS k
          FROM items i JOIN feeds f ON f.id = i.feed_id
        );
      CREATE INDEX temp.story_backfill_item ON story_backfill (item_id);
      INSERT INTO stories (representative_item_id, first_seen, last_seen, coverage, size)
        SELECT b.rep, MIN(i.published_at), MAX(i.published_at), COUNT(DISTINCT i.feed_id), COUNT(*)
        FROM story_backfill b JOIN items i ON i.id = b.item_id
        GROUP BY b.rep ORDER BY MIN(i.published_at), b.rep;
      CREATE INDEX stories_backfill_rep ON stories (representative_item_id);
      UPDATE items SET story_id = (
        SELECT s.id FROM story_backfill b JOIN stories s ON s.representative_item_id = b.rep WHERE b.item_id = items.id);
      DROP INDEX stories_backfill_rep;
      DROP TABLE story_backfill;
    `,
  },
  {
    version: 3,
    name: 'run lock, feed backoff and health',
    sql: `
      -- A lease per job name (storage/run-lock.ts): one collect at a time across processes.
      CREATE TABLE run_locks (
        name TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        acquired_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      -- Backoff and health (pipeline/feed-health/backoff.ts): when a failing feed may be tried again, when its
      -- current error streak began, and since when it has been unhealthy (skipped until a retry).
      ALTER TABLE feeds ADD COLUMN next_attempt_at TEXT;
      ALTER TABLE feeds ADD COLUMN error_since TEXT;
      ALTER TABLE feeds ADD COLUMN unhealthy_since TEXT;
    `,
  },
  {
    version: 4,
    name: 'drafts',
    sql: `
      -- A numbered draft issue (newsletter/build.ts) and its ordered entries. Entries keep the
      -- story's fields as drafted, so a draft renders the same later even as stories grow; the
      -- review page edits title, blurb, section, position and inclusion in place.
      CREATE TABLE drafts (
        id INTEGER PRIMARY KEY,
        number INTEGER NOT NULL UNIQUE,
        date TEXT NOT NULL,
        since TEXT NOT NULL,
        until TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE draft_sections (
        draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        section_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        title TEXT NOT NULL,
        subtitle TEXT,
        PRIMARY KEY (draft_id, section_id)
      );
      CREATE TABLE draft_entries (
        draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        story_id TEXT NOT NULL,
        section_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        title TEXT NOT NULL,
        url TEXT,
        source TEXT NOT NULL,
        source_id TEXT NOT NULL,
        blurb TEXT,
        topic TEXT NOT NULL,
        topic_scores TEXT NOT NULL DEFAULT '[]',
        published_at TEXT NOT NULL,
        coverage INTEGER NOT NULL,
        also_covered_by TEXT NOT NULL DEFAULT '[]',
        victims TEXT NOT NULL DEFAULT '[]',
        cves TEXT NOT NULL DEFAULT '[]',
        score REAL NOT NULL,
        rank_reasons TEXT NOT NULL DEFAULT '[]',
        included INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (draft_id, story_id)
      );
      CREATE INDEX draft_entries_story ON draft_entries (story_id);
    `,
  },
  {
    version: 5,
    name: 'item classification, editor corrections, trained models',
    sql: `
      -- The classifier's labels for each item (pipeline/classify), written with the item in the
      -- feed's transaction. NULL topic: not classified yet (items stored before this version are
      -- classified by the next collect or by \`secdigest train\`).
      ALTER TABLE items ADD COLUMN topic TEXT;
      ALTER TABLE items ADD COLUMN topic_scores TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE items ADD COLUMN relevant INTEGER;
      ALTER TABLE items ADD COLUMN relevance_score REAL;
      ALTER TABLE items ADD COLUMN section TEXT;
      ALTER TABLE items ADD COLUMN cves TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE items ADD COLUMN victims TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE items ADD COLUMN evidence TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE items ADD COLUMN model_id INTEGER;
      CREATE INDEX items_unclassified ON items (topic) WHERE topic IS NULL;
      -- An editor's correction of a topic or section (review page). The item's text is copied so a
      -- correction still trains after retention has pruned the item.
      CREATE TABLE corrections (
        id INTEGER PRIMARY KEY,
        item_id TEXT,
        field TEXT NOT NULL CHECK (field IN ('topic', 'section', 'relevant')),
        value TEXT NOT NULL,
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX corrections_item ON corrections (item_id);
      -- Models trained by \`secdigest train\` (shipped set plus corrections); the newest is used.
      -- Without one, the model is trained from the shipped set at start-up (~0.4 s).
      CREATE TABLE classifier_models (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        examples INTEGER NOT NULL,
        corrections INTEGER NOT NULL,
        model TEXT NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'analysis state: items stored by a feed run wait for the batched analysis stage',
    sql: `
      -- 1 while an item's labels and story are not computed for its current text: a feed run stores
      -- items pending, and the analysis stage (pipeline/analysis) classifies and files them in
      -- batches after the fetches. A crash between the two leaves them pending for the next run.
      ALTER TABLE items ADD COLUMN analysis_pending INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX items_analysis_pending ON items (published_at) WHERE analysis_pending = 1;
      -- Items stored before this version were analysed in their feed's transaction; one without a
      -- story (never expected) is analysed again.
      UPDATE items SET analysis_pending = 1 WHERE story_id IS NULL;
    `,
  },
  {
    version: 7,
    name: 'stories as events: threads, copy keys, join evidence; band keys dropped',
    sql: `
      -- Follow-up events of one incident are stories of one thread (issue 15); a thread's id is its
      -- first story's. Stories stored before this version are threads of their own.
      ALTER TABLE stories ADD COLUMN thread_id INTEGER;
      UPDATE stories SET thread_id = id;
      CREATE INDEX stories_thread ON stories (thread_id);
      -- A headline's copy key (pipeline/dedupe/copy-key.ts): a later copy joins the story at any age.
      ALTER TABLE items ADD COLUMN copy_key TEXT;
      CREATE INDEX items_copy_key ON items (copy_key) WHERE copy_key IS NOT NULL;
      -- Why an item joined its story or thread (JSON: similarity, names agreed, hours apart).
      ALTER TABLE items ADD COLUMN story_evidence TEXT;
      -- Where published_at came from (published, updated; missing or unparseable: the fetch time).
      ALTER TABLE items ADD COLUMN date_source TEXT;
      -- The earlier developments of an entry's incident that earlier issues carried (JSON list).
      ALTER TABLE draft_entries ADD COLUMN previously TEXT;
      -- 1 when the entry's date is the fetch time (its feed gave none it could read).
      ALTER TABLE draft_entries ADD COLUMN undated INTEGER NOT NULL DEFAULT 0;
      -- The clusterer loads a window's stories into memory: the LSH band keys are no longer needed.
      DROP TABLE story_keys;
      DROP TABLE dedupe_state;
    `,
  },
  {
    version: 8,
    name: 'the whole issue: sent drafts, editor slots, related links and key facts',
    sql: `
      -- When the editor marked the issue sent (issue 18); only sent issues use up their stories.
      ALTER TABLE drafts ADD COLUMN sent_at TEXT;
      -- Editor-written parts of the issue (intro, commentary, sponsor, …) as a JSON map.
      ALTER TABLE drafts ADD COLUMN slots TEXT NOT NULL DEFAULT '{}';
      CREATE INDEX drafts_date ON drafts (date);
      -- The same company's other stories folded into an entry (JSON list of links).
      ALTER TABLE draft_entries ADD COLUMN related TEXT;
      -- Key facts for the lead story's brief (JSON: actors, figures).
      ALTER TABLE draft_entries ADD COLUMN facts TEXT;
    `,
  },
  {
    version: 9,
    name: 'the review page\'s edit history: undo, redo, revert',
    sql: `
      -- Every edit of a draft's entry (issue 19), written in the edit's transaction: the entry with
      -- its place before and after (JSON; before is NULL for an added entry). undone = 1: the redo
      -- stack, cleared by the next edit.
      CREATE TABLE draft_events (
        draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        story_id TEXT NOT NULL,
        action TEXT NOT NULL,
        before TEXT,
        after TEXT,
        undone INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (draft_id, seq)
      );
      CREATE INDEX draft_events_story ON draft_events (draft_id, story_id, seq);
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Applies every migration newer than the database's version; returns the versions applied. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const current = schemaVersion(db);
  refuseNewerSchema(current, migrations);
  const applied: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
    applied.push(migration.version);
  }
  return applied;
}

export function schemaVersion(db: Database.Database): number {
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as
    | { version: number | null }
    | undefined;
  return row?.version ?? 0;
}
