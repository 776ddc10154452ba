import { StorageError, type StorageFailure } from '../../model/index.js';

/**
 * PostgreSQL SQLSTATE codes (https://www.postgresql.org/docs/15/errcodes-appendix.html) by what
 * they mean to secdigest, as sqlite/errors.ts maps SQLite's codes.
 */
const SQLSTATES: readonly [RegExp, StorageFailure][] = [
  // serialization_failure, deadlock_detected, lock_not_available, query_canceled (a lock or statement timeout)
  [/^(?:40001|40P01|55P03|57014)$/, 'busy'],
  [/^53100$/, 'full'], // disk_full
  [/^XX00[12]$/, 'damaged'], // data_corrupted, index_corrupted
  // connection exceptions, admin/crash shutdown, cannot connect now, insufficient resources, the
  // server's I/O errors, no such database, authentication, privileges, a read-only session.
  [/^(?:08|57P0|53|58|3D000|28|42501|25006|XX000)/, 'unavailable'],
  // A table or column missing: the schema is not the one this release made (a newer or older secdigest, a dropped table).
  [/^(?:42P01|42703)$/, 'unavailable'],
  [/^23/, 'constraint'], // integrity constraint violations: secdigest's own bug
];

/** Node's socket errors: the server cannot be reached. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/**
 * pg's own client errors have no code, only these messages (pg 8: client.js, pool): a lost or
 * never-made connection. Matched here, at the driver's edge, so no caller ever matches a message.
 */
const CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end/;

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  // Node 20 tries every address of a name (autoSelectFamily): the failures come as an AggregateError.
  const inner = (error as { errors?: unknown[] } | null)?.errors?.[0];
  const innerCode = (inner as { code?: unknown } | undefined)?.code;
  return typeof innerCode === 'string' ? innerCode : undefined;
}

/**
 * The typed storage error of a pg failure: a StorageError as it is, a server error mapped by its
 * SQLSTATE, a socket or connection error as `unavailable`; undefined for anything else (a bug of
 * secdigest's, a SQL error of its own such as a syntax error). `where` names the server in
 * messages about reaching it. Keeps the driver's message and the original error as the cause.
 */
export function asPostgresStorageError(error: unknown, where?: string): StorageError | undefined {
  if (error instanceof StorageError) return error;
  if (!(error instanceof Error)) return undefined;
  const code = codeOf(error);
  if (code !== undefined && /^[0-9A-Z]{5}$/.test(code)) {
    const failure = SQLSTATES.find(([pattern]) => pattern.test(code))?.[1];
    return failure ? new StorageError(failure, code, postgresMessage(error), { cause: error }) : undefined;
  }
  if ((code !== undefined && NETWORK_CODES.has(code)) || CONNECTION_MESSAGES.test(error.message)) {
    const detail = error.message || code || 'connection failed';
    return new StorageError('unavailable', code ?? 'connection', where ? `cannot reach PostgreSQL at ${where}: ${detail}` : `PostgreSQL connection failed: ${detail}`, { cause: error });
  }
  return undefined;
}

/** The server's message with its detail line (which row, which constraint), when it sent one. */
function postgresMessage(error: Error): string {
  const detail = (error as { detail?: unknown }).detail;
  return typeof detail === 'string' && detail ? `${error.message} (${detail})` : error.message;
}

/** Runs a port method: a driver error leaves as a typed StorageError, anything else (a bug) unchanged. */
export async function guard<T>(work: () => Promise<T>, where?: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asPostgresStorageError(error, where) ?? error;
  }
}
