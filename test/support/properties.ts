import { expect } from 'vitest';

/*
 * What the property tests (fast-check) share: a time budget per property, so `npm test` stays
 * bounded whatever the machine (a failure prints its seed to replay it), and a bound on each
 * input's work, the hostile-input guard of issue 17.
 */

/** fast-check parameters: `numRuns` inputs, stopped (not failed) after 1.5 s. */
export function propertyBudget(numRuns: number) {
  return { numRuns, interruptAfterTimeLimit: 1_500, markInterruptAsFailure: false } as const;
}

/** Runs `work` and expects it to take less than `maxMs`: no input may make it crawl. */
export function timed<T>(maxMs: number, work: () => T): T {
  const start = performance.now();
  const result = work();
  expect(performance.now() - start).toBeLessThan(maxMs);
  return result;
}
