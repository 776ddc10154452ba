import type { DatabaseHealth } from '../sqlite/health.js';
import { SCHEMA_VERSION, TABLES, schemaVersion } from './migrations.js';
import { all, first, type Queryable } from './queries.js';

/**
 * What `doctor` reports about a PostgreSQL store. Read-only. PostgreSQL has no integrity_check
 * over a whole database; what it can say here:
 * - the data checksum failures the server has counted (pg_stat_database; none are counted when
 *   the cluster runs without data checksums, `initdb --data-checksums`);
 * - at this release's schema version, every table of the schema is there.
 * `journalMode` reports the server's write-ahead log level (wal_level): PostgreSQL always journals,
 * and the doctor shows it as that.
 */
export async function databaseHealth(db: Queryable): Promise<DatabaseHealth> {
  const version = await schemaVersion(db);
  const problems: string[] = [];
  const checksums = await first<{ failures: number | null }>(db, 'SELECT checksum_failures::int AS failures FROM pg_stat_database WHERE datname = current_database()');
  if (checksums?.failures) problems.push(`${checksums.failures} data checksum failure(s) counted by the server (see its log)`);
  if (version === SCHEMA_VERSION) {
    const present = await all<{ name: string }>(db, 'SELECT name FROM unnest($1::text[]) AS t(name) WHERE to_regclass(name) IS NOT NULL', [[...TABLES]]);
    const found = new Set(present.map((row) => row.name));
    for (const table of TABLES) if (!found.has(table)) problems.push(`table ${table} is missing`);
  }
  const wal = await first<{ level: string }>(db, "SELECT current_setting('wal_level') AS level");
  return {
    integrity: problems.length ? problems : ['ok'],
    schemaVersion: version,
    expectedSchemaVersion: SCHEMA_VERSION,
    journalMode: `wal_level ${wal?.level ?? 'unknown'}`,
  };
}
