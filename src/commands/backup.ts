import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../storage/index.js';
import { UsageError } from '../model/index.js';

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
}

/**
 * `secdigest backup FILE`: SQLite's online backup API (better-sqlite3 `db.backup`), which copies
 * a consistent snapshot even while a collection is writing; copying the .db file is not safe in
 * WAL mode. Refuses to overwrite an existing file.
 */
export async function backupDatabase(db: Db, file: string): Promise<BackupResult> {
  if (fs.existsSync(file)) throw new UsageError(`${file} already exists: choose a new file name`);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const { totalPages } = await db.backup(file);
  return { file, bytes: fs.statSync(file).size, pages: totalPages };
}
