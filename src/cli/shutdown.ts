import { LockBusyError } from '../scheduler/run-lock.js';
import type { CliIo } from './context.js';
import { EXIT } from './exit-codes.js';
import { warn } from './format.js';

/** What a shutdown signal did to a command: the signal's name, or null when none came. */
export interface Shutdown {
  signal: AbortSignal;
  /** The signal received (SIGINT, SIGTERM), once one has been. */
  received(): NodeJS.Signals | null;
  /** Stops listening; call when the command is done. */
  dispose(): void;
}

/**
 * Turns SIGINT/SIGTERM into an AbortSignal for the command in flight (main.ts subscribes the
 * process; in-process tests pass nothing and never abort). A second signal is handled by main.ts:
 * it exits at once.
 */
export function listenForShutdown(io: CliIo): Shutdown {
  const controller = new AbortController();
  let received: NodeJS.Signals | null = null;
  const dispose =
    io.onShutdown?.((signal) => {
      received ??= signal;
      controller.abort(new Error(`stopped by ${signal}`));
    }) ?? (() => {});
  return { signal: controller.signal, received: () => received, dispose };
}

/** The shell's convention for a process ended by a signal: 128 + its number (SIGINT 130, SIGTERM 143). */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1);
}

/**
 * The exit code for an error that ended a locked run (collect, prune): the signal's when one
 * stopped it, busy when another run held the lock (said on stderr); anything else is rethrown.
 */
export function lockedRunExitCode(error: unknown, shutdown: Shutdown, io: CliIo, skipped: 'skipped' | 'prune skipped'): number {
  const signal = shutdown.received();
  if (signal) return signalExitCode(signal);
  if (!(error instanceof LockBusyError)) throw error;
  warn(io.stderr, `${error.message}: ${skipped} (pass --wait SECONDS to wait for it)`);
  return EXIT.busy;
}
