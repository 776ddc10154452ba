import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/index.js';
import { checkTemplates } from '../config/issue-settings.js';
import { feedAttention, movedNote, type FeedAttention } from '../model/feed-health.js';
import { ConfigError, type Config } from '../model/index.js';
import { holderIsGone } from '../scheduler/run-lock.js';
import { openStorage } from '../app.js';
import { isPostgresUrl, isStorageDriverError, postgresTarget, redactUrl, type FeedHealth, type Storage } from '../storage/index.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface DoctorCheck {
  name: string;
  status: CheckStatus;
  detail: string;
}

/** `secdigest doctor --json` prints this object (a public contract, documented in the README). */
export interface DoctorReport {
  status: CheckStatus;
  checks: DoctorCheck[];
  /**
   * Feeds that need attention, with the reason: `unhealthy`, `disabled` (410) and `moved` make the
   * report a warning; `failing` (a streak still backing off) is listed but does not.
   */
  feeds: { id: string; state: FeedAttention; problem: string }[];
}

/** No collect at all for this long: the scheduler or the cron job has probably stopped. */
const STALE_AFTER_HOURS = 26;

/**
 * `secdigest doctor`: checks the configuration, the database (integrity, schema version, WAL; on
 * PostgreSQL the connection, checksum failures and the schema's tables) and the feeds, without
 * changing anything (the database is opened read-only).
 */
export async function runDoctor(paths: { configPath: string; dbPath: string }, now: Date): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  let config: Config | null = null;
  try {
    config = loadConfig(paths.configPath);
    const enabled = config.feeds.filter((f) => f.enabled).length;
    checks.push({ name: 'config', status: 'ok', detail: `${paths.configPath}: ${config.feeds.length} feeds, ${enabled} enabled` });
    checks.push(templateCheck(config));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    checks.push({ name: 'config', status: 'fail', detail: error.message });
  }

  const feeds: DoctorReport['feeds'] = [];
  const postgres = isPostgresUrl(paths.dbPath);
  const where = postgres ? describePostgres(paths.dbPath) : paths.dbPath;
  const file = postgres ? undefined : fs.statSync(paths.dbPath, { throwIfNoEntry: false });
  if (!postgres && !file) {
    checks.push({ name: 'database', status: 'warn', detail: `${paths.dbPath} does not exist yet: run \`secdigest collect\`` });
    return summarize(checks, feeds);
  }
  if (file?.isFile() && file.size === 0) {
    // An empty file is a database with no tables yet (as `touch` leaves it): any command sets it up.
    checks.push({ name: 'database', status: 'warn', detail: `${paths.dbPath} is empty: run \`secdigest collect\`` });
    return summarize(checks, feeds);
  }
  let storage: Storage;
  try {
    // Read-only: SQLite opens the file read-only; PostgreSQL sessions are read-only and nothing is migrated.
    storage = await openStorage(paths.dbPath, { readonly: true });
  } catch (error) {
    // A file that is not a database, a server that cannot be reached: a finding, not a crash of the doctor.
    checks.push({ name: 'database', status: 'fail', detail: (error as Error).message });
    return summarize(checks, feeds);
  }
  try {
    const health = await storage.maintenance.health();
    if (postgres) checks.push({ name: 'connection', status: 'ok', detail: `connected to ${where}` });
    if (postgres && health.schemaVersion === 0) {
      // A database (or schema) collect never set up: nothing else to check in it.
      checks.push({ name: 'schema', status: 'warn', detail: `no secdigest tables in ${where} yet: run \`secdigest collect\`` });
      return summarize(checks, feeds);
    }
    const intact = health.integrity.length === 1 && health.integrity[0] === 'ok';
    const okDetail = postgres ? 'no data checksum failure counted by the server, every table present' : 'PRAGMA integrity_check: ok';
    checks.push({ name: 'integrity', status: intact ? 'ok' : 'fail', detail: intact ? okDetail : health.integrity.join('; ') });
    const current = health.schemaVersion === health.expectedSchemaVersion;
    checks.push({
      name: 'schema',
      status: current ? 'ok' : health.schemaVersion < health.expectedSchemaVersion ? 'warn' : 'fail',
      detail: current
        ? `schema version ${health.schemaVersion}`
        : `schema version ${health.schemaVersion}, this secdigest expects ${health.expectedSchemaVersion}` +
          (health.schemaVersion < health.expectedSchemaVersion ? ' (the next collect upgrades it)' : ' (upgrade secdigest)'),
    });
    // SQLite must be in WAL for collect and the review page to run together; PostgreSQL always
    // journals, and the check reports its write-ahead log level.
    checks.push(
      postgres
        ? { name: 'journal', status: 'ok', detail: `PostgreSQL write-ahead log (${health.journalMode})` }
        : {
            name: 'journal',
            status: health.journalMode === 'wal' ? 'ok' : 'warn',
            detail: `journal_mode ${health.journalMode}${health.journalMode === 'wal' ? '' : ' (expected wal)'}`,
          },
    );
    // The lock table and health columns arrived with SQLite's schema v3 (an older file is upgraded
    // by the next collect); PostgreSQL's first version has them.
    if (health.schemaVersion >= (postgres ? 1 : 3)) {
      const holder = await storage.runLocks.holder('collect');
      const live = holder !== undefined && Date.parse(holder.expiresAt) > now.getTime();
      if (holder && live && holderIsGone(holder)) {
        checks.push({ name: 'lock', status: 'ok', detail: `the lease of ${holder.owner} was left by a process that is gone (killed?): the next run takes it over` });
      } else if (holder && live) {
        checks.push({ name: 'lock', status: 'ok', detail: `a collect or prune is running: ${holder.owner} since ${holder.acquiredAt}` });
      } else if (holder) {
        checks.push({ name: 'lock', status: 'ok', detail: `a stale lease of ${holder.owner} expired at ${holder.expiresAt}: the next run takes it over` });
      }
    }
    const lastRun = await storage.feeds.lastFetchAt();
    const staleMs = STALE_AFTER_HOURS * 3_600_000;
    checks.push(
      !lastRun
        ? { name: 'last-run', status: 'warn', detail: 'no feed has been fetched yet' }
        : now.getTime() - Date.parse(lastRun) > staleMs
          ? { name: 'last-run', status: 'warn', detail: `the last fetch was at ${lastRun}, over ${STALE_AFTER_HOURS} h ago: is the scheduler running?` }
          : { name: 'last-run', status: 'ok', detail: `last fetch at ${lastRun}` },
    );
    if (config) {
      // Only enabled feeds: one switched off in feeds.yaml never needs attention (feedAttention).
      for (const feed of await storage.feeds.health(config.feeds.filter((f) => f.enabled).map((f) => f.id))) {
        const state = feedAttention(feed, true);
        if (state) feeds.push({ id: feed.id, state, problem: feedProblem(feed, state) });
      }
      const serious = feeds.filter((f) => f.state !== 'failing');
      const failing = feeds.length - serious.length;
      checks.push({
        name: 'feeds',
        status: serious.length ? 'warn' : 'ok',
        detail:
          (serious.length ? `${serious.length} feed(s) need attention` : 'no feed is unhealthy, disabled or moved') +
          (failing ? `; ${failing} failing and backing off` : ''),
      });
    }
  } catch (error) {
    if (!isStorageDriverError(error)) throw error;
    checks.push({ name: 'database', status: 'fail', detail: `${where}: ${(error as Error).message}` });
  } finally {
    await storage.close();
  }
  return summarize(checks, feeds);
}

/** A PostgreSQL URL as messages show it: without its password. */
function describePostgres(url: string): string {
  try {
    return postgresTarget(url).display;
  } catch {
    return redactUrl(url);
  }
}

function summarize(checks: DoctorCheck[], feeds: DoctorReport['feeds']): DoctorReport {
  const status: CheckStatus = checks.some((c) => c.status === 'fail') ? 'fail' : checks.some((c) => c.status === 'warn') ? 'warn' : 'ok';
  return { status, checks, feeds };
}

/** The `problem` text of each state (its wording is part of the `--json` contract). */
function feedProblem(feed: FeedHealth, state: FeedAttention): string {
  const last = `last: [${feed.lastErrorCode}] ${feed.lastError}`;
  switch (state) {
    case 'disabled':
      return `disabled: ${feed.disabledReason} (\`secdigest feeds --retry ${feed.id}\` or change its url)`;
    case 'unhealthy': {
      const next = feed.nextAttemptAt ? `next check at ${feed.nextAttemptAt}` : 'no automatic recheck';
      return `unhealthy since ${feed.unhealthySince} after ${feed.consecutiveErrors} errors (${next}), ${last}`;
    }
    case 'failing':
      return `${feed.consecutiveErrors} consecutive error(s) since ${feed.errorSince ?? '?'}, next try at ${feed.nextAttemptAt ?? 'the next collect'}, ${last}`;
    case 'moved':
      return movedNote(feed.movedTo ?? '?');
  }
}

/**
 * The editor's issue templates and the Liquid in settings.issue's texts (issue 18): a broken one
 * fails here rather than at export time, and never stops a collect.
 */
function templateCheck(config: Config): DoctorCheck {
  const problems = checkTemplates(config.settings, path.dirname(config.file));
  if (problems.length > 0) return { name: 'templates', status: 'fail', detail: problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`).join('; ') };
  const own = Object.keys(config.settings.issue.template);
  return { name: 'templates', status: 'ok', detail: own.length > 0 ? `the editor's ${own.join(', ')} ${own.length === 1 ? 'template parses' : 'templates parse'}` : 'the shipped issue templates' };
}
