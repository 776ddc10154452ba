import { describe, expect, it } from 'vitest';
import { takeTurns } from './turns.js';

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // CPU work standing in for parsing and storing a feed
  }
}

describe('takeTurns', () => {
  it('runs tasks one at a time, in order, and passes on results and errors', async () => {
    const turn = takeTurns();
    const log: string[] = [];
    const task = (name: string, fail = false) => async () => {
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`end ${name}`);
      if (fail) throw new Error(`${name} failed`);
      return name;
    };
    const results = await Promise.allSettled([turn(task('a')), turn(task('b', true)), turn(task('c'))]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['a', 'b failed', 'c']);
  });

  it('gives the event loop a turn (timers, then I/O polling) between two tasks', async () => {
    const turn = takeTurns();
    const log: string[] = [];
    // A timer due by the time the first task ends stands in for a response that arrived meanwhile:
    // both wait for the loop, and without turns the second task would run before either.
    const first = turn(() => {
      log.push('first');
      setTimeout(() => log.push('loop'), 0);
      busy(20);
    });
    const second = turn(() => void log.push('second'));
    await Promise.all([first, second]);
    expect(log).toEqual(['first', 'loop', 'second']);
  });
});
