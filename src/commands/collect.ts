import type { App } from '../app.js';
import { UsageError, type FeedConfig } from '../model/index.js';
import { collectFeeds, jobOf, summaryOf, type CollectSummary, type FeedRunResult } from '../pipeline/collect.js';
import { analyzePending, type AnalysisSummary } from '../pipeline/analysis/index.js';
import { classifyStoredItems, lazyClassifier, type ClassifierSource } from '../pipeline/analysis/classifier.js';
import { dueFeeds } from '../pipeline/feed-health/due.js';
import type { QueueCollector } from '../queue/coordinator.js';
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
  /** Test seam for the classifier's model (see pipeline/analysis/classifier.ts). */
  classifierSource?: ClassifierSource;
  /** Called as the analysis stage commits each batch (items done, items pending at its start). */
  onAnalysisProgress?: (done: number, total: number) => void;
  /**
   * Fetch and store on the queue's workers (`--queue`, SECDIGEST_QUEUE) instead of in this process:
   * the due feeds are enqueued and awaited; the analysis stage still runs here, once.
   */
  queue?: QueueCollector;
}

/** A collection run: the feeds' results, and what the analysis stage did after them. */
export interface CollectRunSummary extends CollectSummary {
  analysis: AnalysisSummary;
}

/** `secdigest collect`: polls the configured feeds into the database. */
export async function runCollect(app: App, options: CollectOptions = {}): Promise<CollectRunSummary> {
  const { storage } = app;
  await storage.feeds.sync(app.config.feeds, app.now().toISOString());
  const selected = selectFeeds(app.config.feeds, options.feedIds);
  // A feed named with --feed is fetched now; otherwise `intervalMinutes` decides (pipeline/feed-health/due.ts).
  // Only feeds with an interval need their last attempt here; the rest are always due.
  const timed = selected.filter((feed) => feed.intervalMinutes);
  const states = new Map(await Promise.all(timed.map(async (feed) => [feed.id, await storage.feeds.state(feed.id)] as const)));
  const feeds = options.feedIds?.length ? selected : dueFeeds(selected, (id) => states.get(id), app.now());
  options.onStart?.(feeds.length);
  const classifier = lazyClassifier(storage.classification, app.config.settings.classify, {
    ...(options.classifierSource ? { source: options.classifierSource } : {}),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  });
  // Items stored unclassified (before schema v5, or a classifier failure) are classified first.
  if ((await storage.classification.countUnclassified()) > 0) {
    await classifyStoredItems(storage, await classifier(), { ...(options.signal ? { signal: options.signal } : {}), ...(options.onWarning ? { onWarning: options.onWarning } : {}) });
  }
  const summary = options.queue ? await collectOnQueue(options.queue, feeds, app.now, options) : await collectHere(app, feeds, options);
  // Items are stored pending; the analysis stage labels and files them in batches, after the
  // fetches, so CPU work never holds up a feed's transaction or the network. It also finishes items
  // a killed run left pending.
  const analysis = await analyzePending({
    store: storage.analysis,
    settings: app.config.settings,
    classifier,
    now: app.now,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onAnalysisProgress ? { onProgress: options.onAnalysisProgress } : {}),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  });
  return { ...summary, analysis };
}

/** The fetch stage in this process: `collectFeeds` with the run's group-commit writer. */
export async function collectHere(app: App, feeds: readonly FeedConfig[], options: Pick<CollectOptions, 'onResult' | 'signal'> = {}): Promise<CollectSummary> {
  const { storage } = app;
  // Resolved first: an unset header variable stops the run before a feed is fetched.
  const feedOptions = app.feedOptions();
  const writer = storage.feedRuns.writer(GROUP_COMMIT);
  let summary: CollectSummary;
  try {
    summary = await collectFeeds(
      feeds,
      {
        fetcher: app.fetcher,
        store: { getFeedState: (id) => storage.feeds.state(id), recordFeedRun: writer.record },
        limits: app.config.settings.collect,
        now: app.now,
        health: app.config.settings.health,
        maxOpenFeeds: app.config.settings.fetch.concurrency,
        feedOptions,
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
  await writer.flush();
  return summary;
}

/**
 * The fetch stage on the queue's workers: the same jobs (`jobOf`), the same results, summed the same
 * way, so the summary and `--json` totals read as a local run's. A worker reports a job finished
 * only once its feed's write is committed, so no result here is for something not stored.
 */
export async function collectOnQueue(
  queue: QueueCollector,
  feeds: readonly FeedConfig[],
  now: () => Date,
  options: Pick<CollectOptions, 'onResult' | 'signal'> = {},
): Promise<CollectSummary> {
  const started = now();
  const results = await queue.collect(feeds.map(jobOf), {
    ...(options.onResult ? { onResult: options.onResult } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return summaryOf(results, started, now());
}

/**
 * At most 1 s or 50 feeds of results wait for their commit (see storage/sqlite/group-commit.ts). Feeds are
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
export function runCollectLocked(app: App, options: CollectOptions & { waitMs?: number } = {}): Promise<CollectRunSummary> {
  const { waitMs = 0, ...rest } = options;
  return withRunLock(app.storage.runLocks, COLLECT_LOCK, { ttlMs: COLLECT_LOCK_TTL_MS, waitMs, ...(options.signal ? { signal: options.signal } : {}) }, () =>
    runCollect(app, rest),
  );
}
