/**
 * The result of checking a feed URL or a redirect target before any request is made. `reason` is a
 * noun phrase (`unsupported scheme "ftp:"`) so callers can say `redirect to …`.
 */
export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * Accepts only absolute http(s) URLs. A redirect target is checked exactly like the feed URL:
 * a 3xx to `file:`, `javascript:` or `data:` is a known attack pattern (FIELD-NOTES, fastladder #575).
 */
export function checkHttpUrl(raw: string, base?: URL): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return { ok: false, reason: `invalid URL ${JSON.stringify(truncate(raw))}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `unsupported scheme ${JSON.stringify(url.protocol)}` };
  }
  // Node's fetch refuses URLs with credentials (Fetch standard); say so instead of a TypeError.
  if (url.username || url.password) {
    return { ok: false, reason: 'a URL with a user name or password (not supported)' };
  }
  return { ok: true, url };
}

function truncate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
