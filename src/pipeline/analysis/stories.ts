import type { DedupeItem, DedupeSettings, Item } from '../../model/index.js';

/**
 * What stored keys depend on: keys made otherwise never match and must be rebuilt. The settings
 * are read here; the tag ("minhash-v2+cve+names") stands for the code (tokens, stemming,
 * stopwords, weights, which entities get keys) and must change whenever that does.
 */
export function signatureOf(settings: Pick<DedupeSettings, 'numHashes' | 'bands'>): string {
  return `minhash-v2+cve+names:${settings.numHashes}x${settings.bands}`;
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
