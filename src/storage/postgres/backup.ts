import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { promisify } from 'node:util';
import { SecdigestError, UsageError } from '../../model/index.js';
import type { BackupResult } from '../sqlite/backup.js';
import { ensureParentDirectory } from '../sqlite/directories.js';
import type { PostgresTarget } from './connection.js';

const run = promisify(execFile);

/** Where pg_dump comes from, for the message when it is missing. */
const INSTALL_HINT =
  'install the PostgreSQL client tools of the server\'s major version or newer (Debian/Ubuntu: apt-get install postgresql-client), ' +
  'or back up with pg_dump elsewhere: see the README, "PostgreSQL storage"';

/**
 * `secdigest backup FILE` on PostgreSQL: `pg_dump --format=custom` of secdigest's schema, a
 * consistent snapshot (one REPEATABLE READ transaction) taken while collection goes on; restore
 * with `pg_restore --dbname=URL FILE`. Refuses to overwrite an existing file. The copy is checked
 * before it counts: `pg_restore` reads it whole (every compressed block) and its table of contents
 * must hold the items table's data. `pages` is the schema's size in server pages when the dump began.
 */
export async function backupPostgres(target: PostgresTarget, schema: string, pages: number, file: string): Promise<BackupResult> {
  if (fs.existsSync(file)) throw new UsageError(`${file} already exists: choose a new file name`);
  // The password goes to pg_dump in its environment, not on a command line other users can read.
  const url = new URL(target.connectionString);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  try {
    ensureParentDirectory(file);
    await run('pg_dump', ['--format=custom', `--schema=${schema}`, '--no-owner', `--file=${file}`, `--dbname=${url.toString()}`], { env });
  } catch (cause) {
    removeQuietly(file);
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new SecdigestError('output', `backup needs pg_dump, which is not installed here: ${INSTALL_HINT}`, { cause });
    }
    // A server that cannot be reached or read is the database's problem (exit 4); anything else
    // (the file cannot be written, a pg_dump older than the server) is the backup's (exit 3).
    const stderr = String((cause as { stderr?: unknown }).stderr ?? (cause as Error).message).trim();
    const code = /connection to server|could not connect|password authentication|does not exist/i.test(stderr) ? 'database' : 'output';
    throw new SecdigestError(code, `backup to ${file} failed: pg_dump: ${stderr}`, { cause });
  }
  const problem = await checkArchive(file, schema);
  if (problem) {
    removeQuietly(file);
    throw new SecdigestError('database', `the backup could not be read back, so it was not kept (${problem}): see the README, "PostgreSQL storage"`);
  }
  return { file, bytes: fs.statSync(file).size, pages };
}

/** What is wrong with a fresh archive, or undefined when pg_restore reads it whole and it holds the items. */
async function checkArchive(file: string, schema: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('pg_restore', ['--list', file], { maxBuffer: 64 * 1024 * 1024 });
    if (!new RegExp(`TABLE DATA ${schema} items\\b`).test(stdout)) return `no data of table ${schema}.items in it`;
    await run('pg_restore', [`--file=${os.devNull}`, file]);
    return undefined;
  } catch (error) {
    return `pg_restore: ${String((error as { stderr?: unknown }).stderr ?? (error as Error).message).trim()}`;
  }
}

/** A partial or bad copy is removed; when even that fails, the error that led here is what to report. */
function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // nothing was written there
  }
}
