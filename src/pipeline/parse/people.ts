import { text } from './fields.js';

/** Longer strings are not a name and an address; left to normalize's cap as they are. */
const MAX_PERSON_CHARS = 512;

/**
 * A person's display name from the forms feeds write, without the e-mail address, which no
 * reader of a newsletter needs and no byline should publish: `Ann (ann@example.com)`,
 * `ann@example.com (Ann)` (RSS 2.0 `<author>`), `Ann <ann@example.com>`. A bare address is kept:
 * it is the only name there is. Parsed with lastIndexOf, not a regular expression, to stay linear.
 */
export function personName(value: unknown): string | undefined {
  const raw = text(value);
  if (raw === undefined || raw.length > MAX_PERSON_CHARS) return raw;
  for (const [open, close] of [['(', ')'], ['<', '>']] as const) {
    if (!raw.endsWith(close)) continue;
    const at = raw.lastIndexOf(open);
    if (at === -1) continue;
    const inner = raw.slice(at + 1, -1).trim();
    const outer = raw.slice(0, at).trim();
    if (inner.includes('@') && outer !== '') return outer;
    if (outer.includes('@') && inner !== '') return inner;
  }
  return raw;
}
