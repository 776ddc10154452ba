import cron, { type ScheduledTask } from 'node-cron';
import { UsageError, type ScheduleSettings } from '../model/index.js';

export type { ScheduleSettings } from '../model/index.js';

/** What a job does; each receives a signal that aborts on shutdown. */
export type JobHandler = (signal: AbortSignal) => Promise<unknown>;

export interface SchedulerEvents {
  started(job: string, at: Date): void;
  finished(job: string, at: Date, result: unknown, durationMs: number): void;
  failed(job: string, at: Date, error: unknown): void;
  /** A firing skipped because the previous run of the same job was still going. */
  overlapped(job: string, at: Date): void;
  /** A firing node-cron could not make in time (the process was blocked or asleep past the tolerance). */
  missed?(job: string, at: Date): void;
}

/**
 * A firing up to this late still runs (node-cron's default is 1 s, after which it is dropped): a
 * laptop waking up or a long synchronous write must delay the daily draft, not cancel it.
 */
export const MISSED_TOLERANCE_MS = 10 * 60_000;

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

/** Jobs in the order they run when they fall due together: fresh items first, then the draft. */
export const JOB_ORDER = ['collect', 'draft', 'prune'] as const;
export type JobName = (typeof JOB_ORDER)[number];

export interface SchedulerOptions {
  /**
   * How long a fired job waits for others due at the same moment before the queue starts, so
   * that `collect` and `draft` both set for 06:00 run collect first whatever timer fired first.
   */
  settleMs?: number;
}

/**
 * Starts one node-cron task per configured job. The scheduler owns timing only: the handlers
 * are the same functions the CLI commands call (STYLE.md), and the run lock lives in them, so
 * a cron-started `collect` and a scheduled one can never overlap either.
 *
 * Jobs run one at a time in this process, in JOB_ORDER when several are due: a draft at 06:00
 * then includes the 06:00 collection. A job that fires while it is still queued or running is
 * reported as `overlapped` and dropped (its next firing picks the work up).
 */
export function startScheduler(
  settings: ScheduleSettings,
  handlers: Partial<Record<JobName, JobHandler>>,
  events: SchedulerEvents,
  options: SchedulerOptions = {},
): Scheduler {
  validateSchedule(settings);
  const settleMs = options.settleMs ?? 500;
  const controller = new AbortController();
  const tasks = new Map<string, ScheduledTask>();
  const queued = new Map<JobName, Date>();
  let current: JobName | null = null;
  let draining: Promise<void> | null = null;
  let stopped = false;

  const drain = async () => {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    for (;;) {
      const job = JOB_ORDER.find((name) => queued.has(name));
      if (!job || stopped) break;
      const at = queued.get(job)!;
      queued.delete(job);
      current = job;
      const started = Date.now();
      events.started(job, at);
      try {
        events.finished(job, at, await handlers[job]!(controller.signal), Date.now() - started);
      } catch (error) {
        events.failed(job, at, error);
      } finally {
        current = null;
      }
    }
    draining = null;
  };

  for (const [job, expression] of Object.entries(jobExpressions(settings)) as [JobName, string][]) {
    if (!handlers[job]) continue;
    const task = cron.schedule(
      expression,
      (context) => {
        if (stopped) return;
        const at = context.date;
        if (current === job || queued.has(job)) return events.overlapped(job, at);
        queued.set(job, at);
        draining ??= drain();
      },
      { timezone: settings.timezone, name: job, missedExecutionTolerance: MISSED_TOLERANCE_MS },
    );
    // Listening also keeps node-cron from printing its own warning line among our JSON log lines.
    task.on('execution:missed', (context) => events.missed?.(job, context.date));
    tasks.set(job, task);
  }

  return {
    nextRuns: (count) =>
      Object.fromEntries([...tasks].map(([job, task]) => [job, task.getNextRuns(count).map((d) => d.toISOString())])),
    async stop() {
      stopped = true;
      for (const task of tasks.values()) await task.destroy();
      queued.clear();
      controller.abort();
      await draining;
    },
  };
}
