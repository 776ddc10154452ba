import { SecdigestError } from '../model/index.js';

/**
 * Redis could not be reached, or was lost during a run: a failure of the environment, like a
 * database that cannot be opened (the CLI exits 4, as for storage). The message names the queue
 * without its password.
 */
export class QueueUnavailableError extends SecdigestError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('queue-unavailable', message, options);
  }
}

/** A Redis call's failure as a QueueUnavailableError naming the queue and what was being done. */
export function queueFailure(where: string, doing: string, error: unknown): QueueUnavailableError {
  if (error instanceof QueueUnavailableError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new QueueUnavailableError(`the queue at ${where} failed while ${doing}: ${reason}`, { cause: error });
}
