import type { App } from '../app.js';
import { feedHealth, type FeedHealthState } from '../model/feed-health.js';
import { UsageError, type FeedKind } from '../model/index.js';
import type { FeedHealth } from '../storage/index.js';

/** The stored state a row of `secdigest feeds` reports, as storage keeps it (storage FeedState). */
type ReportedState = Pick<
  FeedHealth,
  | 'items' | 'lastStatus' | 'lastHttpStatus' | 'lastFetchAt' | 'lastSuccessAt' | 'consecutiveErrors' | 'lastErrorCode'
  | 'lastError' | 'disabledReason' | 'movedTo' | 'retryAt' | 'nextAttemptAt' | 'errorSince' | 'unhealthySince'
>;

/**
 * One row of `secdigest feeds`; the `--json` output is an array of these (a public contract):
 * the configured feed, its stored state, and what that state means.
 */
export interface FeedReport extends ReportedState {
  id: string;
  name: string;
  kind: FeedKind;
  url: string;
  enabled: boolean;
  /** ok, failing (backing off), unhealthy (skipped until a recheck or `--retry`), disabled (410 or enabled: false): `feedHealth`. */
  health: FeedHealthState;
  intervalMinutes: number | null;
}

const NEVER_FETCHED = { consecutiveErrors: 0, disabledReason: null, unhealthySince: null, movedTo: null };

/** `secdigest feeds`: every configured feed with its health, in the configuration's order. */
export async function listFeeds(app: Pick<App, 'storage' | 'config' | 'now'>): Promise<FeedReport[]> {
  await app.storage.feeds.sync(app.config.feeds, app.now().toISOString());
  const health = new Map((await app.storage.feeds.health(app.config.feeds.map((f) => f.id))).map((h) => [h.id, h]));
  return app.config.feeds.map((feed) => {
    const h = health.get(feed.id);
    return {
      id: feed.id,
      name: feed.name,
      kind: feed.kind,
      url: feed.url,
      enabled: feed.enabled,
      items: h?.items ?? 0,
      lastStatus: h?.lastStatus ?? null,
      lastHttpStatus: h?.lastHttpStatus ?? null,
      lastFetchAt: h?.lastFetchAt ?? null,
      lastSuccessAt: h?.lastSuccessAt ?? null,
      consecutiveErrors: h?.consecutiveErrors ?? 0,
      lastErrorCode: h?.lastErrorCode ?? null,
      lastError: h?.lastError ?? null,
      disabledReason: h?.disabledReason ?? null,
      movedTo: h?.movedTo ?? null,
      retryAt: h?.retryAt ?? null,
      health: feedHealth(h ?? NEVER_FETCHED, feed.enabled),
      nextAttemptAt: h?.nextAttemptAt ?? null,
      errorSince: h?.errorSince ?? null,
      unhealthySince: h?.unhealthySince ?? null,
      intervalMinutes: feed.intervalMinutes ?? null,
    };
  });
}

/**
 * `secdigest feeds --retry ID...`: clears the backoff, the unhealthy mark, a Retry-After wait and
 * a 410 disable, so each feed is fetched at the next collect. Returns the reports after the reset.
 */
export async function retryFeeds(app: Pick<App, 'storage' | 'config' | 'now'>, ids: readonly string[]): Promise<FeedReport[]> {
  const known = new Set(app.config.feeds.map((f) => f.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) throw new UsageError(`unknown feed id(s): ${unknown.join(', ')} (see \`secdigest feeds\` for the list)`);
  await app.storage.feeds.sync(app.config.feeds, app.now().toISOString());
  await app.storage.feeds.retry(ids);
  const wanted = new Set(ids);
  return (await listFeeds(app)).filter((r) => wanted.has(r.id));
}
