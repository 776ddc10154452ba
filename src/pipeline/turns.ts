/** Runs one task; resolves with its result. */
export type Turn = <T>(task: () => T | Promise<T>) => Promise<T>;

/**
 * Runs tasks one at a time, in the order given, each starting in a later turn of the event loop
 * than the one the previous task ended in, so the loop polls for I/O between two tasks.
 *
 * Why: processing a fetched feed (parse, classify, dedupe, store) is CPU work on the main thread.
 * When several responses arrive together, their processing used to run back to back as promise
 * continuations, and requests still in flight could not read their bodies meanwhile: their
 * timeouts counted other feeds' processing, up to `concurrency` feeds per network event. Taking
 * turns bounds that wait to one feed's processing. The total CPU work is the same.
 */
export function takeTurns(): Turn {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => T | Promise<T>): Promise<T> => {
    const run = tail.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}
