import { ConfigError, SecdigestError, UsageError } from '../model/index.js';
import { asStorageError, isEnvironmentFailure } from '../storage/index.js';

/** Exit codes are part of the CLI contract (README, "Exit codes"): monitors and cron rely on them. */
export const EXIT = {
  ok: 0,
  /** An unexpected internal error (a bug): the message and stack go to stderr. */
  internal: 1,
  /** Bad flags, bad configuration, unknown feed id: nothing ran. */
  usage: 2,
  /** The command ran but its work failed: every feed failed, a document did not parse, a file could not be written. */
  failed: 3,
  /** The database could not be opened or used. */
  database: 4,
  /** Another collect or prune holds the run lock (and `--wait` ran out): nothing ran. */
  busy: 5,
  /** `doctor`: warnings only (feeds need attention, no recent collect, schema upgrade pending). */
  warn: 6,
} as const;

export function exitCodeFor(error: unknown): number {
  if (error instanceof ConfigError || error instanceof UsageError) return EXIT.usage;
  if (error instanceof SecdigestError && error.code === 'database') return EXIT.database;
  // The disk, the file or another process's lock: not a bug, no stack trace.
  if (isEnvironmentFailure(error)) return EXIT.database;
  if (error instanceof SecdigestError && error.code === 'busy') return EXIT.busy;
  // An output file (export --out, feeds.yaml) that could not be written: the work failed.
  if (error instanceof SecdigestError && error.code === 'output') return EXIT.failed;
  return EXIT.internal;
}

/** What the editor reads on stderr; a SQLite error of the environment says which, and what to do when busy. */
export function errorMessage(error: unknown): string {
  const message = (error as Error).message;
  const failure = asStorageError(error);
  if (!failure?.environmental) return message;
  const hint = failure.failure === 'busy' ? ': another secdigest process kept it locked for writing; try again when it is done' : '';
  return `database error (${failure.driverCode}): ${message}${hint}`;
}
