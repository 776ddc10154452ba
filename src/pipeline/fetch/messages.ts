import { STATUS_CODES } from 'node:http';

/**
 * Wording for the short messages an editor reads on a feed row. The log gets the full error
 * (with its cause); these stay one line and name what to look at.
 */

/** `20s`, `1.5s`, `300ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  return `${Number((ms / 1000).toFixed(1))}s`;
}

/** `15 MiB`, `64 KiB`, `1000 bytes`: binary units when the number is a whole multiple. */
export function formatBytes(bytes: number): string {
  const mib = 1024 * 1024;
  if (bytes >= mib && bytes % mib === 0) return `${bytes / mib} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/**
 * `HTTP 404 Not Found`. The standard reason phrase wins over the server's own text, which can be
 * empty (HTTP/2) or anything at all.
 */
export function describeStatus(status: number, statusText = ''): string {
  const reason = STATUS_CODES[status] ?? statusText.trim();
  return reason ? `HTTP ${status} ${reason}` : `HTTP ${status}`;
}
