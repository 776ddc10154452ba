#!/usr/bin/env node
// natural (used by later stages) prints dotenv lines on import; keep stdout clean for --json.
process.env.DOTENV_CONFIG_QUIET ??= 'true';

import { runCli } from './program.js';
import { signalExitCode } from './shutdown.js';

/** The first SIGINT/SIGTERM asks the command to wind down; a second one exits at once. */
function onShutdown(handler: (signal: NodeJS.Signals) => void): () => void {
  let received = 0;
  const listener = (signal: NodeJS.Signals) => {
    if (++received > 1) process.exit(signalExitCode(signal));
    handler(signal);
  };
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  return () => {
    process.off('SIGINT', listener);
    process.off('SIGTERM', listener);
  };
}

// A reader that closes the pipe early (`secdigest export | head`) is not an error: stop quietly,
// as Unix tools do, instead of crashing with an unhandled EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
// Diagnostics are not the work: a closed stderr (`2>&1 >out | head -1`) must not stop a collect
// or lose analyze's output, so later writes to it are dropped.
process.stderr.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
});

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, stdin: process.stdin, onShutdown });
process.exitCode = code;
