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
