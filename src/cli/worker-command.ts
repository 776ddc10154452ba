import { InvalidArgumentError, Option, type Command } from 'commander';
import { UsageError } from '../model/index.js';
import { DEFAULT_GRACE_MS, DEFAULT_LEASE_MS, resolveQueueUrl } from '../queue/config.js';
import { logLine } from './collect-output.js';
import { withCommonOptions, type CliContext, type CommonFlags } from './context.js';
import { EXIT } from './exit-codes.js';
import { createScheduleLogger } from './schedule-log.js';
import { listenForShutdown } from './shutdown.js';

/** A whole number from 1 to `max`. */
function wholeNumber(max: number, what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < 1 || n > max) throw new InvalidArgumentError(`expected ${what} from 1 to ${max}`);
    return n;
  };
}

export const QUEUE_OPTION_HELP = 'Redis URL of the fetch queue, redis://host:port[/db][?prefix=name] (env SECDIGEST_QUEUE)';

/** `secdigest worker`: one of the fleet's fetch workers (issue 20). */
export function registerWorkerCommand(program: Command, ctx: CliContext): void {
  withCommonOptions(
    program
      .command('worker')
      .description('Run collect jobs from the queue (fetch, parse, store one feed each) until stopped.')
      .option('--queue <url>', QUEUE_OPTION_HELP)
      .addOption(new Option('--concurrency <n>', 'jobs at once (default settings.fetch.concurrency)').argParser(wholeNumber(1000, 'a number of jobs')))
      .addOption(
        new Option('--lease <seconds>', `how long a killed worker's jobs and host slots stay claimed before others take them over (default ${DEFAULT_LEASE_MS / 1000})`).argParser(
          wholeNumber(3600, 'seconds'),
        ),
      )
      .addOption(
        new Option('--grace <seconds>', `at SIGINT/SIGTERM, how long running jobs may finish before they go back to the queue (default ${DEFAULT_GRACE_MS / 1000})`).argParser(
          wholeNumber(3600, 'seconds'),
        ),
      ),
  )
    .addHelpText(
      'after',
      '\nLogs one JSON line per event on stdout (readable lines on a terminal; --json forces JSON).\n' +
        'Settings (fetch limits, perHostConcurrency) come from feeds.yaml; per-host limits and Retry-After\n' +
        'hold across every worker sharing the queue. SIGINT or SIGTERM: no new jobs, running ones finish\n' +
        'within --grace or go back to the queue, exit code 0. Exit code 4 when Redis or the database cannot be used.',
    )
    .action(async (flags: CommonFlags & { queue?: string; concurrency?: number; lease?: number; grace?: number }) => {
      const queue = resolveQueueUrl(flags.queue, ctx.io.env);
      if (!queue) throw new UsageError('worker needs a queue: pass --queue redis://host:port or set SECDIGEST_QUEUE');
      // BullMQ and ioredis load for this command (and collect --queue) only, not at every CLI start.
      const { runWorker } = await import('../commands/worker.js');
      await ctx.withApp(flags, async (app) => {
        const log = createScheduleLogger(ctx.io.stdout, { json: flags.json ?? false });
        const shutdown = listenForShutdown(ctx.io);
        try {
          const report = await runWorker(app, {
            queue,
            ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
            ...(flags.lease ? { leaseMs: flags.lease * 1000 } : {}),
            ...(flags.grace ? { graceMs: flags.grace * 1000 } : {}),
            signal: shutdown.signal,
            onReady: ({ concurrency, leaseMs }) =>
              log.info({ event: 'worker-started', queue: queue.display, prefix: queue.prefix, concurrency, leaseMs }, `worker started (${concurrency} jobs at once)`),
            onResult: (result) => {
              const line = logLine(result);
              if (result.error) log.warn(line, `${result.feedId}: ${result.status}`);
              else log.info(line, `${result.feedId}: ${result.status}`);
            },
            onFailed: (feed, error, willRetry) => log.error({ event: 'job-failed', feed, willRetry, reason: error.message }, `${feed ?? 'a job'} failed: ${error.message}`),
            onReturned: (feed) => log.warn({ event: 'job-returned', feed }, `${feed}: stopped before it finished, back in the queue`),
            onError: (error) => log.warn({ event: 'queue-error', reason: error.message }, `queue: ${error.message}`),
            onStopping: () => log.info({ event: 'worker-stopping', signal: shutdown.received() }, 'stopping: no new jobs; running ones finish or go back to the queue'),
          });
          log.info({ event: 'worker-stopped', ...report }, `worker stopped after ${report.jobs} jobs`);
          return EXIT.ok;
        } finally {
          shutdown.dispose();
        }
      });
    });
}
