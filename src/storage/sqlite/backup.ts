import fs from 'node:fs';
import { SecdigestError, UsageError } from '../../model/index.js';
import type { Db } from './database.js';
import { ensureParentDirectory } from './directories.js';
import { asStorageError } from './errors.js';
import { checkStandaloneCopy } from './health.js';

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
}

/**
 * `secdigest backup FILE` on SQLite (ports.ts `MaintenanceRepository.backup`): the online backup API (better-sqlite3 `db.backup`), which copies
 * a consistent snapshot even while a collection is writing; copying the .db file is not safe in
 * WAL mode. Refuses to overwrite an existing file. The copy is checked (`PRAGMA quick_check`)
 * before it counts: the backup API copies pages as they are, so a damaged database would give a
 * damaged backup, and a rotation that deletes old backups would end with none that is good.
 */
export async function backupDatabase(db: Db, file: string): Promise<BackupResult> {
  if (fs.existsSync(file)) throw new UsageError(`${file} already exists: choose a new file name`);
  let totalPages: number;
  try {
    ensureParentDirectory(file);
    ({ totalPages } = await db.backup(file));
  } catch (cause) {
    removeQuietly(file);
    // A damaged or unreadable source is the database's problem (exit 4); anything else (cannot
    // open, read-only, full, a file-system error) is the destination's (exit 3).
    const code = asStorageError(cause)?.failure === 'damaged' ? 'database' : 'output';
    throw new SecdigestError(code, `backup to ${file} failed: ${(cause as Error).message}`, { cause });
  }
  const problems = checkStandaloneCopy(file);
  if (problems.length > 0) {
    removeQuietly(file);
    throw new SecdigestError('database', `the database is damaged, so no backup was kept (quick_check: ${problems.slice(0, 3).join('; ')}): see docs/OPERATIONS.md, "Backups"`);
  }
  return { file, bytes: fs.statSync(file).size, pages: totalPages };
}

/** A partial or bad copy is removed; when even that fails, the error that led here is what to report. */
function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // nothing was written there
  }
}
