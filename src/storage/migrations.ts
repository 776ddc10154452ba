import type Database from 'better-sqlite3';

/**
 * The schema as an ordered list of migrations. A migration is never edited once shipped:
 * add a new one. Each runs in its own transaction together with its version row.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

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
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Applies every migration newer than the database's version; returns the versions applied. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const current = schemaVersion(db);
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new Error(
      `database schema version ${current} is newer than this secdigest understands (${newest}): upgrade secdigest`,
    );
  }
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
