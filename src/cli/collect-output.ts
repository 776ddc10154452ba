import cliProgress from 'cli-progress';
import type { CollectSummary, FeedRunResult } from '../pipeline/collect.js';
import { formatDuration } from './format.js';
import { movedNote } from '../model/feed-health.js';

export interface Writable {
  write(chunk: string): unknown;
}

/** Progress while collecting: a bar on a terminal, one JSON log line per feed otherwise. */
export interface CollectProgress {
  /** How many feeds the run will go through (those due, once the run knows them). */
  onStart(feeds: number): void;
  onResult(result: FeedRunResult): void;
  stop(): void;
}

export function createProgress(stream: Writable & { isTTY?: boolean }): CollectProgress {
  if (!stream.isTTY) {
    return {
      onStart: () => {},
      onResult: (result) => stream.write(`${JSON.stringify(logLine(result))}\n`),
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WritableStream,
      format: 'collecting {bar} {value}/{total} feeds | {feed}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  return {
    onStart: (feeds) => bar.start(feeds, 0, { feed: '' }),
    onResult: (result) => bar.increment({ feed: `${result.feedId}: ${result.status}` }),
    stop: () => bar.stop(),
  };
}

/** The per-feed log line (non-terminal output). Field names are stable for log shippers. */
export function logLine(result: FeedRunResult): Record<string, unknown> {
  return {
    event: 'feed',
    feed: result.feedId,
    status: result.status,
    httpStatus: result.httpStatus,
    durationMs: result.durationMs,
    bytes: result.bytes,
    itemsFound: result.itemsFound,
    itemsNew: result.itemsNew,
    itemsUpdated: result.itemsUpdated,
    itemsFiltered: result.itemsFiltered,
    ...(result.error ? { errorCode: result.error.code, error: result.error.message } : {}),
    ...(result.skippedReason ? { skippedReason: result.skippedReason } : {}),
    ...(result.retryAt ? { retryAt: result.retryAt } : {}),
    ...(result.movedTo ? { movedTo: result.movedTo } : {}),
  };
}

/** The human summary printed after a run. */
export function renderSummary(summary: CollectSummary): string {
  const t = summary.totals;
  const lines = [
    `${t.feeds} feeds in ${formatDuration(summary.durationMs)}: ${t.ok} ok, ${t.notModified} not modified, ${t.failed + t.gone} failed` +
      (t.rateLimited ? `, ${t.rateLimited} rate-limited` : '') +
      (t.skipped ? `, ${t.skipped} skipped` : ''),
    `${t.itemsNew} new items, ${t.itemsUpdated} updated${t.itemsFiltered ? `, ${t.itemsFiltered} filtered out (include/exclude)` : ''}`,
  ];
  const problems = summary.feeds.filter((r) => r.error || r.skippedReason || r.movedTo);
  if (problems.length) {
    lines.push('', 'Feeds that need attention:');
    for (const r of problems) {
      if (r.error || r.skippedReason) lines.push(`  ${r.feedId}: ${r.error ? `[${r.error.code}] ${r.error.message}` : r.skippedReason}`);
      if (r.movedTo) lines.push(`  ${r.feedId}: ${movedNote(r.movedTo)}`);
    }
  }
  return lines.join('\n');
}
