import type { App } from '../app.js';
import { UsageError } from '../model/index.js';
import { parseInstant } from '../newsletter/draft-window.js';
import { taxonomyFromSettings } from '../pipeline/classify/configured.js';
import type { ItemListing } from '../storage/index.js';

export interface ItemsOptions {
  /** `--search`: a plain substring of the title or summary, any case. */
  search?: string | undefined;
  /** `--since`: YYYY-MM-DD (midnight UTC) or an ISO 8601 time with a zone. */
  since?: string | undefined;
  /** `--feed`: only these configured feed ids. */
  feedIds?: readonly string[] | undefined;
  /** `--topic`: only items labelled with this topic of the configured taxonomy. */
  topic?: string | undefined;
  limit?: number | undefined;
}

export const DEFAULT_ITEMS_LIMIT = 50;
export const MAX_ITEMS_LIMIT = 10_000;

/**
 * `secdigest items`: stored items newest first with their story and labels (issue 19). An unknown
 * feed or topic is a UsageError naming the known ones, not an empty list that looks like "no news".
 */
export async function listStoredItems(app: Pick<App, 'storage' | 'config'>, options: ItemsOptions = {}): Promise<ItemListing[]> {
  const limit = options.limit ?? DEFAULT_ITEMS_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ITEMS_LIMIT) {
    throw new UsageError(`--limit must be a whole number from 1 to ${MAX_ITEMS_LIMIT} (got ${String(limit)})`);
  }
  let publishedSince: string | undefined;
  if (options.since !== undefined) {
    const ms = parseInstant(options.since);
    if (ms === undefined) throw new UsageError(`--since must be YYYY-MM-DD or an ISO 8601 time with a zone, e.g. 2026-11-24T06:00:00Z (got "${options.since}")`);
    publishedSince = new Date(ms).toISOString();
  }
  if (options.feedIds?.length) {
    const known = app.config.feeds.map((f) => f.id);
    const unknown = options.feedIds.filter((id) => !known.includes(id));
    if (unknown.length) throw new UsageError(`unknown feed id(s): ${unknown.join(', ')} (known: ${known.join(', ')})`);
  }
  if (options.topic !== undefined) {
    const known = taxonomyFromSettings(app.config.settings.classify).topics.map((t) => t.id);
    if (!known.includes(options.topic)) throw new UsageError(`unknown topic "${options.topic}" (known: ${known.join(', ')})`);
  }
  return app.storage.items.search({
    limit,
    ...(options.search ? { text: options.search } : {}),
    ...(publishedSince ? { publishedSince } : {}),
    ...(options.feedIds?.length ? { feedIds: [...new Set(options.feedIds)] } : {}),
    ...(options.topic !== undefined ? { topic: options.topic } : {}),
  });
}
