import cron, { type ScheduledTask } from 'node-cron';
import { UsageError } from '../model/index.js';

/** The `settings.schedule` block of feeds.yaml. */
export interface ScheduleSettings {
  /** IANA time zone the cron expressions are read in, e.g. America/New_York. */
  timezone: string;
  /** When to collect (default hourly). Feeds with `intervalMinutes` are collected only when due. */
  collect: string;
  /** When to draft the daily issue; null disables the job. */
  draft: string | null;
  /** When to prune old items; null disables the job. */
  prune: string | null;
}

/** What a job does; each receives a signal that aborts on shutdown. */
export type JobHandler = (signal: AbortSignal) => Promise<unknown>;

export interface SchedulerEvents {
  started(job: string, at: Date): void;
  finished(job: string, at: Date, result: unknown, durationMs: number): void;
  failed(job: string, at: Date, error: unknown): void;
  /** A firing skipped because the previous run of the same job was still going. */
  overlapped(job: string, at: Date): void;
}

export interface Scheduler {
  /** The next `count` firing times of each job, in UTC. */
  nextRuns(count: number): Record<string, string[]>;
  /** Stops firing, aborts what is running, and waits for it to wind down. */
  stop(): Promise<void>;
}

/** Checks every expression and the time zone up front, so a typo fails at start, not at 6 am. */
export function validateSchedule(settings: ScheduleSettings): void {
  const problems: string[] = [];
  for (const [job, expression] of Object.entries(jobExpressions(settings))) {
    if (!cron.validate(expression)) problems.push(`schedule.${job}: "${expression}" is not a valid cron expression`);
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: settings.timezone });
  } catch {
    problems.push(`schedule.timezone: "${settings.timezone}" is not an IANA time zone`);
  }
  if (problems.length) throw new UsageError(problems.join('; '));
}

function jobExpressions(settings: ScheduleSettings): Record<string, string> {
  const jobs: Record<string, string> = { collect: settings.collect };
  if (settings.draft) jobs.draft = settings.draft;
  if (settings.prune) jobs.prune = settings.prune;
  return jobs;
}

/**
 * Starts one node-cron task per configured job. The scheduler owns timing only: the handlers
 * are the same functions the CLI commands call (STYLE.md), and the run lock lives in them, so
 * a cron-started `collect` and a scheduled one can never overlap either.
 */
export function startScheduler(
  settings: ScheduleSettings,
  handlers: Partial<Record<'collect' | 'draft' | 'prune', JobHandler>>,
  events: SchedulerEvents,
): Scheduler {
  validateSchedule(settings);
  const controller = new AbortController();
  const running = new Set<Promise<unknown>>();
  const tasks = new Map<string, ScheduledTask>();

  for (const [job, expression] of Object.entries(jobExpressions(settings))) {
    const handler = handlers[job as keyof typeof handlers];
    if (!handler) continue;
    let busy = false;
    const task = cron.schedule(
      expression,
      async (context) => {
        const at = context.date;
        if (busy) return events.overlapped(job, at);
        busy = true;
        const started = Date.now();
        events.started(job, at);
        const run = handler(controller.signal)
          .then((result) => events.finished(job, at, result, Date.now() - started))
          .catch((error: unknown) => events.failed(job, at, error))
          .finally(() => {
            busy = false;
            running.delete(run);
          });
        running.add(run);
        await run;
      },
      { timezone: settings.timezone, name: job },
    );
    tasks.set(job, task);
  }

  return {
    nextRuns: (count) =>
      Object.fromEntries([...tasks].map(([job, task]) => [job, task.getNextRuns(count).map((d) => d.toISOString())])),
    async stop() {
      for (const task of tasks.values()) await task.destroy();
      controller.abort();
      await Promise.allSettled([...running]);
    },
  };
}
