import type { Finding } from './document.js';

/*
 * Checks of a feed's `headers`, `include` and `exclude` that want their own wording (run on the raw
 * list, beside the schema). A header value is never quoted in a message: values are secrets.
 */

/**
 * Headers the fetcher sets itself: the connection, the body's framing and encoding, and the
 * conditional-request validators it stores per feed (RFC 9110 §13.1). A configured one would fight it.
 */
export const MANAGED_HEADERS = ['Host', 'Content-Length', 'If-None-Match', 'If-Modified-Since', 'Accept-Encoding', 'Connection'] as const;

const MANAGED = new Set(MANAGED_HEADERS.map((h) => h.toLowerCase()));
/** RFC 9110 §5.1: a field name is a token. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** `${NAME}`: an environment variable, as a shell would spell it. */
export const VARIABLE_REFERENCE = /\$\{([^}]*)\}/g;
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** One line of visible text (tabs allowed, as RFC 9110 §5.5 allows them inside a value). */
export const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

export function checkFeedOptions(rawFeeds: unknown): Finding[] {
  if (!Array.isArray(rawFeeds)) return [];
  const findings: Finding[] = [];
  rawFeeds.forEach((entry: unknown, index) => {
    if (typeof entry !== 'object' || entry === null) return;
    const { headers, include, exclude } = entry as Record<string, unknown>;
    findings.push(...checkHeaders(headers, index));
    findings.push(...checkOverlap(include, exclude, index));
  });
  return findings;
}

function checkHeaders(headers: unknown, index: number): Finding[] {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return [];
  const findings: Finding[] = [];
  const seen = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const path = ['feeds', index, 'headers', name];
    if (!TOKEN.test(name)) {
      findings.push({ path, message: `${JSON.stringify(name)} is not a valid HTTP header name (letters, digits and -, no spaces or colons)` });
      continue;
    }
    if (MANAGED.has(name.toLowerCase())) {
      findings.push({ path, message: `header "${name}" cannot be set here: the fetcher manages ${MANAGED_HEADERS.join(', ')} itself` });
      continue;
    }
    const first = seen.get(name.toLowerCase());
    if (first !== undefined) findings.push({ path, message: `header "${name}" is given twice (also as "${first}"; header names ignore case)` });
    else seen.set(name.toLowerCase(), name);
    if (typeof value !== 'string') continue; // the schema reports it
    if (!HEADER_VALUE.test(value)) {
      findings.push({ path, message: `the value of header "${name}" must be one line of printable text (value not shown)` });
    }
    for (const [reference, variable] of value.matchAll(VARIABLE_REFERENCE)) {
      if (!VARIABLE_NAME.test(variable ?? '')) {
        findings.push({ path, message: `${JSON.stringify(reference)} in header "${name}" must name an environment variable (letters, digits and _, not starting with a digit)` });
      }
    }
  }
  return findings;
}

function checkOverlap(include: unknown, exclude: unknown, index: number): Finding[] {
  if (!Array.isArray(include) || !Array.isArray(exclude)) return [];
  const included = new Set(include.filter((k): k is string => typeof k === 'string').map(normalizeKeyword));
  return exclude.flatMap((keyword: unknown, i) =>
    typeof keyword === 'string' && included.has(normalizeKeyword(keyword))
      ? [{ path: ['feeds', index, 'exclude', i], message: `"${keyword}" is in both include and exclude: an item matching it could never be kept` }]
      : [],
  );
}

function normalizeKeyword(keyword: string): string {
  return keyword.normalize('NFKC').toLowerCase().trim().replace(/\s+/g, ' ');
}
