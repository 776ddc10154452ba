import type { Settings } from '../model/index.js';

export const PACKAGE_VERSION = '0.1.0';

/**
 * Defaults for every `settings:` key of feeds.yaml. Each is documented in the README's
 * feeds.yaml reference; the reasoning behind the numbers is in docs/ARCHITECTURE.md.
 */
export const DEFAULT_SETTINGS: Settings = {
  fetch: {
    // 20 s is what Miniflux and FreshRSS use; long enough for slow WordPress hosts.
    timeoutMs: 20_000,
    // Miniflux's 15 MiB, counted after decompression so a gzip bomb is bounded too.
    maxBodyBytes: 15 * 1024 * 1024,
    maxRedirects: 5,
    userAgent: `secdigest/${PACKAGE_VERSION} (+https://github.com/secdigest/secdigest; feed collector for a security newsletter)`,
    concurrency: 16,
    perHostConcurrency: 2,
    retries: 2,
    retryBaseDelayMs: 500,
    retryMaxDelayMs: 8_000,
    maxRetryAfterWaitMs: 10_000,
  },
  collect: {
    maxItemsPerFeed: 500,
    summaryMaxChars: 600,
    titleMaxChars: 300,
  },
  dedupe: {
    // NewsBlur keeps clusters 14 days; a week covers the retellings and the wire copies of one event.
    windowDays: 7,
    // 16 bands of 1 row: retellings by different outlets share only 15-30% of their salient words,
    // and the S-curve of 16 x 1 still finds 98% of such pairs (docs/ARCHITECTURE.md, "Dedupe").
    numHashes: 16,
    bands: 16,
    maxBucket: 50,
    maxCandidates: 10,
    // Tuned on data/labels/dedupe-corpus.tsv and data/demo/LABELS.tsv (npm run eval:dedupe).
    similarity: 0.35,
    cveSimilarity: 0.15,
    conflictSimilarity: 0.5,
    nameOverlap: 0.5,
  },
};
