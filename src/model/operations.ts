/**
 * Settings for running secdigest unattended (issue 8): `settings.schedule`, `settings.health`
 * and `settings.retention` of feeds.yaml. Defaults in config/defaults.ts, documented in the README.
 */

/** When `secdigest schedule` runs each job. Cron expressions (5 fields, or 6 with seconds). */
export interface ScheduleSettings {
  /** IANA time zone the expressions are read in, e.g. America/New_York. */
  timezone: string;
  /** When to collect. Feeds with `intervalMinutes` are fetched only when due. */
  collect: string;
  /** When to draft the daily issue; null disables the job. */
  draft: string | null;
  /** When to prune old items (`retention`); null disables the job. */
  prune: string | null;
}

/** Backoff of failing feeds and when one is called unhealthy (pipeline/feed-health/backoff.ts). */
export interface HealthSettings {
  /** Delay after the first failure; doubles with each further one. */
  backoffBaseMinutes: number;
  backoffMaxHours: number;
  /** A feed is unhealthy after this many consecutive failures … */
  unhealthyAfterErrors: number;
  /** … spanning at least this long (a short outage never marks a feed unhealthy). */
  unhealthyAfterHours: number;
  /** An unhealthy feed is tried again this long after its last attempt; 0: only `feeds --retry`. */
  recheckHours: number;
}

/** What `secdigest prune` (and the scheduled prune) removes. */
export interface RetentionSettings {
  /** Items older than this (published and first stored) and in no draft are removed. */
  olderThanDays: number;
}
