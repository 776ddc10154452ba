import type { App } from '../app.js';
import { UsageError, type FeedConfig } from '../model/index.js';
import { collectFeeds, type CollectSummary, type FeedRunResult } from '../pipeline/collect.js';
import { createFeedRunWriter, getFeedState, syncFeeds } from '../storage/index.js';
import { prepareStoryKeys, storyFiler } from './stories.js';

export interface CollectOptions {
  /** Only these feed ids (disabled ones included when named). Default: every enabled feed. */
  feedIds?: readonly string[];
  onResult?: (result: FeedRunResult) => void;
  signal?: AbortSignal;
}

/** `secdigest collect`: polls the configured feeds into the database. */
export async function runCollect(app: App, options: CollectOptions = {}): Promise<CollectSummary> {
  const feeds = selectFeeds(app.config.feeds, options.feedIds);
  syncFeeds(app.db, app.config.feeds, app.now().toISOString());
  const { dedupe } = app.config.settings;
  prepareStoryKeys(app.db, dedupe, app.now());
  const weights = new Map(app.config.feeds.map((feed) => [feed.id, feed.weight]));
  // New items are filed in stories inside the transaction that stores them (storage/feed-runs.ts).
  const writer = createFeedRunWriter(app.db, GROUP_COMMIT, storyFiler(app.db, dedupe, (id) => weights.get(id) ?? 1));
  try {
    return await collectFeeds(
      feeds,
      {
        fetcher: app.fetcher,
        store: { getFeedState: (id) => getFeedState(app.db, id), recordFeedRun: writer.record },
        limits: app.config.settings.collect,
        now: app.now,
        ...(options.signal ? { signal: options.signal } : {}),
      },
      options.onResult,
    );
  } finally {
    writer.flush();
  }
}

/** At most 50 ms or 50 feeds of results wait for their commit (see storage/group-commit.ts). */
const GROUP_COMMIT = { maxFeeds: 50, maxDelayMs: 50 };

export function selectFeeds(feeds: readonly FeedConfig[], ids: readonly string[] | undefined): FeedConfig[] {
  if (!ids?.length) return feeds.filter((feed) => feed.enabled);
  const byId = new Map(feeds.map((feed) => [feed.id, feed]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length) {
    throw new UsageError(`unknown feed id(s): ${unknown.join(', ')} (see \`secdigest feeds\` for the list)`);
  }
  return [...new Set(ids)].map((id) => byId.get(id)!);
}

/** Exit status policy: a run with at least one feed attempted and none succeeding has failed. */
export function everyFeedFailed(summary: CollectSummary): boolean {
  const attempted = summary.feeds.filter((r) => r.status !== 'skipped');
  return attempted.length > 0 && attempted.every((r) => r.status === 'failed' || r.status === 'gone');
}
