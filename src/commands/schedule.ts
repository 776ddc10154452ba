import type { App, AppOptions } from '../app.js';
import type { ScheduleSettings } from '../model/index.js';
import type { FeedRunResult } from '../pipeline/collect.js';
import type { QueueConfig } from '../queue/config.js';
import { startScheduler, type JobHandler, type JobName, type SchedulerEvents } from '../scheduler/index.js';
import { runCollectLocked } from './collect.js';
import { runDraft } from './draft.js';
import { runPrune } from './prune.js';

export interface ScheduleEvents extends SchedulerEvents {
  /** One feed's result during a scheduled collect (the same record `collect` logs). */
  feed(result: FeedRunResult): void;
  /** A warning from a job that failed nothing (collect: a stored classifier model not used). */
  warning(job: string, message: string): void;
  /** The scheduler is running: each job's next firing time (UTC). */
  scheduling(nextRuns: Record<string, string[]>): void;
}

export interface ScheduleDeps {
  /** Opens the app for one job: feeds.yaml is read afresh, so feed edits apply without a restart. */
  openApp: (options?: Pick<AppOptions, 'now'>) => Promise<App>;
  events: ScheduleEvents;
  /** The draft job; default `runDraft`, the function behind `secdigest draft`. */
  draft?: (app: App, options: { date?: string }) => unknown;
  /** The fetch queue (`--queue`, SECDIGEST_QUEUE): collect enqueues on it and waits for the workers. */
  queue?: QueueConfig;
  /** Forwarded to the scheduler (tests shorten it). */
  settleMs?: number;
}

/** How long the scheduled prune waits for a running collect before giving up until tomorrow. */
const PRUNE_LOCK_WAIT_MS = 10 * 60_000;

/**
 * The jobs of `secdigest schedule`: the same functions the CLI commands call. Each job opens the
 * app itself and closes it afterwards, so the database is never held open between runs and a
 * fixed feeds.yaml is picked up by the next run. A collect that finds another one running (a cron
 * job, a manual run) does not wait: that run is doing the work (LockBusyError, logged as skipped).
 */
export function scheduleJobs(settings: ScheduleSettings, deps: ScheduleDeps): Record<JobName, JobHandler> {
  const draft = deps.draft ?? ((app: App, options: { date?: string }) => runDraft(app, options));
  const withApp = async <T>(body: (app: App) => Promise<T> | T): Promise<T> => {
    const app = await deps.openApp();
    try {
      return await body(app);
    } finally {
      await app.close();
    }
  };
  return {
    collect: (signal) =>
      withApp(async (app) => {
        // BullMQ loads only when a queue is configured.
        const { withQueueCollector } = await import('../queue/coordinator.js');
        return withQueueCollector(deps.queue, (queue) =>
          runCollectLocked(app, { signal, waitMs: 0, onResult: (r) => deps.events.feed(r), onWarning: (m) => deps.events.warning('collect', m), ...(queue ? { queue } : {}) }),
        );
      }),
    draft: () => withApp((app) => draft(app, issueDate(app.now(), settings.timezone))),
    prune: (signal) => withApp((app) => runPrune(app, { signal, waitMs: PRUNE_LOCK_WAIT_MS })),
  };
}

/**
 * The issue's date is the day in the schedule's time zone (a 06:00 Tokyo draft is that day's
 * issue, though it is still the previous day in UTC). `runDraft` ends the window at the end of
 * that UTC day or now, whichever is earlier, so a local day behind UTC is left to the default
 * (the UTC date) rather than cutting the window short.
 */
export function issueDate(now: Date, timezone: string): { date?: string } {
  const local = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return local >= now.toISOString().slice(0, 10) ? { date: local } : {};
}

/**
 * `secdigest schedule`: runs the jobs on their cron schedules until `signal` aborts (SIGINT or
 * SIGTERM), then stops firing, aborts the job in flight (its fetches end as `aborted` and are not
 * counted as feed errors; what was stored stays committed) and returns once it has wound down.
 */
export async function runSchedule(settings: ScheduleSettings, deps: ScheduleDeps, signal: AbortSignal): Promise<void> {
  const scheduler = startScheduler(settings, scheduleJobs(settings, deps), deps.events, deps.settleMs !== undefined ? { settleMs: deps.settleMs } : {});
  deps.events.scheduling(scheduler.nextRuns(1));
  await new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await scheduler.stop();
}
