import { z } from 'zod';

/*
 * Field schemas the settings modules share (draft-settings.ts, issue-settings.ts, schema.ts). Their
 * messages complete "<key> must be …". A module of its own: schema.ts imports the settings modules,
 * so they cannot import schema.ts.
 */

/** Section and topic ids: lowercase letters, digits and dashes, 1 to 63 characters. */
export const SECTION_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function number(min: number, max: number, whole = false) {
  const expect = `a ${whole ? 'whole number' : 'number'} from ${min} to ${max}`;
  const base = z.number({ error: expect });
  return (whole ? base.int({ error: expect }) : base).min(min, { error: expect }).max(max, { error: expect });
}

export function text(maxLength: number) {
  const expect = 'a non-empty string';
  return z
    .string({ error: expect })
    .refine((s) => s.trim().length > 0, { error: expect })
    .refine((s) => s.length <= maxLength, { error: `${expect} of at most ${maxLength} characters` });
}

/** An absolute http(s) URL with a host, written plainly (new URL() would trim spaces and accept "http:host"). */
export function isHttpUrl(value: string): boolean {
  if (value !== value.trim() || !/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
