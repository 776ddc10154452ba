import Database from 'better-sqlite3';
import { StorageError, type StorageFailure } from '../../model/index.js';

/** SQLite result codes by what they mean to secdigest (extended codes match by prefix). */
const FAILURES: readonly [RegExp, StorageFailure][] = [
  [/^SQLITE_(?:BUSY|LOCKED)/, 'busy'],
  [/^SQLITE_FULL/, 'full'],
  [/^SQLITE_(?:CORRUPT|NOTADB|IOERR_READ|IOERR_SHORT_READ)/, 'damaged'],
  [/^SQLITE_(?:IOERR|READONLY|CANTOPEN|NOMEM|PERM)/, 'unavailable'],
  [/^SQLITE_CONSTRAINT/, 'constraint'],
];

/**
 * The typed storage error of a failure: the error itself when it already is one, a SQLite driver
 * error mapped by its code, or undefined for anything else (a bug of secdigest's, an I/O error of a
 * file that is not the database). Keeps the driver's message and the original error as the cause.
 */
export function asStorageError(error: unknown): StorageError | undefined {
  if (error instanceof StorageError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  const failure = FAILURES.find(([pattern]) => pattern.test(code))?.[1];
  return failure ? new StorageError(failure, code, (error as Error).message, { cause: error }) : undefined;
}

/** A failure of the environment (the disk, the file, a lock), not a constraint secdigest broke. */
export function isEnvironmentFailure(error: unknown): boolean {
  return asStorageError(error)?.environmental ?? false;
}

/** Any error SQLite raised (a missing table of an old schema included): doctor reports it as a finding. */
export function isStorageDriverError(error: unknown): boolean {
  return error instanceof Database.SqliteError || error instanceof StorageError;
}
