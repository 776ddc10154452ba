import { afterEach, describe, expect, it, vi } from 'vitest';
import { startScheduler, validateSchedule, type SchedulerEvents } from './index.js';

function recorder() {
  const log: string[] = [];
  const events: SchedulerEvents = {
    started: (job) => log.push(`started ${job}`),
    finished: (job) => log.push(`finished ${job}`),
    failed: (job, _at, error) => log.push(`failed ${job}: ${(error as Error).message}`),
    overlapped: (job) => log.push(`overlapped ${job}`),
  };
  return { log, events };
}

describe('scheduler', () => {
  afterEach(() => vi.useRealTimers());

  it('computes firing times in the configured time zone (06:00 New York is 11:00 UTC in winter)', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-25T12:00:00Z') });
    const { events } = recorder();
    const scheduler = startScheduler(
      { timezone: 'America/New_York', collect: '0 * * * *', draft: '0 6 * * *', prune: null },
      { collect: async () => 0, draft: async () => 0 },
      events,
    );
    const runs = scheduler.nextRuns(2);
    expect(runs.draft).toEqual(['2026-11-26T11:00:00.000Z', '2026-11-27T11:00:00.000Z']);
    expect(runs.collect).toEqual(['2026-11-25T13:00:00.000Z', '2026-11-25T14:00:00.000Z']);
    expect(runs.prune).toBeUndefined();
    await scheduler.stop();
  });

  it('fires jobs when the clock reaches them', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-25T10:59:58Z') });
    const { log, events } = recorder();
    const fired: string[] = [];
    const scheduler = startScheduler(
      { timezone: 'UTC', collect: '0 * * * *', draft: '0 11 * * *', prune: null },
      { collect: async () => fired.push(`collect ${new Date().toISOString()}`), draft: async () => fired.push('draft') },
      events,
    );
    await vi.advanceTimersByTimeAsync(5_000);
    expect(fired.sort()).toEqual(['collect 2026-11-25T11:00:00.000Z', 'draft'].sort());
    expect(log).toContain('finished collect');
    await scheduler.stop();
  });

  it('skips a firing while the previous run of the same job is still going, and stop() aborts it', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-25T10:59:59Z') });
    const { log, events } = recorder();
    let aborted = false;
    const scheduler = startScheduler(
      { timezone: 'UTC', collect: '* * * * *', draft: null, prune: null },
      {
        collect: (signal) =>
          new Promise((_resolve, reject) =>
            signal.addEventListener('abort', () => {
              aborted = true;
              reject(new Error('aborted by shutdown'));
            }),
          ),
      },
      events,
    );
    await vi.advanceTimersByTimeAsync(61_000); // fires at 11:00, then 11:01 while the first still runs
    expect(log.filter((l) => l === 'started collect')).toHaveLength(1);
    expect(log).toContain('overlapped collect');
    await scheduler.stop();
    expect(aborted).toBe(true);
    expect(log).toContain('failed collect: aborted by shutdown');
  });

  it('rejects a bad cron expression or time zone before starting', () => {
    expect(() => validateSchedule({ timezone: 'UTC', collect: '61 * * * *', draft: null, prune: null })).toThrow(/schedule.collect: "61 \* \* \* \*" is not a valid cron expression/);
    expect(() => validateSchedule({ timezone: 'Mars/Olympus', collect: '0 * * * *', draft: null, prune: null })).toThrow(/not an IANA time zone/);
  });
});
