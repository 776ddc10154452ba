import fs from 'node:fs';
import Database from 'better-sqlite3';
import { SecdigestError } from '../../model/index.js';
import { ensureParentDirectory } from './directories.js';
import { migrate } from './migrations.js';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the SQLite database and brings its schema up to date.
 * WAL with synchronous=NORMAL: a killed process never loses a committed transaction
 * (LIBRARIES.md, measured); only a power loss may drop the last commits, never corrupt.
 */
export function openDatabase(file: string, options: { readonly?: boolean; mustExist?: boolean } = {}): Db {
  // A command that only reads or edits what collect stored must not create an empty database at
  // a mistyped path and report success (a nightly `backup` of nothing).
  if (options.mustExist && file !== ':memory:' && !fs.existsSync(file)) {
    throw new SecdigestError('database', `no database at ${file}: run \`secdigest collect\` first, or check --db / SECDIGEST_DB`);
  }
  let db: Db;
  try {
    if (file !== ':memory:' && !options.readonly) ensureParentDirectory(file);
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (cause) {
    throw new SecdigestError('database', `cannot open database ${file}: ${(cause as Error).message}`, { cause });
  }
  try {
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    if (!options.readonly) migrate(db);
  } catch (cause) {
    db.close();
    throw new SecdigestError('database', `cannot use database ${file}: ${(cause as Error).message}`, { cause });
  }
  return db;
}
