import { describe, expect, it } from 'vitest';
import type { CollectSummary, FeedRunResult } from '../pipeline/collect.js';
import { renderSummary } from './collect-output.js';

const result = (feedId: string, extra: Partial<FeedRunResult> = {}): FeedRunResult => ({
  feedId, url: `https://${feedId}.example/feed`, status: 'ok', httpStatus: 200, durationMs: 10, bytes: 100, attempts: 1,
  itemsFound: 1, itemsNew: 1, itemsUpdated: 0, itemsFiltered: 0, error: null, ...extra,
});

function summary(feeds: FeedRunResult[]): CollectSummary {
  return {
    startedAt: '2026-11-25T06:00:00.000Z', finishedAt: '2026-11-25T06:00:00.140Z', durationMs: 140, feeds,
    totals: { feeds: feeds.length, ok: feeds.length, notModified: 0, failed: 0, gone: 0, rateLimited: 0, skipped: 0, itemsNew: feeds.length, itemsUpdated: 0, itemsFiltered: 0 },
  };
}

describe('renderSummary', () => {
  it('lists a feed that moved permanently under "Feeds that need attention", even when nothing failed', () => {
    const text = renderSummary(summary([result('steady'), result('moved', { movedTo: 'https://new.example/feed' })]));
    expect(text.split('\n').slice(2)).toEqual(['', 'Feeds that need attention:', '  moved: moved permanently to https://new.example/feed: update feeds.yaml']);
  });

  it('names a failure and a move of the same feed on their own lines, and nothing for a clean run', () => {
    const failed = result('both', { status: 'failed', error: { code: 'timeout', message: 'timed out after 20s' }, movedTo: 'https://new.example/feed' });
    expect(renderSummary(summary([failed])).split('\n').slice(3)).toEqual([
      'Feeds that need attention:',
      '  both: [timeout] timed out after 20s',
      '  both: moved permanently to https://new.example/feed: update feeds.yaml',
    ]);
    expect(renderSummary(summary([result('steady')]))).not.toContain('attention');
  });
});
