import pLimit from 'p-limit';
import { FeedError, SecdigestError, type CollectSettings, type FeedConfig, type FetchOutcome, type HealthSettings, type Item } from '../model/index.js';
import { isEnvironmentFailure, type FeedRunOutcome, type FeedRunRecord, type FeedState, type UpsertCounts } from '../storage/index.js';
import type { Fetcher } from './fetch/index.js';
import { filterItems, type KeywordFilter } from './filter/index.js';
import { healthAfterFailure, healthSkipReason } from './feed-health/backoff.js';
import { normalizeEntries } from './normalize/index.js';
import { parseFeedDocument } from './parse/index.js';
import { takeTurns, type Turn } from './turns.js';

/**
 * The storage the collector needs: read a feed's state, write one feed's results atomically. Items
 * are stored pending analysis; the analysis stage (pipeline/analysis) labels and files them later.
 */
export interface CollectStore {
  getFeedState(feedId: string): Promise<FeedState | undefined>;
  recordFeedRun(run: FeedRunRecord): Promise<UpsertCounts>;
}

export interface CollectDeps {
  fetcher: Fetcher;
  store: CollectStore;
  limits: CollectSettings;
  now: () => Date;
  signal?: AbortSignal;
  /** Backoff and health policy for failing feeds (`settings.health`); without it, no backoff. */
  health?: HealthSettings;
  /** Jitter source for the backoff (tests pass a constant). */
  random?: () => number;
  /**
   * At most this many feeds between the start of their fetch and the end of their processing
   * (default 16, the fetch concurrency): fetched documents wait for their turn in memory, and this
   * bounds how many.
   */
  maxOpenFeeds?: number;
  /**
   * A feed's own headers and keyword filter (feeds.yaml), by feed id. Looked up where the job runs,
   * from that process's configuration: a job carries only the id and URL, so no secret enters a queue.
   */
  feedOptions?: (feedId: string) => FeedOptions | undefined;
}

/** What feeds.yaml says about fetching and keeping one feed's items, beyond its URL. */
export interface FeedOptions {
  /** Resolved request headers (secrets: never logged). */
  headers?: Readonly<Record<string, string>>;
  filter?: KeywordFilter;
}

export type FeedRunStatus = FeedRunOutcome | 'skipped';

/** What happened to one feed in one run; the CLI prints it, the log records it. */
export interface FeedRunResult {
  feedId: string;
  url: string;
  status: FeedRunStatus;
  httpStatus: number | null;
  durationMs: number;
  bytes: number;
  attempts: number;
  itemsFound: number;
  itemsNew: number;
  itemsUpdated: number;
  /** Items the feed's include / exclude keywords dropped before storage (counted in itemsFound, never stored). */
  itemsFiltered: number;
  error: { code: string; message: string } | null;
  retryAt?: string;
  movedTo?: string;
  /** Why a feed was not fetched: disabled after a 410, waiting for a Retry-After, backing off, unhealthy, or the run was stopped. */
  skippedReason?: string;
}

/**
 * One unit of collection work, as plain data (JSON-serializable): what a queue carries to a worker
 * on another machine, like Miniflux's `Job{FeedID, FeedURL}`. The feed's stored state (validators,
 * backoff) is read from storage when the job runs, not carried in it.
 */
export interface CollectJob {
  feedId: string;
  url: string;
}

export function jobOf(feed: Pick<FeedConfig, 'id' | 'url'>): CollectJob {
  return { feedId: feed.id, url: feed.url };
}

/**
 * `collectOne`: fetch → decode → parse → normalize → store one feed's new items (pending analysis)
 * and its state in one transaction. Never throws for a feed's own problems; its result is plain
 * data (codes and messages, no Buffer or Error). What follows the fetch runs in `turn`, one feed at
 * a time (turns.ts); alone, it gets its own turn.
 */
export async function collectOne(feed: CollectJob, deps: CollectDeps, turn: Turn = takeTurns()): Promise<FeedRunResult> {
  const started = deps.now();
  const startedAt = started.toISOString();
  const state = await deps.store.getFeedState(feed.feedId);
  const skipped = skipReason(state, started);
  if (skipped) return emptyResult(feed, 'skipped', { skippedReason: skipped });

  const options = deps.feedOptions?.(feed.feedId);
  const outcome = await deps.fetcher.fetchFeed(
    { url: feed.url, etag: state?.etag ?? null, lastModified: state?.lastModified ?? null, ...(options?.headers ? { headers: options.headers } : {}) },
    deps.signal,
  );
  // Stopped by shutdown: not the feed's fault, so nothing is recorded (no error counted).
  if (outcome.kind === 'failed' && outcome.error.code === 'aborted') {
    return emptyResult(feed, 'skipped', { skippedReason: 'aborted: the run was stopped' });
  }
  return turn(() => processFetched(feed, outcome, state, startedAt, started, deps, options?.filter));
}

/** Parses, normalizes and stores what one fetch brought back. */
async function processFetched(
  feed: CollectJob,
  outcome: FetchOutcome,
  state: FeedState | undefined,
  startedAt: string,
  started: Date,
  deps: CollectDeps,
  filter: KeywordFilter | undefined,
): Promise<FeedRunResult> {
  const { record: parsed, filtered } = toRunRecord(feed, outcome, startedAt, started, deps.limits, filter);
  let itemsFiltered = filtered;
  let run: FeedRunRecord;
  let counts: UpsertCounts;
  try {
    run = withHealth(parsed, state, started, deps);
    counts = await deps.store.recordFeedRun(run);
  } catch (error) {
    if (!isOwnFailure(error)) throw error;
    // A bug met in storing this feed's items fails this feed alone; its items were rolled back with
    // the write, so the next run tries them again.
    const internal = new FeedError('internal', `secdigest failed on this feed's items: ${(error as Error).message}`, { cause: error });
    const { feedId, durationMs, attempts, httpStatus, bytes } = parsed;
    run = withHealth({ feedId, startedAt, durationMs, attempts, httpStatus, bytes, outcome: 'failed', items: [], error: describe(internal) }, state, started, deps);
    counts = await deps.store.recordFeedRun(run);
    itemsFiltered = 0;
  }
  return {
    feedId: feed.feedId,
    url: feed.url,
    status: run.outcome,
    httpStatus: run.httpStatus,
    durationMs: Math.round(outcome.durationMs),
    bytes: run.bytes,
    attempts: run.attempts,
    itemsFound: run.items.length + itemsFiltered,
    itemsNew: counts.new,
    itemsUpdated: counts.updated,
    itemsFiltered,
    error: run.error ?? null,
    ...(run.retryAt ? { retryAt: run.retryAt } : {}),
    ...(run.movedTo ? { movedTo: run.movedTo } : {}),
  };
}

function skipReason(state: FeedState | undefined, now: Date): string | undefined {
  if (state?.disabledReason) return `disabled: ${state.disabledReason}`;
  if (state?.retryAt && Date.parse(state.retryAt) > now.getTime()) return `waiting until ${state.retryAt} (Retry-After)`;
  return state ? healthSkipReason(state, now) : undefined;
}

/** A failure pushes the next attempt out (exponential backoff) and may make the feed unhealthy. */
function withHealth(run: FeedRunRecord, state: FeedState | undefined, now: Date, deps: CollectDeps): FeedRunRecord {
  if (!deps.health || (run.outcome !== 'failed' && run.outcome !== 'gone')) return run;
  return { ...run, ...healthAfterFailure(state, now, deps.health, deps.random ?? Math.random) };
}

/**
 * Turns a fetch outcome into the record storage keeps; parsing happens here for fetched bodies, and
 * the feed's keyword filter drops items after normalizing, before anything is stored.
 */
function toRunRecord(
  feed: CollectJob,
  outcome: FetchOutcome,
  startedAt: string,
  fetchedAt: Date,
  limits: CollectSettings,
  filter: KeywordFilter | undefined,
): { record: FeedRunRecord; filtered: number } {
  const record = (value: FeedRunRecord, filtered = 0) => ({ record: value, filtered });
  const base = {
    feedId: feed.feedId,
    startedAt,
    durationMs: outcome.durationMs,
    attempts: outcome.attempts,
    movedTo: outcome.permanentRedirect ?? null,
  };
  switch (outcome.kind) {
    case 'fetched': {
      const bytes = outcome.body.length;
      let items: Item[];
      let filtered: number;
      try {
        // Twice the cap: room for entries normalize drops (duplicate guids, nothing to show), while a
        // 50,000-entry document is cut before the XML parser pays for all of it (parse/trim.ts).
        // Relative xml:base and ids resolve against the document reached after redirects.
        const parsed = parseFeedDocument(outcome.body, outcome.contentType, { maxEntries: limits.maxItemsPerFeed * 2, documentUrl: outcome.finalUrl });
        items = normalizeEntries(parsed.entries, {
          feedId: feed.feedId,
          feedUrl: outcome.finalUrl,
          ...(parsed.siteUrl ? { siteUrl: parsed.siteUrl } : {}),
          fetchedAt,
          limits,
        });
        ({ kept: items, filtered } = filterItems(items, filter));
      } catch (error) {
        const feedError = error instanceof FeedError ? error : new FeedError('malformed', `cannot read the document: ${(error as Error).message}`, { cause: error });
        return record({ ...base, outcome: 'failed', httpStatus: outcome.status, bytes, items: [], error: describe(feedError) });
      }
      return record(
        {
          ...base,
          outcome: 'ok',
          httpStatus: outcome.status,
          bytes,
          items,
          etag: outcome.etag,
          lastModified: outcome.lastModified,
        },
        filtered,
      );
    }
    case 'not-modified':
      return record({ ...base, outcome: 'not-modified', httpStatus: 304, bytes: 0, items: [], etag: outcome.etag, lastModified: outcome.lastModified });
    case 'gone':
      return record({ ...base, outcome: 'gone', httpStatus: 410, bytes: 0, items: [], error: { code: 'http-status', message: 'HTTP 410 Gone: the feed was removed; disabled until its URL changes' } });
    case 'rate-limited':
      return record({ ...base, outcome: 'rate-limited', httpStatus: outcome.status, bytes: 0, items: [], retryAt: outcome.retryAt, error: { code: 'http-status', message: `HTTP ${outcome.status}: asked to retry after ${outcome.retryAt}` } });
    case 'failed':
      return record({ ...base, outcome: 'failed', httpStatus: outcome.status, bytes: 0, items: [], error: describe(outcome.error) });
  }
}

/**
 * SQLite errors that every feed would meet (the disk, the file, a lock), and the writer's own database
 * error (a group SQLite rolled back), stop the run. Any other
 * error while processing a feed, a constraint broken by a bug in story filing included, is
 * secdigest's own failure on that feed's items.
 */
function isOwnFailure(error: unknown): boolean {
  if (error instanceof SecdigestError && error.code === 'database') return false;
  return error instanceof Error && !isEnvironmentFailure(error);
}

function describe(error: FeedError): { code: string; message: string } {
  return { code: error.code, message: error.message };
}

/** A result for a feed that was not fetched (skipped, stopped, or a queue's own failure). */
export function emptyResult(feed: CollectJob, status: FeedRunStatus, extra: Partial<FeedRunResult> = {}): FeedRunResult {
  return {
    feedId: feed.feedId,
    url: feed.url,
    status,
    httpStatus: null,
    durationMs: 0,
    bytes: 0,
    attempts: 0,
    itemsFound: 0,
    itemsNew: 0,
    itemsUpdated: 0,
    itemsFiltered: 0,
    error: null,
    ...extra,
  };
}

export interface CollectSummary {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  feeds: FeedRunResult[];
  totals: {
    feeds: number;
    ok: number;
    notModified: number;
    failed: number;
    gone: number;
    rateLimited: number;
    skipped: number;
    itemsNew: number;
    itemsUpdated: number;
    itemsFiltered: number;
  };
}

/** The feeds reordered to take their hosts in turn (a, b, c, a, b, a, …), each host's in order. */
export function interleaveByHost<T extends { url: string }>(feeds: readonly T[]): T[] {
  const byHost = new Map<string, T[]>();
  for (const feed of feeds) {
    let host: string;
    try {
      host = new URL(feed.url).host;
    } catch {
      host = feed.url;
    }
    const queue = byHost.get(host);
    if (queue) queue.push(feed);
    else byHost.set(host, [feed]);
  }
  const queues = [...byHost.values()];
  const out: T[] = [];
  for (let round = 0; out.length < feeds.length; round++) {
    for (const queue of queues) if (round < queue.length) out.push(queue[round]!);
  }
  return out;
}

/**
 * Collects many feeds concurrently (the fetcher enforces the global and per-host limits).
 * Results come back in the configuration's order; `onResult` sees each as it finishes.
 */
export async function collectFeeds(
  feeds: readonly FeedConfig[],
  deps: CollectDeps,
  onResult?: (result: FeedRunResult) => void,
): Promise<CollectSummary> {
  const started = deps.now();
  const turn = takeTurns();
  const open = pLimit(deps.maxOpenFeeds ?? 16);
  const byFeed = new Map<FeedConfig, Promise<FeedRunResult>>();
  // Started hosts in turn, so feeds of one host queued together do not hold every open slot while
  // its per-host limit lets two of them fetch.
  for (const feed of interleaveByHost(feeds)) {
    byFeed.set(feed, open(async () => {
      const result = await collectOne(jobOf(feed), deps, turn);
      onResult?.(result);
      return result;
    }));
  }
  const results = await Promise.all(feeds.map((feed) => byFeed.get(feed)!));
  return summaryOf(results, started, deps.now());
}

/** A run's summary from its results and times (a local collect's, or a queue coordinator's). */
export function summaryOf(results: FeedRunResult[], started: Date, finished: Date): CollectSummary {
  return {
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    feeds: results,
    totals: summarize(results),
  };
}

/** The totals of a run's results (also of a run whose feeds were fetched by queue workers). */
function summarize(results: readonly FeedRunResult[]): CollectSummary['totals'] {
  const count = (status: FeedRunStatus) => results.filter((r) => r.status === status).length;
  return {
    feeds: results.length,
    ok: count('ok'),
    notModified: count('not-modified'),
    failed: count('failed'),
    gone: count('gone'),
    rateLimited: count('rate-limited'),
    skipped: count('skipped'),
    itemsNew: results.reduce((n, r) => n + r.itemsNew, 0),
    itemsUpdated: results.reduce((n, r) => n + r.itemsUpdated, 0),
    itemsFiltered: results.reduce((n, r) => n + r.itemsFiltered, 0),
  };
}
