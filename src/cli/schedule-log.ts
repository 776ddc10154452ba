import pino, { type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import type { CollectSummary } from '../pipeline/collect.js';
import type { ScheduleEvents } from '../commands/schedule.js';
import { LockBusyError } from '../scheduler/run-lock.js';
import { logLine } from './collect-output.js';
import { errorMessage, EXIT, exitCodeFor } from './exit-codes.js';
import type { Writable } from './collect-output.js';

/**
 * The scheduler's log: one JSON object per line (pino) for journald, log shippers and `jq`, or
 * pino-pretty's readable lines on a terminal. Every line has `event`; the field names are stable.
 */
export function createScheduleLogger(stream: Writable & { isTTY?: boolean }, options: { json: boolean }): Logger {
  const prettify = !options.json && stream.isTTY ? prettyFactory({ colorize: true, translateTime: 'SYS:standard', ignore: 'pid', singleLine: true }) : null;
  const destination = {
    write: (line: string) => stream.write(prettify ? prettify(JSON.parse(line) as Record<string, unknown>) : line),
  };
  return pino(
    {
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/** Scheduler events as log lines. */
export function scheduleLogEvents(log: Logger): ScheduleEvents {
  return {
    scheduling: (nextRuns) => log.info({ event: 'scheduler-started', nextRuns }, 'scheduler started'),
    started: (job, at) => log.info({ event: 'job-started', job, scheduledAt: at.toISOString() }, `${job} started`),
    finished: (job, at, result, durationMs) =>
      log.info({ event: 'job-finished', job, scheduledAt: at.toISOString(), durationMs, ...describeResult(job, result) }, `${job} finished`),
    failed: (job, at, error) => {
      const base = { job, scheduledAt: at.toISOString() };
      if (error instanceof LockBusyError) log.warn({ event: 'job-skipped', ...base, reason: error.message }, `${job} skipped: ${error.message}`);
      // A bad feeds.yaml or a full disk is said in one line; only a bug (exit code 1) carries its stack.
      else if (exitCodeFor(error) !== EXIT.internal) log.error({ event: 'job-failed', ...base, reason: errorMessage(error) }, `${job} failed: ${errorMessage(error)}`);
      else log.error({ event: 'job-failed', ...base, err: error }, `${job} failed: ${(error as Error).message}`);
    },
    missed: (job, at) => log.warn({ event: 'job-missed', job, scheduledAt: at.toISOString() }, `${job} missed its time: the process was blocked or asleep`),
    overlapped: (job, at) =>
      log.warn({ event: 'job-overlapped', job, scheduledAt: at.toISOString() }, `${job} is still running: this firing is skipped`),
    warning: (job, message) => log.warn({ event: 'job-warning', job, message }, `${job}: ${message}`),
    feed: (result) => {
      const line = logLine(result);
      if (result.error) log.warn(line, `${result.feedId}: ${result.status}`);
      else log.info(line, `${result.feedId}: ${result.status}`);
    },
  };
}

/** The few numbers worth a log line from each job's result. */
function describeResult(job: string, result: unknown): Record<string, unknown> {
  if (typeof result !== 'object' || result === null) return {};
  if (job === 'collect') return { totals: (result as CollectSummary).totals };
  if (job === 'draft') {
    const draft = (result as { draft?: { number?: number; sections?: { entries: unknown[] }[] } }).draft;
    return { draft: draft?.number, entries: draft?.sections?.reduce((n, s) => n + s.entries.length, 0) };
  }
  if (job === 'prune') {
    const { removed, vacuum } = result as { removed?: unknown; vacuum?: { ran: boolean } };
    return { removed, vacuumed: vacuum?.ran };
  }
  return {};
}
