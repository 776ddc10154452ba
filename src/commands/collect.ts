import type { App } from '../app.js';
import { UsageError, type FeedConfig } from '../model/index.js';
import { collectFeeds, type CollectSummary, type FeedRunResult } from '../pipeline/collect.js';
import { countUnclassified, createFeedRunWriter, getFeedState, storedContentHashes, syncFeeds } from '../storage/index.js';
import { classifyItems, classifyStoredItems, readyClassifier, type ClassifierSource, type ReadyClassifier } from './classifier.js';
import { prepareStoryKeys, storyFiler } from './stories.js';
import { dueFeeds } from '../scheduler/due.js';
import { withRunLock } from '../scheduler/run-lock.js';

export interface CollectOptions {
  /** Only these feed ids (disabled ones included when named). Default: every enabled feed. */
  feedIds?: readonly string[];
  /** Something the editor should know that fails no feed (a stored classifier model not used). */
  onWarning?: (message: string) => void;
  /** Called once the feeds to go through are known (those due, or those named). */
  onStart?: (feeds: number) => void;
  onResult?: (result: FeedRunResult) => void;
  signal?: AbortSignal;
  /** Test seam for the classifier's model (see commands/classifier.ts). */
  classifierSource?: ClassifierSource;
}

/** `secdigest collect`: polls the configured feeds into the database. */
export async function runCollect(app: App, options: CollectOptions = {}): Promise<CollectSummary> {
  syncFeeds(app.db, app.config.feeds, app.now().toISOString());
  const selected = selectFeeds(app.config.feeds, options.feedIds);
  // A feed named with --feed is fetched now; otherwise `intervalMinutes` decides (scheduler/due.ts).
  const feeds = options.feedIds?.length ? selected : dueFeeds(selected, (id) => getFeedState(app.db, id), app.now());
  options.onStart?.(feeds.length);
  const { dedupe } = app.config.settings;
  prepareStoryKeys(app.db, dedupe, app.now());
  // The model is loaded (or trained, ~0.5 s) only when something needs classifying, so an hourly
  // run that gets nothing but 304s never pays for it.
  let ready: Promise<ReadyClassifier> | undefined;
  const classifier = () =>
    (ready ??= readyClassifier(app.db, app.config.settings.classify, options.classifierSource).then((loaded) => {
      if (loaded.warning) options.onWarning?.(loaded.warning);
      return loaded;
    }));
  // Items stored unclassified (before schema v5, or a classifier failure) are classified first.
  if (countUnclassified(app.db) > 0) {
    await classifyStoredItems(app.db, await classifier(), options.signal ? { signal: options.signal } : {});
  }
  const weights = new Map(app.config.feeds.map((feed) => [feed.id, feed.weight]));
  // New items are filed in stories inside the transaction that stores them (storage/feed-runs.ts).
  const writer = createFeedRunWriter(app.db, GROUP_COMMIT, storyFiler(app.db, dedupe, (id) => weights.get(id) ?? 1));
  let summary: CollectSummary;
  try {
    summary = await collectFeeds(
      feeds,
      {
        fetcher: app.fetcher,
        store: { getFeedState: (id) => getFeedState(app.db, id), recordFeedRun: writer.record, storedContentHashes: (ids) => storedContentHashes(app.db, ids) },
        // New and changed items are classified before the write and stored with their labels.
        classify: async (items, feed) => classifyItems(await classifier(), app.db, items.map((item) => ({ ...item, feedKind: feed.kind }))),
        limits: app.config.settings.collect,
        now: app.now,
        health: app.config.settings.health,
        maxOpenFeeds: app.config.settings.fetch.concurrency,
        ...(options.signal ? { signal: options.signal } : {}),
      },
      // Reported once stored: a group's commit can still fail (a full disk) and roll the feed back.
      (result) => writer.afterCommit(() => options.onResult?.(result)),
    );
  } catch (error) {
    // The run's own error (a full disk, say) is what to report; flushing now would only fail again.
    writer.discard();
    throw error;
  }
  writer.flush();
  return summary;
}

/**
 * At most 1 s or 50 feeds of results wait for their commit (see storage/group-commit.ts). Feeds are
 * processed one per turn of the event loop (pipeline/turns.ts), so the timer fires between them: at
 * 50 ms a cold run, where a feed takes ~150 ms to process, committed after every feed and ran 19%
 * slower.
 */
const GROUP_COMMIT = { maxFeeds: 50, maxDelayMs: 1000 };

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

/** The lock every collect holds, from the CLI, system cron or `secdigest schedule` (storage/run-lock.ts). */
export const COLLECT_LOCK = 'collect';

/**
 * A lease of 2 minutes renewed every 40 s: a renewal can be late by over a minute (a long
 * synchronous write) without losing it. A killed holder on this host is taken over at once
 * (`holderIsGone`); one on another host blocks the next collect for at most 2 minutes.
 */
export const COLLECT_LOCK_TTL_MS = 120_000;

/**
 * `runCollect` while holding the run lock: waits up to `waitMs` for another collect to finish,
 * then throws LockBusyError (the CLI exits 5, the scheduler logs a skipped run).
 */
export function runCollectLocked(app: App, options: CollectOptions & { waitMs?: number } = {}): Promise<CollectSummary> {
  const { waitMs = 0, ...rest } = options;
  return withRunLock(app.db, COLLECT_LOCK, { ttlMs: COLLECT_LOCK_TTL_MS, waitMs, ...(options.signal ? { signal: options.signal } : {}) }, () =>
    runCollect(app, rest),
  );
}
