import type { FeedReport } from '../commands/feeds.js';
import type { ParseReport } from '../commands/parse.js';
import { clip, renderTable, timeAgo } from './format.js';

export function renderFeedTable(rows: readonly FeedReport[], now: Date): string {
  const table = renderTable(
    ['ID', 'KIND', 'ITEMS', 'LAST', 'LAST SUCCESS', 'ERRORS', 'NOTE'],
    rows.map((r) => [
      r.id,
      r.kind,
      String(r.items),
      r.lastStatus ?? (r.enabled ? 'never' : 'disabled'),
      timeAgo(r.lastSuccessAt, now),
      String(r.consecutiveErrors),
      clip(note(r), 70),
    ]),
  );
  const failing = rows.filter((r) => r.consecutiveErrors > 0 || r.disabledReason).length;
  return `${table}\n\n${rows.length} feeds, ${failing} need attention`;
}

function note(r: FeedReport): string {
  if (r.disabledReason) return `disabled: ${r.disabledReason}`;
  if (!r.enabled) return 'disabled in config';
  if (r.lastError) return `[${r.lastErrorCode}] ${r.lastError}`;
  if (r.movedTo) return `moved to ${r.movedTo}`;
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
