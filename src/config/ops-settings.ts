import cron from 'node-cron';
import { z } from 'zod';
import type { HealthSettings, RetentionSettings, ScheduleSettings } from '../model/index.js';
import type { Finding } from './document.js';

/*
 * `settings.schedule`, `settings.health` and `settings.retention` of feeds.yaml (issue 8): the
 * schema of each override and the rules spanning several values. Messages complete
 * "<key> must be …", like schema.ts. A cron typo or an unknown time zone is a configuration
 * error with its line, found when the file is read, not at 6 am when the job should fire.
 */

function number(min: number, max: number, whole = false) {
  const expect = `a ${whole ? 'whole number' : 'number'} from ${min} to ${max}`;
  const base = z.number({ error: expect });
  return (whole ? base.int({ error: expect }) : base).min(min, { error: expect }).max(max, { error: expect });
}

const CRON_EXPECT = 'a cron expression such as "0 6 * * *" (minute hour day month weekday, optionally seconds first)';
const cronExpression = () => z.string({ error: CRON_EXPECT }).refine((s) => cron.validate(s), { error: CRON_EXPECT });

/** True for a time zone name the runtime knows (IANA names such as America/New_York, or UTC). */
export function isTimeZone(name: string): boolean {
  if (name.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const scheduleShape = {
  timezone: z.string({ error: 'an IANA time zone such as America/New_York' }).refine(isTimeZone, { error: 'an IANA time zone such as America/New_York' }),
  collect: cronExpression(),
  // null disables the job.
  draft: cronExpression().nullable(),
  prune: cronExpression().nullable(),
} satisfies Record<keyof ScheduleSettings, z.ZodType>;

export const healthShape = {
  backoffBaseMinutes: number(1, 1440, true),
  backoffMaxHours: number(1, 24 * 30),
  unhealthyAfterErrors: number(1, 1000, true),
  unhealthyAfterHours: number(0, 24 * 90),
  recheckHours: number(0, 24 * 90),
} satisfies Record<keyof HealthSettings, z.ZodType>;

export const retentionShape = {
  olderThanDays: number(1, 36_500, true),
} satisfies Record<keyof RetentionSettings, z.ZodType>;

export const scheduleOverrideSchema = z.strictObject(scheduleShape, { error: 'a map' }).partial();
export const healthOverrideSchema = z.strictObject(healthShape, { error: 'a map' }).partial();
export const retentionOverrideSchema = z.strictObject(retentionShape, { error: 'a map' }).partial();

/** Limits that only make sense together, checked on the merged health settings. */
export function checkHealth(health: HealthSettings): Finding[] {
  const findings: Finding[] = [];
  if (health.backoffBaseMinutes > health.backoffMaxHours * 60) {
    findings.push({
      path: ['settings', 'health', 'backoffBaseMinutes'],
      message: `backoffBaseMinutes (${health.backoffBaseMinutes}) must not exceed backoffMaxHours (${health.backoffMaxHours}) × 60: the first delay would already pass the cap`,
    });
  }
  return findings;
}
