/**
 * Typed errors with a stable `code` (for feed rows, exit codes and scripts) and a `cause`
 * (for logs). Callers branch on `code`, never on message text.
 */
export class SecdigestError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The closed set of reasons one feed can fail. Decided in one place per stage. */
export const FEED_ERROR_CODES = [
  'timeout', // no complete answer within the request's total timeout
  'network', // connection refused/reset, DNS failure, unreachable host
  'tls', // certificate or handshake problem
  'http-status', // a non-success status we do not treat specially
  'too-large', // body past maxBodyBytes (counted after decompression)
  'too-many-redirects',
  'bad-redirect', // redirect without Location, or to a non-http(s) URL
  'unsupported-scheme', // the feed URL itself is not http(s)
  'not-a-feed', // HTML page, empty body, JSON that is not a JSON Feed, unknown XML
  'malformed', // recognised format but the document does not parse
  'decode', // bytes cannot be decoded in the declared charset
  'aborted', // the run was cancelled (shutdown)
  'internal', // secdigest itself failed on this feed's items (a bug): the other feeds go on
] as const;
export type FeedErrorCode = (typeof FEED_ERROR_CODES)[number];

export class FeedError extends SecdigestError {
  declare readonly code: FeedErrorCode;
  constructor(code: FeedErrorCode, message: string, options?: { cause?: unknown; status?: number }) {
    super(code, message, options);
    this.status = options?.status;
  }
  readonly status: number | undefined;
}

/** One problem found in a config file, located precisely enough for an editor to fix it. */
export interface ConfigProblem {
  /** 1-based line in the file, when known. */
  line?: number;
  /** Dotted path inside the document, e.g. `feeds[3].kind`. */
  path: string;
  /** The feed id the problem belongs to, when it is inside a feed entry. */
  feedId?: string;
  message: string;
}

export class ConfigError extends SecdigestError {
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super('config', formatProblems(file, problems));
  }
}

function formatProblems(file: string, problems: ConfigProblem[]): string {
  const lines = problems.map((p) => {
    const where = p.line ? `${file}:${p.line}` : file;
    const entry = p.feedId ? ` (feed "${p.feedId}")` : '';
    return `  ${where}: ${p.path}${entry}: ${p.message}`;
  });
  return `invalid configuration, ${problems.length} problem(s):\n${lines.join('\n')}`;
}

/** A usage or input problem reported by a command (bad flag value, missing file, unknown feed id). */
export class UsageError extends SecdigestError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('usage', message, options);
  }
}

/**
 * How storage failed, whatever the engine, as callers branch on it: `busy` (another writer held the
 * lock past the wait), `full` (the disk), `damaged` (the database file cannot be read as one),
 * `unavailable` (any other failure of the environment: I/O, permissions, memory), `constraint` (a
 * broken constraint: secdigest's own bug, not the environment). The storage implementation maps its
 * driver's errors to these (storage/sqlite/errors.ts); nothing else reads driver codes.
 */
export const STORAGE_FAILURES = ['busy', 'full', 'damaged', 'unavailable', 'constraint'] as const;
export type StorageFailure = (typeof STORAGE_FAILURES)[number];

export class StorageError extends SecdigestError {
  constructor(
    readonly failure: StorageFailure,
    /** The engine's own code (SQLITE_FULL, a SQLSTATE), for messages and logs only. */
    readonly driverCode: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('storage', message, options);
  }

  /** A failure of the environment every feed and command would meet, rather than of secdigest's logic. */
  get environmental(): boolean {
    return this.failure !== 'constraint';
  }
}
