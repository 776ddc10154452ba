import pg from 'pg';
import { UsageError } from '../../model/index.js';

/** Where a PostgreSQL store lives: the server and database of a URL, and the schema in it. */
export interface PostgresTarget {
  /** The URL as pg and pg_dump take it: `schema` removed (libpq refuses unknown parameters). */
  connectionString: string;
  /** The schema secdigest's tables live in; undefined: the server's search_path (normally `public`). */
  schema: string | undefined;
  /** The URL without its password, for messages and logs. */
  display: string;
}

export interface PostgresOptions {
  /** Overrides the URL's `?schema=`; tests give each run a schema of its own. */
  schema?: string;
  /** No migration, and every session read-only (`doctor`): nothing can be changed. */
  readonly?: boolean;
  /** Refuse a database where secdigest's tables were never made (`draft`, `backup`…), as SQLite refuses a missing file. */
  mustExist?: boolean;
  /** Connections of the pool (default 10). */
  maxConnections?: number;
  /** The clock of the review page's history events (default: the system clock). */
  now?: () => Date;
}

/** Selected by URL (app.ts): `postgres://` or `postgresql://`, as libpq accepts both. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(target.trim());
}

// A schema name goes into the connection's search_path option and into pg_dump's --schema:
// restricted to plain lower-case identifiers, it needs no quoting in either.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Splits `?schema=` off a URL and checks the name. */
export function postgresTarget(url: string, schemaOption?: string): PostgresTarget {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch (cause) {
    throw new UsageError(`not a valid PostgreSQL URL: ${redactUrl(url)}`, { cause });
  }
  const schema = schemaOption ?? (parsed.searchParams.get('schema') || undefined);
  parsed.searchParams.delete('schema');
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new UsageError(`schema "${schema}" must be a lower-case identifier (letters, digits, _), as in ?schema=secdigest`);
  }
  const connectionString = parsed.toString();
  return { connectionString, schema, display: `${redactUrl(connectionString)}${schema ? ` (schema ${schema})` : ''}` };
}

/** The URL with its password replaced, so a message never prints it. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

const INT8_OID = 20;

/**
 * BIGINT (ids, COUNT(*), sums) read as JS numbers, as better-sqlite3 returns SQLite integers: pg
 * returns them as strings by default, since they may exceed 2^53. secdigest's ids and counts never
 * do. Per pool rather than pg.types.setTypeParser, which would change every pg user in the process.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

export function createPool(target: PostgresTarget, options: PostgresOptions): pg.Pool {
  const settings = [
    ...(target.schema ? [`-c search_path=${target.schema}`] : []),
    ...(options.readonly ? ['-c default_transaction_read_only=on'] : []),
  ];
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    ...(settings.length ? { options: settings.join(' ') } : {}),
    application_name: 'secdigest',
    max: options.maxConnections ?? 10,
    // Without a limit, a server behind a firewall that drops packets would hang the command forever.
    connectionTimeoutMillis: 10_000,
    types,
  });
  // A connection the server closes (a restart, a terminated backend) emits 'error': on the pool
  // while idle, on the client itself while checked out between two queries (a group commit waits
  // between feeds). Unhandled, either event would end the process; the next query on it fails on
  // its own instead, and is reported as `unavailable` (errors.ts).
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}
