import { Command, CommanderError, Option } from 'commander';
import { openApp, resolvePaths, type App } from '../app.js';
import { everyFeedFailed, runCollect } from '../commands/collect.js';
import { listFeeds } from '../commands/feeds.js';
import { parseSources } from '../commands/parse.js';
import { DEFAULT_SETTINGS, PACKAGE_VERSION } from '../config/defaults.js';
import { loadConfig } from '../config/index.js';
import { createFetcher } from '../pipeline/fetch/index.js';
import { createProgress, renderSummary, type Writable } from './collect-output.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { renderFeedTable, renderParseReports } from './render.js';

/** The process's streams and environment, injected so the CLI can be run in-process by tests. */
export interface CliIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

interface CommonFlags {
  config?: string;
  db?: string;
  json?: boolean;
}

function withCommonOptions(command: Command): Command {
  return command
    .option('--config <file>', 'feeds and settings file (env SECDIGEST_CONFIG, default feeds.yaml)')
    .option('--db <file>', 'SQLite database (env SECDIGEST_DB, default data/secdigest.db)')
    .option('--json', 'print machine-readable JSON on stdout');
}

/** Runs the CLI and returns the exit code. Only this layer prints and maps errors to codes. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const out = (text: string) => io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  const withApp = async (flags: CommonFlags, body: (app: App) => Promise<number> | number) => {
    const app = openApp(resolvePaths(flags, io.env));
    try {
      exitCode = await body(app);
    } finally {
      app.close();
    }
  };

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
      .addOption(new Option('--feed <id...>', 'collect only these feed ids (repeatable)')),
  )
    .addHelpText(
      'after',
      '\nOn a terminal a progress bar is shown; otherwise one JSON log line per feed goes to stderr.\n' +
        'Exit code 0 when the run completed (even if some feeds failed), 3 when every feed failed,\n' +
        '2 for a bad configuration or flag.',
    )
    .action(async (flags: CommonFlags & { feed?: string[] }) => {
      await withApp(flags, async (app) => {
        const ids = flags.feed;
        const total = ids?.length ?? app.config.feeds.filter((f) => f.enabled).length;
        const progress = createProgress(total, io.stderr);
        let summary;
        try {
          summary = await runCollect(app, { ...(ids ? { feedIds: ids } : {}), onResult: progress.onResult });
        } finally {
          progress.stop();
        }
        out(flags.json ? JSON.stringify(summary, null, 2) : renderSummary(summary));
        return everyFeedFailed(summary) ? EXIT.failed : EXIT.ok;
      });
    });

  withCommonOptions(program.command('feeds').description('List the configured feeds with their health.'))
    .addHelpText(
      'after',
      '\n--json prints an array of objects: id, name, kind, url, enabled, items, lastStatus, lastHttpStatus,\n' +
        'lastFetchAt, lastSuccessAt, consecutiveErrors, lastErrorCode, lastError, disabledReason, movedTo, retryAt.',
    )
    .action(async (flags: CommonFlags) => {
      await withApp(flags, (app) => {
        const rows = listFeeds(app);
        out(flags.json ? JSON.stringify(rows, null, 2) : renderFeedTable(rows, app.now()));
        return EXIT.ok;
      });
    });

  withCommonOptions(
    program
      .command('parse')
      .description('Print the normalized items of feed documents (files or http(s) URLs); stores nothing.')
      .argument('<source...>', 'feed files or URLs'),
  )
    .addHelpText('after', '\nExit code 3 when any source could not be read or parsed.')
    .action(async (sources: string[], flags: CommonFlags) => {
      // parse needs no database; it uses the configured fetch limits when a config exists.
      const { configPath } = resolvePaths(flags, io.env);
      const explicit = flags.config !== undefined || io.env.SECDIGEST_CONFIG !== undefined;
      const settings = explicit || (await fileExists(configPath)) ? loadConfig(configPath).settings : DEFAULT_SETTINGS;
      const reports = await parseSources(sources, {
        fetcher: createFetcher(settings.fetch),
        limits: settings.collect,
        now: () => new Date(),
      });
      out(flags.json ? JSON.stringify(reports, null, 2) : renderParseReports(reports));
      exitCode = reports.every((r) => r.ok) ? EXIT.ok : EXIT.failed;
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const code = exitCodeFor(error);
    io.stderr.write(`secdigest: ${(error as Error).message}\n`);
    if (code === EXIT.internal) io.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return code;
  }
  return exitCode;
}

async function fileExists(file: string): Promise<boolean> {
  const fs = await import('node:fs/promises');
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
