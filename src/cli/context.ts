import { terminalSafe } from './format.js';
import type { Command } from 'commander';
import { openApp, resolvePaths, type App } from '../app.js';
import type { Writable } from './collect-output.js';

/** The process's streams and environment, injected so the CLI can be run in-process by tests. */
export interface CliIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Standard input, for commands that read it (`analyze`); absent reads as empty. */
  stdin?: AsyncIterable<string | Buffer>;
  /**
   * Subscribes to SIGINT and SIGTERM (main.ts); returns an unsubscribe. Long commands (collect,
   * prune, schedule) abort their work on it. Absent in in-process tests.
   */
  onShutdown?: (handler: (signal: NodeJS.Signals) => void) => () => void;
  /** The clock commands read (app.now()); tests fix it so drafts are reproducible. Default: the system clock. */
  now?: () => Date;
}

export interface CommonFlags {
  config?: string;
  db?: string;
  json?: boolean;
}

/** What every command registration needs: the streams, a way to open the app, the exit code. */
export interface CliContext {
  io: CliIo;
  /** Prints a result on stdout, with a trailing newline. */
  out(text: string): void;
  /** Opens the app (config first, then database), runs `body`, closes, and records its exit code. */
  /**
   * Opens the app for one command. `existingDatabase`: the command only uses what collect stored,
   * so a missing database is an error (exit 4), not a new empty file.
   */
  withApp(flags: CommonFlags, body: (app: App) => Promise<number> | number, options?: { existingDatabase?: boolean }): Promise<void>;
  setExitCode(code: number): void;
  paths(flags: CommonFlags): { configPath: string; dbPath: string };
  /** The one clock of the CLI: the injected one (tests), else the system's. */
  now(): Date;
}

export function createContext(io: CliIo, setExitCode: (code: number) => void): CliContext {
  const paths = (flags: CommonFlags) => resolvePaths(flags, io.env);
  const now = io.now ?? (() => new Date());
  return {
    io,
    now,
    out: (text) => io.stdout.write(terminalSafe(text.endsWith('\n') ? text : `${text}\n`)),
    paths,
    setExitCode,
    async withApp(flags, body, options = {}) {
      const app = await openApp({ ...paths(flags), now, env: io.env, databaseMustExist: options.existingDatabase ?? false });
      try {
        setExitCode(await body(app));
      } finally {
        await app.close();
      }
    },
  };
}

export function withCommonOptions(command: Command): Command {
  return command
    .option('--config <file>', 'feeds and settings file (env SECDIGEST_CONFIG, default feeds.yaml)')
    .option('--db <file|url>', 'SQLite database file, or a postgres:// URL (env SECDIGEST_DB, default data/secdigest.db)')
    .option('--json', 'print machine-readable JSON on stdout');
}
