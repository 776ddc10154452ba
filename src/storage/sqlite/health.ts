import Database from 'better-sqlite3';
import type { Db } from './database.js';
import { SCHEMA_VERSION, schemaVersion } from './migrations.js';

export interface DatabaseHealth {
  /** "ok", or SQLite's first integrity problems. */
  integrity: string[];
  schemaVersion: number;
  expectedSchemaVersion: number;
  journalMode: string;
}

/** What `doctor` reports about the database itself. Read-only. */
export function databaseHealth(db: Db): DatabaseHealth {
  const integrity = db.pragma('integrity_check(20)', { simple: false }) as { integrity_check: string }[];
  return {
    integrity: integrity.map((row) => row.integrity_check),
    schemaVersion: schemaVersion(db),
    expectedSchemaVersion: SCHEMA_VERSION,
    journalMode: String(db.pragma('journal_mode', { simple: true })),
  };
}

/**
 * `PRAGMA quick_check` of a database file that no connection uses (a fresh backup), after switching
 * it from WAL to a rollback journal: the file then stands alone (no `-wal`/`-shm` beside it) and
 * needs no shared memory, which network file systems lack. `openDatabase` puts a restored copy back
 * into WAL. Returns the problems found; none means sound.
 */
export function checkStandaloneCopy(file: string): string[] {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const rows = copy.pragma('quick_check') as { quick_check: string }[];
    return rows.map((row) => row.quick_check).filter((result) => result !== 'ok');
  } catch (error) {
    return [(error as Error).message];
  } finally {
    copy.close();
  }
}
