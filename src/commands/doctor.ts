import fs from 'node:fs';
import { loadConfig } from '../config/index.js';
import { ConfigError, type Config } from '../model/index.js';
import { databaseHealth, listFeedHealth, lockHolder, openDatabase, type FeedHealth } from '../storage/index.js';

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
  /** Feeds that need an editor's attention, with the reason. */
  feeds: { id: string; problem: string }[];
}

/**
 * `secdigest doctor`: checks the configuration, the database (integrity, schema version, WAL)
 * and the feeds, without changing anything (the database is opened read-only).
 */
export function runDoctor(paths: { configPath: string; dbPath: string }, now: Date): DoctorReport {
  const checks: DoctorCheck[] = [];
  let config: Config | null = null;
  try {
    config = loadConfig(paths.configPath);
    const enabled = config.feeds.filter((f) => f.enabled).length;
    checks.push({ name: 'config', status: 'ok', detail: `${paths.configPath}: ${config.feeds.length} feeds, ${enabled} enabled` });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    checks.push({ name: 'config', status: 'fail', detail: error.message });
  }

  const feeds: DoctorReport['feeds'] = [];
  if (!fs.existsSync(paths.dbPath)) {
    checks.push({ name: 'database', status: 'warn', detail: `${paths.dbPath} does not exist yet: run \`secdigest collect\`` });
  } else {
    const db = openDatabase(paths.dbPath, { readonly: true });
    try {
      const health = databaseHealth(db);
      const intact = health.integrity.length === 1 && health.integrity[0] === 'ok';
      checks.push({ name: 'integrity', status: intact ? 'ok' : 'fail', detail: intact ? 'PRAGMA integrity_check: ok' : health.integrity.join('; ') });
      const current = health.schemaVersion === health.expectedSchemaVersion;
      checks.push({
        name: 'schema',
        status: current ? 'ok' : health.schemaVersion < health.expectedSchemaVersion ? 'warn' : 'fail',
        detail: current
          ? `schema version ${health.schemaVersion}`
          : `schema version ${health.schemaVersion}, this secdigest expects ${health.expectedSchemaVersion}` +
            (health.schemaVersion < health.expectedSchemaVersion ? ' (the next collect upgrades it)' : ' (upgrade secdigest)'),
      });
      checks.push({
        name: 'journal',
        status: health.journalMode === 'wal' ? 'ok' : 'warn',
        detail: `journal_mode ${health.journalMode}${health.journalMode === 'wal' ? '' : ' (expected wal)'}`,
      });
      const holder = lockHolder(db, 'collect');
      if (holder && Date.parse(holder.expiresAt) > now.getTime()) {
        checks.push({ name: 'lock', status: 'ok', detail: `a collect is running: ${holder.owner} since ${holder.acquiredAt}` });
      }
      if (config) {
        for (const feed of listFeedHealth(db, config.feeds.filter((f) => f.enabled).map((f) => f.id))) {
          const problem = feedProblem(feed);
          if (problem) feeds.push({ id: feed.id, problem });
        }
        checks.push({
          name: 'feeds',
          status: feeds.length ? 'warn' : 'ok',
          detail: feeds.length ? `${feeds.length} feed(s) need attention` : 'every enabled feed is healthy',
        });
      }
    } finally {
      db.close();
    }
  }
  const status: CheckStatus = checks.some((c) => c.status === 'fail') ? 'fail' : checks.some((c) => c.status === 'warn') ? 'warn' : 'ok';
  return { status, checks, feeds };
}

function feedProblem(feed: FeedHealth): string | null {
  if (feed.disabledReason) return `disabled: ${feed.disabledReason}`;
  if (feed.consecutiveErrors > 0) return `${feed.consecutiveErrors} consecutive error(s), last: [${feed.lastErrorCode}] ${feed.lastError}`;
  if (feed.movedTo) return `moved permanently to ${feed.movedTo}: update feeds.yaml`;
  return null;
}
