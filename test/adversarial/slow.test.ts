/**
 * Adversarial: time. One total timeout covers headers and body, so neither a silent server nor a
 * trickling one (slowloris) can hold a fetch slot past `timeoutMs`.
 */
import { describe, expect, it } from 'vitest';
import { slowCases } from './cases/slow.js';
import { TEST_SETTINGS, expectFailure, useAdversarialRun } from './support/collect.js';

const TIMED_OUT = `timed out after ${TEST_SETTINGS.fastTimeoutMs}ms`;

describe('adversarial: slow servers (slowloris, never answers)', () => {
  const run = useAdversarialRun(Object.values(slowCases), { timeoutMs: TEST_SETTINGS.fastTimeoutMs });

  it('slowloris: an endless trickle fails as a timeout once the total budget is spent', () => {
    expectFailure(run(), slowCases.slowloris.id, 'timeout', TIMED_OUT);
  });

  it('a server that never answers: timeout, no status', () => {
    expectFailure(run(), slowCases.neverAnswers.id, 'timeout', TIMED_OUT);
    expect(run().feed(slowCases.neverAnswers.id).httpStatus).toBeNull();
  });

  it('a body that stalls halfway: timeout, nothing stored', () => {
    expectFailure(run(), slowCases.stallsAfterHeaders.id, 'timeout', TIMED_OUT);
  });

  it('each slow feed is given up at about the timeout, not held for the whole run', () => {
    for (const { id } of Object.values(slowCases)) {
      expect(run().feed(id).durationMs, id).toBeGreaterThanOrEqual(TEST_SETTINGS.fastTimeoutMs - 20);
      // Far above 300 ms on a loaded machine, far below "forever".
      expect(run().feed(id).durationMs, id).toBeLessThan(5_000);
    }
  });
});
