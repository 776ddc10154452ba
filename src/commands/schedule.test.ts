import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp } from '../app.js';
import { LockBusyError } from '../scheduler/run-lock.js';
import { acquireLock } from '../storage/index.js';
import { issueDate, scheduleJobs, type ScheduleEvents } from './schedule.js';

const noEvents: ScheduleEvents = { started() {}, finished() {}, failed() {}, overlapped() {}, feed() {}, warning() {}, scheduling() {} };
const SCHEDULE = { timezone: 'Asia/Tokyo', collect: '0 * * * *', draft: '0 6 * * *', prune: '30 3 * * *' };

describe('scheduled jobs', () => {
  let dir: string;
  let paths: { configPath: string; dbPath: string };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-schedule-'));
    paths = { configPath: path.join(dir, 'feeds.yaml'), dbPath: path.join(dir, 'db.sqlite') };
    fs.writeFileSync(paths.configPath, 'feeds:\n  - { id: idle, name: Idle, url: "https://idle.example/feed", kind: news, enabled: false }\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('dates the issue in the schedule\'s time zone unless that day is behind UTC', () => {
    const at = new Date('2026-11-25T21:00:00Z'); // 06:00 on the 26th in Tokyo
    expect(issueDate(at, 'Asia/Tokyo')).toEqual({ date: '2026-11-26' });
    expect(issueDate(new Date('2026-11-25T11:00:00Z'), 'America/New_York')).toEqual({ date: '2026-11-25' });
    expect(issueDate(new Date('2026-11-26T09:00:00Z'), 'Pacific/Honolulu')).toEqual({}); // still the 25th there
  });

  it('the draft job calls the draft command with the local date; each job opens and closes the app', async () => {
    const calls: { date?: string }[] = [];
    let open = 0;
    const jobs = scheduleJobs(SCHEDULE, {
      openApp: async () => {
        open++;
        const app = await openApp({ ...paths, now: () => new Date('2026-11-25T21:00:00Z') });
        return { ...app, close: () => (open--, app.close()) };
      },
      events: noEvents,
      draft: (_app, options) => calls.push(options),
    });
    await jobs.draft(new AbortController().signal);
    expect(calls).toEqual([{ date: '2026-11-26' }]);
    expect(open).toBe(0);
  });

  it('the real draft command is the default draft job', async () => {
    const jobs = scheduleJobs(SCHEDULE, { openApp: () => openApp({ ...paths, now: () => new Date('2026-11-25T21:00:00Z') }), events: noEvents });
    // An empty database: the real command reads the window of the local date and stores nothing.
    const run = (await jobs.draft(new AbortController().signal)) as { draft: unknown; window: { date: string } };
    expect(run).toMatchObject({ draft: null, window: { date: '2026-11-26' } });
  });

  it('a scheduled collect skips (does not wait) while another process collects', async () => {
    const other = await openApp(paths);
    acquireLock(other.db!, 'collect', 'cron-host:1:x', new Date(), 60_000);
    try {
      const jobs = scheduleJobs(SCHEDULE, { openApp: () => openApp(paths), events: noEvents });
      await expect(jobs.collect(new AbortController().signal)).rejects.toThrow(LockBusyError);
      await expect(jobs.prune(AbortSignal.abort(new Error('stopped by SIGTERM')))).rejects.toThrow('stopped by SIGTERM');
    } finally {
      await other.close();
    }
  });
});
