/** Small converters shared by the per-format mappers: every RawEntry string is trimmed and never empty. */

/** A trimmed string, or undefined for anything that is not a non-blank string. */
export function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The first usable string of the candidates, in order. */
export function firstText(...values: unknown[]): string | undefined {
  for (const value of values) {
    const found = text(value);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Non-blank, trimmed, de-duplicated strings, in document order. */
export function texts(values: Iterable<unknown> | undefined): string[] {
  const seen = new Set<string>();
  for (const value of values ?? []) {
    const found = text(value);
    if (found !== undefined) seen.add(found);
  }
  return [...seen];
}

/** Several people as one display string ("Ann, Bob"), or undefined when there are none. */
export function joinNames(names: Iterable<unknown> | undefined): string | undefined {
  const list = texts(names);
  return list.length > 0 ? list.join(', ') : undefined;
}

/** Drops undefined properties so entries compare cleanly in tests and serialize compactly. */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}

/** What a per-format mapper needs besides the parsed feed. */
export interface MapContext {
  /** The document's own URL, when known: the base of its relative references (xml-base.ts). */
  documentUrl?: string;
  /** Atom 0.3 values marked `mode="base64"` (base64-text.ts). */
  base64Values: ReadonlySet<string>;
}
