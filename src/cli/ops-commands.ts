import { InvalidArgumentError, Option, type Command } from 'commander';
import { openApp } from '../app.js';
import { runDoctor, type DoctorReport } from '../commands/doctor.js';
import { runPrune, type PruneReport } from '../commands/prune.js';
import { loadConfig } from '../config/index.js';
import { resolveQueueUrl } from '../queue/config.js';
import type { CliContext, CommonFlags } from './context.js';
import { withCommonOptions } from './context.js';
import { EXIT } from './exit-codes.js';
import { renderTable } from './format.js';
import { listenForShutdown, lockedRunExitCode } from './shutdown.js';

/** `--wait SECONDS`: a whole number of seconds, 0 to 86400. */
export function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!/^\d+$/.test(value.trim()) || seconds > 86_400) throw new InvalidArgumentError('expected a whole number of seconds (0 to 86400)');
  return seconds;
}

/** `secdigest schedule`, `doctor` and `prune`: running secdigest unattended (issue 8). */
export function registerOpsCommands(program: Command, ctx: CliContext): void {
  withCommonOptions(
    program
      .command('schedule')
      .description('Run collect, draft and prune on their schedules (settings.schedule) until stopped.')
      .option('--queue <url>', "collect on the queue's workers (secdigest worker): Redis URL (env SECDIGEST_QUEUE)"),
  )
    .addHelpText(
      'after',
      '\nLogs one JSON line per event on stdout (readable lines on a terminal; --json forces JSON).\n' +
        'feeds.yaml is re-read by every job; a changed settings.schedule needs a restart.\n' +
        'SIGINT or SIGTERM stops it: the job in flight is aborted, what it stored stays, exit code 0.',
    )
    .action(async (flags: CommonFlags & { queue?: string }) => {
      const paths = ctx.paths(flags);
      const { schedule } = loadConfig(paths.configPath).settings; // a bad feeds.yaml stops it here (exit 2)
      const queue = resolveQueueUrl(flags.queue, ctx.io.env);
      // Redis answers, or exit 4 now rather than at the first collect.
      if (queue) await (await import('../queue/connection.js')).checkQueueReachable(queue);
      // The scheduler, cron and logging libraries load only for this command, not at every CLI start.
      // loadConfig has checked the cron expressions and the time zone (config/ops-settings.ts).
      const [{ runSchedule }, { createScheduleLogger, scheduleLogEvents }] = await Promise.all([import('../commands/schedule.js'), import('./schedule-log.js')]);
      await (await openApp({ ...paths, env: ctx.io.env })).close(); // the database opens and is migrated, or exit 4 now rather than at the first job
      const log = createScheduleLogger(ctx.io.stdout, { json: flags.json ?? false });
      const shutdown = listenForShutdown(ctx.io);
      const stopping = () => log.info({ event: 'scheduler-stopping', signal: shutdown.received() }, 'stopping: the job in flight is aborted');
      shutdown.signal.addEventListener('abort', stopping, { once: true });
      try {
        await runSchedule(
          schedule,
          { openApp: () => openApp({ ...paths, env: ctx.io.env, ...(ctx.io.now ? { now: ctx.io.now } : {}) }), events: scheduleLogEvents(log), ...(queue ? { queue } : {}) },
          shutdown.signal,
        );
      } finally {
        shutdown.dispose();
      }
      log.info({ event: 'scheduler-stopped' }, 'scheduler stopped');
      ctx.setExitCode(EXIT.ok);
    });

  withCommonOptions(
    program
      .command('doctor')
      .description('Check the configuration, the database (integrity, schema, WAL) and the feeds; changes nothing.'),
  )
    .addHelpText(
      'after',
      '\nExit code 0 when every check passed, 6 for warnings only (feeds need attention, no collect for 26 h,\n' +
        'no database yet, schema upgrade pending), 3 when a check failed (invalid feeds.yaml, integrity,\n' +
        'a database from a newer secdigest). --json prints {status, checks: [{name, status, detail}], feeds: [{id, state, problem}]}.',
    )
    .action(async (flags: CommonFlags) => {
      const report = await runDoctor(ctx.paths(flags), ctx.now());
      ctx.out(flags.json ? JSON.stringify(report, null, 2) : renderDoctor(report));
      ctx.setExitCode(report.status === 'ok' ? EXIT.ok : report.status === 'warn' ? EXIT.warn : EXIT.failed);
    });

  withCommonOptions(
    program
      .command('prune')
      .description('Remove old items that no draft uses (and their empty stories), then VACUUM when worth it.')
      .option('--older-than <age>', 'age such as 180d or 26w (default settings.retention.olderThanDays)')
      .option('--dry-run', 'count what would be removed; change nothing')
      .addOption(new Option('--wait <seconds>', 'wait up to this long for a running collect (default 0)').argParser(parseSeconds)),
  )
    .addHelpText(
      'after',
      '\nAn item goes when it was published and first stored before the cutoff and every member of its story\n' +
        'did too, and the story is in no draft. VACUUM runs when at least 20% of the file (and 4 MiB) is free.\n' +
        'Exit code 5 when a collect is running (see --wait).',
    )
    .action(async (flags: CommonFlags & { olderThan?: string; dryRun?: boolean; wait?: number }) => {
      await ctx.withApp(flags, async (app) => {
        const shutdown = listenForShutdown(ctx.io);
        try {
          const report = await runPrune(app, {
            ...(flags.olderThan !== undefined ? { olderThan: flags.olderThan } : {}),
            dryRun: flags.dryRun ?? false,
            waitMs: (flags.wait ?? 0) * 1000,
            signal: shutdown.signal,
          });
          ctx.out(flags.json ? JSON.stringify(report, null, 2) : renderPrune(report));
          return EXIT.ok;
        } catch (error) {
          return lockedRunExitCode(error, shutdown, ctx.io, 'prune skipped');
        } finally {
          shutdown.dispose();
        }
      }, { existingDatabase: true });
    });
}

export function renderDoctor(report: DoctorReport): string {
  const lines = [renderTable(['STATUS', 'CHECK', 'DETAIL'], report.checks.map((c) => [c.status, c.name, c.detail]))];
  if (report.feeds.length) {
    lines.push('', 'Feeds that need attention:', renderTable(['ID', 'STATE', 'PROBLEM'], report.feeds.map((f) => [f.id, f.state, f.problem])));
  }
  lines.push('', `doctor: ${report.status}`);
  return lines.join('\n');
}

export function renderPrune(report: PruneReport): string {
  const r = report.removed;
  const verb = report.dryRun ? 'would remove' : 'removed';
  return [
    `${verb} ${r.items} items, ${r.stories} stories and ${r.fetchLog} fetch-log rows older than ${report.olderThanDays} days (before ${report.cutoff})`,
    `kept ${r.keptForDrafts} old items in drafted stories and ${r.keptForRecentStories} in stories with recent items`,
    report.vacuum.ran
      ? `VACUUM: ${report.vacuum.reason}; ${report.vacuum.sizeBefore} -> ${report.vacuum.sizeAfter} bytes`
      : `VACUUM not run: ${report.vacuum.reason}`,
  ].join('\n');
}
