import type { z } from 'zod';
import type { Finding, PathSegment } from './document.js';
import { formatPath } from './document.js';
import { knownKeys } from './schema.js';

/**
 * Turns one zod issue into findings an editor can act on. The schema's messages are the phrase
 * after "must be" (see schema.ts); the subject, the offending value and "did you mean" are added here.
 * An unknown-keys issue becomes one finding per key, located at the key itself.
 */
export function describeIssue(issue: z.core.$ZodIssue): Finding[] {
  const path = issue.path.map(toSegment);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: [...path, key],
      message: `unknown key "${key}"${suggestion(key, knownKeys(path))}`,
    }));
  }
  const last = path.at(-1);
  // YAML never yields undefined, so an undefined input is a key the entry does not have.
  if (issue.input === undefined && typeof last === 'string') {
    return [{ path, message: `missing required key "${last}"` }];
  }
  // A header's value is a secret (feeds[i].headers.NAME): say what is wrong, never what it is.
  const got = path[0] === 'feeds' && path[2] === 'headers' ? 'a value not shown' : show(issue.input);
  return [{ path, message: `${subject(path)} must be ${issue.message} (got ${got})` }];
}

function toSegment(segment: PropertyKey): PathSegment {
  return typeof segment === 'number' ? segment : String(segment);
}

/** `tags[1]` rather than the whole `feeds[4].tags[1]`: the path is printed beside the message anyway. */
function subject(path: PathSegment[]): string {
  const lastKey = path.findLastIndex((s) => typeof s === 'string');
  return formatPath(path.slice(Math.max(lastKey, 0)));
}

/** A short, quoted rendering of the value found, as YAML would show it to an editor. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
    return value.trim() === '' ? `the blank string ${quoted}` : quoted;
  }
  return String(value);
}

function suggestion(key: string, candidates: string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  // Two edits catch transpositions ("weigth") and a dropped letter without suggesting nonsense.
  return best !== undefined && bestDistance <= 2 ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
