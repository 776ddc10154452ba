import type { FeedReport } from '../commands/feeds.js';
import type { ParseReport } from '../commands/parse.js';
import { feedAttention, movedNote } from '../model/feed-health.js';
import { timeAgo, timeUntil } from '../model/time-format.js';
import { clip, renderTable } from './format.js';

export function renderFeedTable(rows: readonly FeedReport[], now: Date): string {
  const table = renderTable(
    ['ID', 'KIND', 'ITEMS', 'LAST', 'LAST SUCCESS', 'ERRORS', 'HEALTH', 'NOTE'],
    rows.map((r) => [
      r.id,
      r.kind,
      String(r.items),
      r.lastStatus ?? (r.enabled ? 'never' : 'disabled'),
      timeAgo(r.lastSuccessAt, now),
      String(r.consecutiveErrors),
      r.health,
      clip(note(r, now), 90),
    ]),
  );
  const attention = rows.filter((r) => feedAttention(r, r.enabled)).length;
  const unhealthy = rows.filter((r) => r.health === 'unhealthy').length;
  return `${table}\n\n${rows.length} feeds, ${attention} need attention` + (unhealthy ? ` (${unhealthy} unhealthy: \`secdigest feeds --retry ID\` to try again now)` : '');
}

function note(r: FeedReport, now: Date): string {
  if (r.disabledReason) return `disabled: ${r.disabledReason}`;
  if (!r.enabled) return 'disabled in config';
  const next = r.nextAttemptAt ? `next try ${timeUntil(r.nextAttemptAt, now)}` : r.health === 'unhealthy' ? 'no automatic retry' : '';
  const health = r.health === 'unhealthy' ? `unhealthy since ${timeAgo(r.unhealthySince, now)}; ${next}: ` : next ? `${next}: ` : '';
  if (r.lastError) return `${health}[${r.lastErrorCode}] ${r.lastError}`;
  if (r.movedTo) return movedNote(r.movedTo);
  return '';
}

export function renderParseReports(reports: readonly ParseReport[]): string {
  const blocks = reports.map((report) => {
    if (!report.ok) return `${report.source}: error [${report.error.code}] ${report.error.message}`;
    const head = `${report.source}: ${report.format}, ${report.items.length} items${report.title ? ` (${report.title})` : ''}`;
    const items = report.items.map(
      (item) => `  ${item.publishedAt.slice(0, 16).replace('T', ' ')}  ${clip(item.title, 90)}\n      ${item.canonicalUrl ?? item.guid}`,
    );
    return [head, ...items].join('\n');
  });
  return blocks.join('\n\n');
}
