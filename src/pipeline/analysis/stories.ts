import type { DedupeItem, DedupeSettings, Item } from '../../model/index.js';
import { fingerprint } from '../dedupe/index.js';
import { prepareStoryKeys as prepareStoredKeys, type Db } from '../../storage/index.js';

const DAY_MS = 86_400_000;

/**
 * What stored keys depend on: keys made otherwise never match and must be rebuilt. The settings
 * are read here; the tag ("minhash-v2+cve+names") stands for the code (tokens, stemming,
 * stopwords, weights, which entities get keys) and must change whenever that does.
 */
export function signatureOf(settings: Pick<DedupeSettings, 'numHashes' | 'bands'>): string {
  return `minhash-v2+cve+names:${settings.numHashes}x${settings.bands}`;
}

/**
 * Readies the stored keys for matching items published from `from` on (the window before it): for
 * `analyze --db`, which still works on the SQLite handle; the analysis stage goes through the port.
 */
export function prepareStoryKeys(db: Db, settings: DedupeSettings, from: Date): { pruned: number; rebuiltItems: number } {
  const since = new Date(from.getTime() - settings.windowDays * DAY_MS).toISOString();
  return prepareStoredKeys(db, signatureOf(settings), since, (title, summary) => fingerprint(title, summary, settings).keys);
}

export function toDedupeItem(item: Item, weight: number): DedupeItem {
  return {
    id: item.id,
    feedId: item.feedId,
    weight,
    canonicalUrl: item.canonicalUrl,
    urlHash: item.urlHash,
    title: item.title,
    summary: item.summary,
    publishedAt: item.publishedAt,
  };
}
