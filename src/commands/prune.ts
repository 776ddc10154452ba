import type { App } from '../app.js';
import { UsageError } from '../model/index.js';
import { withRunLock } from '../scheduler/run-lock.js';
import type { PageStats, PruneCounts } from '../storage/index.js';
import { COLLECT_LOCK, COLLECT_LOCK_TTL_MS } from './collect.js';

export interface PruneOptions {
  /** An age such as `180d` or `26w`; default `settings.retention.olderThanDays`. */
  olderThan?: string;
  dryRun?: boolean;
  /** How long to wait for a running collect (the run lock), in ms. */
  waitMs?: number;
  signal?: AbortSignal;
}

/** `secdigest prune --json` prints this object (a public contract, documented in the README). */
export interface PruneReport {
  olderThanDays: number;
  /** Items published and first stored before this time were candidates. */
  cutoff: string;
  dryRun: boolean;
  removed: PruneCounts;
  vacuum: { ran: boolean; reason: string; sizeBefore: number; sizeAfter: number };
}

/** `180d`, `26w` or a bare number of days. */
export function parseAge(text: string): number {
  const match = /^(\d+)\s*(d|w)?$/i.exec(text.trim());
  const days = match ? Number(match[1]) * (match[2]?.toLowerCase() === 'w' ? 7 : 1) : NaN;
  if (!Number.isSafeInteger(days) || days < 1) throw new UsageError(`--older-than must be an age such as 180d or 26w (got "${text}")`);
  return days;
}

/**
 * VACUUM rewrites the whole file (and needs as much free disk again), and SQLite reuses free
 * pages for new items anyway: worth it only when at least a fifth of the file is free and that
 * is at least 4 MiB. Below that, the space is simply refilled by the next weeks of collection.
 */
export function vacuumDecision(stats: PageStats): { worth: boolean; reason: string } {
  const freeBytes = stats.freePages * stats.pageSize;
  const share = stats.pageCount ? stats.freePages / stats.pageCount : 0;
  const what = `${stats.freePages} of ${stats.pageCount} pages free (${Math.round(share * 100)}%, ${freeBytes} bytes)`;
  if (share >= 0.2 && freeBytes >= 4 * 1024 * 1024) return { worth: true, reason: `${what}: at least 20% and 4 MiB` };
  return { worth: false, reason: `${what}: below 20% or 4 MiB, left for reuse` };
}

/**
 * `secdigest prune`: removes old items no draft needs (storage/sqlite/prune.ts), then VACUUMs when worth
 * it. Holds the collect lock, so it never deletes a story a running collect is filing items into.
 */
export async function runPrune(app: App, options: PruneOptions = {}): Promise<PruneReport> {
  const olderThanDays = options.olderThan !== undefined ? parseAge(options.olderThan) : app.config.settings.retention.olderThanDays;
  const cutoff = new Date(app.now().getTime() - olderThanDays * 86_400_000).toISOString();
  const dryRun = options.dryRun ?? false;
  const lock = { ttlMs: COLLECT_LOCK_TTL_MS, waitMs: options.waitMs ?? 0, ...(options.signal ? { signal: options.signal } : {}) };
  return withRunLock(app.storage.runLocks, COLLECT_LOCK, lock, async () => {
    const { maintenance } = app.storage;
    const before = await maintenance.pageStats();
    const removed = await maintenance.pruneItems(cutoff, { dryRun });
    const decision = vacuumDecision(await maintenance.pageStats());
    const ran = !dryRun && decision.worth;
    if (ran) await maintenance.compact();
    const after = await maintenance.pageStats();
    return {
      olderThanDays,
      cutoff,
      dryRun,
      removed,
      vacuum: {
        ran,
        reason: dryRun ? 'dry run' : decision.reason,
        sizeBefore: before.pageCount * before.pageSize,
        sizeAfter: after.pageCount * after.pageSize,
      },
    };
  });
}
