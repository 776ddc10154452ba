import { afterEach, describe, expect, it, vi } from 'vitest';
import { startScheduler, validateSchedule, type SchedulerEvents } from './index.js';

function recorder() {
  const log: string[] = [];
  const firedAt: Record<string, string[]> = {};
  const events: SchedulerEvents = {
    started: (job, at) => {
      log.push(`started ${job}`);
      (firedAt[job] ??= []).push(at.toISOString());
    },
    finished: (job) => log.push(`finished ${job}`),
    failed: (job, _at, error) => log.push(`failed ${job}: ${(error as Error).message}`),
    overlapped: (job) => log.push(`overlapped ${job}`),
  };
  return { log, firedAt, events };
}

// node-cron runs on real timers; vitest's fake timers drive them, so each test is deterministic.
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

  it('fires the draft at 06:00 in the configured zone, not at 06:00 UTC', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-26T05:59:58Z') });
    const { firedAt, events } = recorder();
    const drafted: string[] = [];
    const scheduler = startScheduler(
      { timezone: 'America/New_York', collect: '0 0 1 1 *', draft: '0 6 * * *', prune: null },
      { draft: async () => drafted.push(new Date().toISOString()) },
      events,
    );
    await vi.advanceTimersByTimeAsync(5_000); // past 06:00 UTC (01:00 in New York): nothing
    expect(drafted).toEqual([]);
    vi.setSystemTime(new Date('2026-11-26T10:59:58Z'));
    await scheduler.stop();

    const again = startScheduler(
      { timezone: 'America/New_York', collect: '0 0 1 1 *', draft: '0 6 * * *', prune: null },
      { draft: async () => drafted.push(new Date().toISOString()) },
      events,
    );
    await vi.advanceTimersByTimeAsync(5_000);
    expect(firedAt.draft).toEqual(['2026-11-26T11:00:00.000Z']);
    expect(drafted).toHaveLength(1);
    await again.stop();
  });

  it('runs jobs due together one at a time, collect before draft', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-25T10:59:58Z') });
    const { log, firedAt, events } = recorder();
    const scheduler = startScheduler(
      { timezone: 'UTC', collect: '0 * * * *', draft: '0 11 * * *', prune: '0 11 * * *' },
      {
        // Registered (and so fired) in the reverse order on purpose.
        prune: async () => log.push('prune ran'),
        draft: async () => log.push('draft ran'),
        collect: async () => {
          log.push('collect ran');
          await new Promise((resolve) => setTimeout(resolve, 3_000));
        },
      },
      events,
    );
    await vi.advanceTimersByTimeAsync(10_000);
    expect(log).toEqual([
      'started collect', 'collect ran', 'finished collect',
      'started draft', 'draft ran', 'finished draft',
      'started prune', 'prune ran', 'finished prune',
    ]);
    expect(firedAt).toEqual({ collect: ['2026-11-25T11:00:00.000Z'], draft: ['2026-11-25T11:00:00.000Z'], prune: ['2026-11-25T11:00:00.000Z'] });
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

  it('runs a firing that is late by minutes (a blocked process, a laptop waking up), reports one that is too late', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-25T05:59:59Z') });
    const { log, events } = recorder();
    events.missed = (job, at) => log.push(`missed ${job} ${at.toISOString()}`);
    const scheduler = startScheduler({ timezone: 'UTC', collect: '0 0 1 1 *', draft: '0 6 * * *', prune: null }, { draft: async () => 0 }, events);
    vi.setSystemTime(new Date('2026-11-25T06:05:00Z')); // the clock jumps while timers wait
    await vi.advanceTimersByTimeAsync(2_000);
    expect(log).toEqual(['started draft', 'finished draft']);
    await scheduler.stop();

    vi.setSystemTime(new Date('2026-11-26T05:59:59Z'));
    const late = startScheduler({ timezone: 'UTC', collect: '0 0 1 1 *', draft: '0 6 * * *', prune: null }, { draft: async () => 0 }, events);
    vi.setSystemTime(new Date('2026-11-26T06:20:00Z')); // past the 10-minute tolerance
    await vi.advanceTimersByTimeAsync(2_000);
    expect(log.slice(2)).toEqual(['missed draft 2026-11-26T06:00:00.000Z']);
    await late.stop();
  });

  it('fires nothing after stop()', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-25T10:59:59Z') });
    const { log, events } = recorder();
    const scheduler = startScheduler({ timezone: 'UTC', collect: '* * * * *', draft: null, prune: null }, { collect: async () => 0 }, events);
    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(log).toEqual([]);
  });

  it('rejects a bad cron expression or time zone before starting', () => {
    expect(() => validateSchedule({ timezone: 'UTC', collect: '61 * * * *', draft: null, prune: null })).toThrow(/schedule.collect: "61 \* \* \* \*" is not a valid cron expression/);
    expect(() => validateSchedule({ timezone: 'Mars/Olympus', collect: '0 * * * *', draft: null, prune: null })).toThrow(/not an IANA time zone/);
  });
});
