import { describe, expect, it } from 'vitest';
import { ConfigError } from '../model/index.js';
import { createScheduleLogger, scheduleLogEvents } from './schedule-log.js';

function events() {
  const lines: Record<string, unknown>[] = [];
  const log = createScheduleLogger({ write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) }, { json: true });
  return { events: scheduleLogEvents(log), lines };
}

describe('job-failed log lines', () => {
  const at = new Date('2026-11-25T06:00:00Z');

  it('say an environment or configuration problem in one line, without a stack', () => {
    const { events: e, lines } = events();
    e.failed('collect', at, Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
    e.failed('draft', at, new ConfigError('feeds.yaml', [{ path: 'feeds[0].url', message: 'missing required key "url"', line: 3 }]));
    expect(lines.map((l) => [l.event, l.job, 'err' in l])).toEqual([['job-failed', 'collect', false], ['job-failed', 'draft', false]]);
    expect(lines[0]!.reason).toBe('database error (SQLITE_FULL): database or disk is full');
    expect(lines[1]!.reason).toMatch(/missing required key "url"/);
  });

  it('keep the stack of an unexpected error (a bug)', () => {
    const { events: e, lines } = events();
    e.failed('collect', at, new TypeError('cannot read properties of undefined'));
    expect(lines[0]).toMatchObject({ event: 'job-failed', job: 'collect', err: { type: 'TypeError', stack: expect.stringContaining('TypeError') } });
  });
});
