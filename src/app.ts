import fs from 'node:fs';
import { DEFAULT_SETTINGS, loadConfig } from './config/index.js';
import { resolveFeedHeaders } from './config/feed-headers.js';
import type { FeedOptions } from './pipeline/collect.js';
import { compileFilter } from './pipeline/filter/index.js';
import { UsageError, type Config, type FetchSettings } from './model/index.js';
import { createPageFetcher, type PageFetcher } from './web/page-info.js';
import { createFetcher, type Fetcher } from './pipeline/fetch/index.js';
import { isPostgresUrl, openDatabase, postgresStorage, sqliteStorage, type Db, type Storage } from './storage/index.js';

/** Where the CLI finds its files when neither a flag nor the environment says otherwise. */
export const DEFAULT_CONFIG_PATH = 'feeds.yaml';
export const DEFAULT_DB_PATH = 'data/secdigest.db';

export interface AppOptions {
  configPath: string;
  /** A SQLite file, or a `postgres://` / `postgresql://` URL (see `openStorage`). */
  dbPath: string;
  /** Injected for tests; defaults to the system clock. */
  now?: () => Date;
  /** Injected for tests; defaults to Node's fetch. */
  fetch?: typeof globalThis.fetch;
  /** Refuse to create the database (commands that only use what collect stored). */
  databaseMustExist?: boolean;
  /** Where feeds' `${NAME}` header references are looked up; defaults to the process environment. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Everything a command needs, wired once. The only place that knows how the parts fit. */
export interface App {
  config: Config;
  /** The storage ports (storage/ports.ts): what collect, analysis and the run lock use. */
  storage: Storage;
  /**
   * The SQLite connection behind `storage`, for tests and benchmarks that inspect or break the file
   * (a full disk, say); undefined on PostgreSQL. Program code goes through `storage`: the lint rule
   * keeps SQL out of it.
   */
  db: Db | undefined;
  fetcher: Fetcher;
  /**
   * Each feed's request headers (secrets, `${NAME}` filled in from the environment) and keyword
   * filter, by feed id (undefined for a feed with neither), for collect and the queue worker.
   * Resolved on the first call, so only the commands that fetch need the variables set (an editor
   * can draft and export from a shell without them); an unset one is a ConfigError then, raised
   * before anything is fetched.
   */
  feedOptions(): (feedId: string) => FeedOptions | undefined;
  /** Reads the page of a link an editor adds on the review page (title, outlet). */
  fetchPage: PageFetcher;
  now: () => Date;
  close(): Promise<void>;
}

/**
 * The composition root. The configuration is validated before the database is touched, so a
 * bad feeds.yaml stops everything before anything runs.
 */
export async function openApp(options: AppOptions): Promise<App> {
  const config = loadConfig(options.configPath);
  let resolved: Map<string, FeedOptions> | undefined;
  const feedOptions = (): ((feedId: string) => FeedOptions | undefined) => {
    resolved ??= resolveFeedOptions(config, options.env ?? process.env);
    const byFeed = resolved;
    return (feedId) => byFeed.get(feedId);
  };
  const now = options.now ?? (() => new Date());
  // The review page's edit history is dated by the app's clock, like everything else it stores.
  const { storage, db } = await openEngine(options.dbPath, { mustExist: options.databaseMustExist ?? false, now });
  const fetcher = openFetcher(config.settings.fetch, options.fetch);
  return { config, storage, db, fetcher, feedOptions, fetchPage: createPageFetcher(), now, close: () => storage.close() };
}

/** The feed fetcher for a command that has settings but no `App` (`parse`, `feeds add`). */
export function openFetcher(settings: FetchSettings, fetch?: typeof globalThis.fetch): Fetcher {
  return createFetcher(settings, fetch ? { fetch } : {});
}

/**
 * Storage alone, for the commands that run without a configuration's feeds (`analyze --db`,
 * `doctor`, `backup`): the same engine and setup as `openApp`'s. Closing the storage closes the
 * database. `readonly`: nothing is migrated or written; `mustExist`: a database collect never set
 * up is an error rather than created empty.
 */
export async function openStorage(dbPath: string, options: { readonly?: boolean; mustExist?: boolean } = {}): Promise<Storage> {
  return (await openEngine(dbPath, options)).storage;
}

/**
 * The engine is chosen by the target alone: a `postgres://` or `postgresql://` URL (`?schema=`
 * picks a schema) opens PostgreSQL, anything else is a SQLite file path. One rule for `--db` and
 * SECDIGEST_DB, so every command reaches the same store.
 */
async function openEngine(target: string, options: { readonly?: boolean; mustExist?: boolean; now?: () => Date }): Promise<{ storage: Storage; db: Db | undefined }> {
  if (isPostgresUrl(target)) return { storage: await postgresStorage(target, options), db: undefined };
  const db = openDatabase(target, options);
  return { storage: sqliteStorage(db, options.now ? { now: options.now } : {}), db };
}

/** Flag, else environment variable, else default: the precedence every command follows. */
export function resolvePaths(
  flags: { config?: string; db?: string },
  env: NodeJS.ProcessEnv,
): { configPath: string; dbPath: string; configNamed: boolean } {
  // An empty variable counts as unset (`SECDIGEST_DB= secdigest …`); an empty flag is a mistake:
  // SQLite would take "" for a temporary database and a collect would store into nothing.
  for (const [flag, value] of [['--config', flags.config], ['--db', flags.db]] as const) {
    if (value !== undefined && value.trim() === '') throw new UsageError(`${flag} must name a file (got an empty value)`);
  }
  const fromEnv = (value: string | undefined) => (value?.trim() ? value : undefined);
  const config = flags.config ?? fromEnv(env.SECDIGEST_CONFIG);
  return {
    configPath: config ?? DEFAULT_CONFIG_PATH,
    dbPath: flags.db ?? fromEnv(env.SECDIGEST_DB) ?? DEFAULT_DB_PATH,
    // Named by a flag or the environment (it must exist), rather than the default (it may not).
    configNamed: config !== undefined,
  };
}

/**
 * The configuration for a command that can run without one (`parse`, `analyze`): the file named
 * by a flag or the environment (it must exist), else the default file if it exists, else defaults.
 */
export function loadConfigIfPresent(flags: { config?: string }, env: NodeJS.ProcessEnv): Pick<Config, 'settings' | 'feeds'> {
  const { configPath, configNamed } = resolvePaths(flags, env);
  if (configNamed || fs.existsSync(configPath)) return loadConfig(configPath);
  return { settings: DEFAULT_SETTINGS, feeds: [] };
}

/** Each feed's headers and filter; an unset `${NAME}` in a header is a ConfigError naming it. */
function resolveFeedOptions(config: Config, env: Readonly<Record<string, string | undefined>>): Map<string, FeedOptions> {
  const headers = resolveFeedHeaders(config.feeds, env, config.file);
  const byFeed = new Map<string, FeedOptions>();
  for (const feed of config.feeds) {
    const filter = compileFilter(feed);
    const feedHeaders = headers.get(feed.id);
    if (filter || feedHeaders) byFeed.set(feed.id, { ...(filter ? { filter } : {}), ...(feedHeaders ? { headers: feedHeaders } : {}) });
  }
  return byFeed;
}
