/**
 * Dedupe: one story, one entry (issue 4); a story is one news event, and follow-up events of one
 * incident are linked into a thread (issue 15). Pure functions of their inputs:
 *
 *   tokens/stem/stopwords/boilerplate → features (weighted salient tokens, CVE ids, headline names)
 *   → candidate stories (shared tokens) → verify members + centroid similarity + time anchor → file
 *   → thread (an earlier story about the same subject)
 *
 * The clusterer (clusterer.ts) works in memory; the analysis stage seeds it with the stored stories
 * a batch can touch and writes its filings.
 */
import type { DedupeItem, DedupeSettings } from '../../model/index.js';
import { StoryClusterer } from './clusterer.js';
import type { Filing } from './filing.js';

export { StoryClusterer } from './clusterer.js';
export type { Filing, JoinEvidence } from './filing.js';
export { copyKeyOf } from './copy-key.js';
export { fromWire, prepareItem, toWire, type PreparedItem, type PreparedWire } from './prepared.js';
export { isSiteRoot } from './site-root.js';
export { extractFeatures } from './features.js';
export { verify } from './verify.js';

const DAY_MS = 86_400_000;

/** Earliest published first; ties by `tie` if given, else in the order given (Array sort is stable). */
export function inPublicationOrder<T>(items: readonly T[], publishedAt: (item: T) => string, tie?: (item: T) => string): number[] {
  return items.map((_, i) => i).sort((x, y) => {
    const a = publishedAt(items[x]!);
    const b = publishedAt(items[y]!);
    if (a !== b) return a < b ? -1 : 1;
    if (!tie) return 0;
    const ta = tie(items[x]!);
    const tb = tie(items[y]!);
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  });
}

/**
 * Stories of a batch on its own, in memory: what `analyze` does without --db, and the evaluation.
 * Story ids count up from 1 in publication order; filings come back in input order.
 */
export function findStories(items: readonly DedupeItem[], settings: DedupeSettings): { assignments: Filing[] } {
  let next = 0;
  const clusterer = new StoryClusterer(settings, () => ++next);
  const keepDays = Math.max(settings.threadDays, settings.windowDays, settings.eventHours / 24);
  const result = new Array<Filing>(items.length);
  let filed = 0;
  // Ties by id, so the stories do not depend on the order of the input.
  for (const i of inPublicationOrder(items, (item) => item.publishedAt, (item) => item.id)) {
    const item = items[i]!;
    // A long input (months of items) keeps only the stories a new item could still join or continue.
    if (++filed % 1_000 === 0) clusterer.evictBefore(Date.parse(item.publishedAt) - keepDays * DAY_MS);
    result[i] = clusterer.file(item);
  }
  return { assignments: result };
}
