import type { Settings } from '../model/index.js';
import { DEFAULT_LEAD_FROM, DEFAULT_LEAD_TITLE } from '../newsletter/lead.js';
import { DEFAULT_RANKING_WEIGHTS } from '../newsletter/rank.js';
import { DEFAULT_ISSUE_SETTINGS, DEFAULT_RENDER_OPTIONS } from '../newsletter/render/view.js';
import { DEFAULT_SECTIONS } from '../newsletter/sections.js';
import { DEFAULT_HEALTH_POLICY } from '../pipeline/feed-health/backoff.js';
import { DEFAULT_PUBLISH_SETTINGS } from './publish-settings.js';

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
    supportSimilarity: 0.15,
    // A name in this many stories of the window is context, not identity (docs/ARCHITECTURE.md, "Dedupe").
    commonNameStories: 8,
    // Stories as events (issue 15): tuned on data/labels/s33r-tune.tsv (npm run eval:dedupe).
    eventHours: 72,
    storySimilarity: 0.3,
    signatureSimilarity: 0.25,
    threadDays: 45,
    threadSimilarity: 0.3,
  },
  classify: {
    // The default taxonomy (pipeline/classify/taxonomy.ts) is used as shipped unless an editor adds
    // topics or keywords here.
    topics: [],
    keywords: {},
    securityTerms: [],
    // 0.55 or 0.65 cost the real corpus its relevance precision or recall target (tuning.ts).
    relevanceThreshold: 0.6,
  },
  draft: {
    // A daily newsletter: the first issue looks back one day; later ones start where the last ended.
    windowHours: 24,
    // Deprecated and ignored (issue 18: no more halving every 24 h); kept so old feeds.yaml files
    // still load and the shipped file's comment still shows the old default.
    halfLifeHours: 24,
    // The ranking's own defaults (newsletter/rank.ts), so the formula is documented in one place.
    weights: { ...DEFAULT_RANKING_WEIGHTS },
    // The issue opens with the best story of Latest News and the Wall of Shame (newsletter/lead.ts).
    lead: { enabled: true, title: DEFAULT_LEAD_TITLE, from: [...DEFAULT_LEAD_FROM] },
    sections: DEFAULT_SECTIONS.map((s) => ({
      id: s.id,
      title: s.title,
      subtitle: s.subtitle,
      limit: s.limit,
      match: {
        section: s.match.section,
        ...(s.match.topics ? { topics: [...s.match.topics] } : {}),
        ...(s.match.victimsOnly ? { victimsOnly: true } : {}),
        ...(s.match.kinds ? { kinds: [...s.match.kinds] } : {}),
        ...(s.match.tags ? { tags: [...s.match.tags] } : {}),
      },
      order: s.order,
      showVictims: DEFAULT_RENDER_OPTIONS.victimSections.includes(s.id),
    })),
    newsletterName: DEFAULT_RENDER_OPTIONS.newsletterName,
    maxAlsoCoveredBy: DEFAULT_RENDER_OPTIONS.maxAlsoCoveredBy,
  },
  schedule: {
    // UTC unless the editor names a zone: the same feeds.yaml fires at the same instant on any machine.
    timezone: 'UTC',
    // Hourly, like Miniflux's tick; feeds with intervalMinutes are fetched only when due.
    collect: '0 * * * *',
    draft: '0 6 * * *',
    // Daily, at a quiet minute away from the hourly collect.
    prune: '30 3 * * *',
  },
  // Backoff and health (pipeline/feed-health/backoff.ts, where the reasoning is).
  health: { ...DEFAULT_HEALTH_POLICY },
  retention: {
    olderThanDays: 180,
  },
  // The whole issue (issue 18): the renderers' own defaults, so the texts are written in one place.
  issue: { ...DEFAULT_ISSUE_SETTINGS, template: {}, newsSections: [...DEFAULT_ISSUE_SETTINGS.newsSections] },
  // Where `secdigest publish` writes the archive (issue 18); no public URL until the editor gives one.
  publish: { ...DEFAULT_PUBLISH_SETTINGS },
};
