import type { App } from '../app.js';
import type { FeedKind } from '../model/index.js';
import { listFeedHealth, syncFeeds } from '../storage/index.js';

/** One row of `secdigest feeds`; the `--json` output is an array of these (a public contract). */
export interface FeedReport {
  id: string;
  name: string;
  kind: FeedKind;
  url: string;
  enabled: boolean;
  items: number;
  lastStatus: string | null;
  lastHttpStatus: number | null;
  lastFetchAt: string | null;
  lastSuccessAt: string | null;
  consecutiveErrors: number;
  lastErrorCode: string | null;
  lastError: string | null;
  disabledReason: string | null;
  movedTo: string | null;
  retryAt: string | null;
}

/** `secdigest feeds`: every configured feed with its health, in the configuration's order. */
export function listFeeds(app: App): FeedReport[] {
  syncFeeds(app.db, app.config.feeds, app.now().toISOString());
  const health = new Map(listFeedHealth(app.db, app.config.feeds.map((f) => f.id)).map((h) => [h.id, h]));
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
    };
  });
}
