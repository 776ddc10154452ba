import type { Db } from './database.js';
import { SCHEMA_VERSION, schemaVersion } from './migrations.js';

export interface DatabaseHealth {
  /** "ok", or SQLite's first integrity problems. */
  integrity: string[];
  schemaVersion: number;
  expectedSchemaVersion: number;
  journalMode: string;
  /** Bytes in the database file's pages (page_count × page_size). */
  sizeBytes: number;
  /** Pages on the free list: space VACUUM would give back. */
  freePages: number;
}

/** What `doctor` reports about the database itself. Read-only. */
export function databaseHealth(db: Db): DatabaseHealth {
  const integrity = db.pragma('integrity_check(20)', { simple: false }) as { integrity_check: string }[];
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  return {
    integrity: integrity.map((row) => row.integrity_check),
    schemaVersion: schemaVersion(db),
    expectedSchemaVersion: SCHEMA_VERSION,
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    sizeBytes: (db.pragma('page_count', { simple: true }) as number) * pageSize,
    freePages: db.pragma('freelist_count', { simple: true }) as number,
  };
}
