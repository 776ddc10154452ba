/**
 * Times as people read them, the same in the terminal and on the review page: instants in UTC to
 * the minute (the same on every machine), distances as "3h ago" / "in 3h".
 */

/** "2026-11-24 06:00 UTC"; "never" for none; a string that is not a time is shown as it is. */
export function formatUtc(iso: string | null | undefined): string {
  if (!iso) return 'never';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "just now", "12m ago", "5h ago", "3d ago"; "never" for none. */
export function timeAgo(iso: string | null | undefined, now: Date): string {
  if (!iso) return 'never';
  const minutes = Math.round((now.getTime() - Date.parse(iso)) / 60_000);
  if (Number.isNaN(minutes)) return iso;
  return minutes < 1 ? 'just now' : `${span(minutes)} ago`;
}

/** "in 12m", "in 5h", "in 3d"; "now" once the time has come. */
export function timeUntil(iso: string, now: Date): string {
  const ms = Date.parse(iso) - now.getTime();
  if (Number.isNaN(ms)) return iso;
  return ms <= 0 ? 'now' : `in ${span(Math.max(1, Math.round(ms / 60_000)))}`;
}

/**
 * Minutes up to an hour, hours up to two days, then days. Rounded to minutes first, so 59.6
 * minutes reads "1h", not "60m"; hours up to 48 keep the daily recheck and the 24 h backoff cap
 * exact ("in 24h", not a rounded "in 1d").
 */
function span(minutes: number): string {
  if (minutes < 60) return `${minutes}m`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)}h`;
  return `${Math.round(minutes / 1440)}d`;
}
