import { Command, CommanderError, Option } from 'commander';
import { loadConfigIfPresent, openFetcher, openStorage } from '../app.js';
import { everyFeedFailed, runCollectLocked } from '../commands/collect.js';
import { parseSources } from '../commands/parse.js';
import { PACKAGE_VERSION } from '../config/defaults.js';
import { createProgress, renderSummary } from './collect-output.js';
import { createContext, withCommonOptions, type CliIo, type CommonFlags } from './context.js';
import { errorMessage, EXIT, exitCodeFor } from './exit-codes.js';
import { terminalSafe, warn } from './format.js';
import { renderParseReports } from './render.js';
import { registerFeedCommands } from './feeds-commands.js';
import { registerAnalyzeCommand } from './analyze-command.js';
import { registerOpsCommands, parseSeconds } from './ops-commands.js';
import { listenForShutdown, lockedRunExitCode, signalExitCode } from './shutdown.js';
import { registerTrainCommand } from './train-command.js';
import { registerDraftCommands } from './draft-commands.js';
import { registerReviewCommand } from './review-command.js';
import { registerPublishCommand } from './publish-command.js';
import { QUEUE_OPTION_HELP, registerWorkerCommand } from './worker-command.js';
import { registerItemsCommand } from './items-command.js';
import { resolveQueueUrl } from '../queue/config.js';
import { QueueUnavailableError } from '../queue/errors.js';

/** Runs the CLI and returns the exit code. Only this layer prints and maps errors to codes. */
export type { CliIo } from './context.js';

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const ctx = createContext(io, (code) => (exitCode = code));
  const { out, withApp } = ctx;

  const program = new Command()
    .name('secdigest')
    .description('Collects cybersecurity feeds into SQLite and drafts a newsletter issue.')
    .version(PACKAGE_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  withCommonOptions(
    program
      .command('collect')
      .description('Fetch the enabled feeds (or those named with --feed) and store new items.')
      .addOption(new Option('--feed <id...>', 'collect only these feed ids (repeatable)'))
      .option('--wait <seconds>', 'when another collect is running, wait up to this long for it (default 0: skip)', parseSeconds)
      .option('--queue <url>', `fetch on the queue's workers instead of here: ${QUEUE_OPTION_HELP}`),
  )
    .addHelpText(
      'after',
      '\nOn a terminal a progress bar is shown; otherwise one JSON log line per feed goes to stderr.\n' +
        'Exit code 0 when the run completed (even if some feeds failed), 3 when every feed failed,\n' +
        '2 for a bad configuration or flag, 4 when the database or the queue cannot be used (a full\n' +
        'disk, a damaged file, Redis unreachable), 5 when another collect was running or another\n' +
        'process kept the database locked (skipped; see --wait),\n' +
        '130/143 when stopped by SIGINT/SIGTERM (feeds finished before the signal stay stored).',
    )
    .action(async (flags: CommonFlags & { feed?: string[]; wait?: number; queue?: string }) => {
      const queueConfig = resolveQueueUrl(flags.queue, io.env); // a malformed URL is exit 2 before anything opens
      await withApp(flags, async (app) => {
        const ids = flags.feed;
        // Redis is checked before the run lock is taken: unreachable is exit 4 with nothing done.
        const queue = queueConfig ? await (await import('../queue/coordinator.js')).openQueueCollector(queueConfig) : undefined;
        const shutdown = listenForShutdown(io);
        const progress = createProgress(io.stderr);
        let summary;
        try {
          summary = await runCollectLocked(app, {
            ...(ids ? { feedIds: ids } : {}),
            onStart: progress.onStart,
            onWarning: (message) => warn(io.stderr, `warning: ${message}`),
            onResult: progress.onResult,
            signal: shutdown.signal,
            waitMs: (flags.wait ?? 0) * 1000,
            ...(queue ? { queue } : {}),
          });
        } catch (error) {
          return lockedRunExitCode(error, shutdown, io, 'skipped');
        } finally {
          progress.stop();
          shutdown.dispose();
          await queue?.close();
        }
        out(flags.json ? JSON.stringify(summary, null, 2) : renderSummary(summary));
        const signal = shutdown.received();
        if (signal) return signalExitCode(signal);
        return everyFeedFailed(summary) ? EXIT.failed : EXIT.ok;
      });
    });

  registerFeedCommands(program, ctx);

  withCommonOptions(
    program
      .command('parse')
      .description('Print the normalized items of feed documents (files or http(s) URLs); stores nothing.')
      .argument('<source...>', 'feed files or URLs'),
  )
    .addHelpText('after', '\nExit code 3 when any source could not be read or parsed.')
    .action(async (sources: string[], flags: CommonFlags) => {
      // parse needs no database; it uses the configured fetch limits when a config exists.
      const { settings } = loadConfigIfPresent(flags, io.env);
      const reports = await parseSources(sources, {
        fetcher: openFetcher(settings.fetch),
        limits: settings.collect,
        now: ctx.now,
        maxBytes: settings.fetch.maxBodyBytes,
      });
      out(flags.json ? JSON.stringify(reports, null, 2) : renderParseReports(reports));
      exitCode = reports.every((r) => r.ok) ? EXIT.ok : EXIT.failed;
    });

  withCommonOptions(
    program
      .command('backup')
      .description('Copy the database to FILE (SQLite: online backup; PostgreSQL: pg_dump), safe while a run is writing.')
      .argument('<file>', 'backup file to create (must not exist)'),
  ).action(async (file: string, flags: CommonFlags) => {
    // The database only: a nightly backup must not fail because feeds.yaml is mid-edit.
    const storage = await openStorage(ctx.paths(flags).dbPath, { mustExist: true });
    try {
      const result = await storage.maintenance.backup(file);
      out(flags.json ? JSON.stringify(result) : `backed up ${result.pages} pages (${result.bytes} bytes) to ${result.file}`);
    } finally {
      await storage.close();
    }
    exitCode = EXIT.ok;
  });

  registerAnalyzeCommand(program, ctx);
  registerOpsCommands(program, ctx);
  registerTrainCommand(program, ctx);
  registerDraftCommands(program, ctx);
  registerReviewCommand(program, ctx);
  registerPublishCommand(program, ctx);
  registerWorkerCommand(program, ctx);
  registerItemsCommand(program, ctx);

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    // Redis unreachable or lost is the environment's failure, like a database that cannot be used.
    const code = error instanceof QueueUnavailableError ? EXIT.database : exitCodeFor(error);
    warn(io.stderr, errorMessage(error));
    if (code === EXIT.internal) io.stderr.write(terminalSafe(`${(error as Error).stack ?? ''}\n`));
    return code;
  }
  return exitCode;
}
