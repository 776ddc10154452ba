import type { StoryCandidate } from '../model/draft.js';
import type { Taxonomy } from '../model/classification.js';
import { DEFAULT_TAXONOMY } from '../pipeline/classify/taxonomy.js';

/**
 * Ranking (issue 6): one explainable score per story, the sum of four components, each of which an
 * editor can read back from `rankReasons`:
 *
 *   score = coverage · ln(max(1, coverage))                    1 source +0, 2 +0.69, 3 +1.10, 10 +2.30
 *         + sourceWeight · clamp(weight, 0, 10)                 weight 2 (a typical blog) +0.50
 *         + recency · 0.5^(ageHours / halfLifeHours)            age = window end − story's first sighting
 *         + topic · priority(topic) / 100                       vulnerability (90) +0.90, other (10) +0.10
 *
 * Coverage is logarithmic because the tenth outlet repeating a story tells less than the second.
 * Weights are per point of the feed's 0..10 editorial weight; real feeds sit between 0.5 and 3, so a
 * heavy source is worth about as much as one extra outlet. Recency halves every `halfLifeHours` and
 * is measured from the story's first sighting (its earliest member), not the representative's date:
 * a day-old story picked up late by a heavy outlet is still day-old news.
 *
 * Every component is rounded to 4 decimals before summing, so the same input gives the same bytes on
 * every machine; ties are broken by the representative's `publishedAt` (newer first), then `storyId`.
 */

export interface RankingWeights {
  coverage: number;
  sourceWeight: number;
  recency: number;
  topic: number;
}

/** Topic id → editorial priority (0..100, higher first), the scale of the taxonomy. */
export type TopicPriority = Readonly<Record<string, number>>;

export const DEFAULT_RANKING_WEIGHTS: Readonly<RankingWeights> = Object.freeze({
  coverage: 1,
  sourceWeight: 0.25,
  recency: 1,
  topic: 1,
});

export const DEFAULT_HALF_LIFE_HOURS = 24;

export function topicPriorityFromTaxonomy(taxonomy: Taxonomy): TopicPriority {
  return Object.freeze(Object.fromEntries(taxonomy.topics.map((t) => [t.id, t.priority])));
}

/**
 * The default taxonomy's priorities (vulnerabilities, ransomware and breaches first, off-topic
 * last), read from the taxonomy itself so the two cannot drift apart.
 */
export const DEFAULT_TOPIC_PRIORITY: TopicPriority = topicPriorityFromTaxonomy(DEFAULT_TAXONOMY);

export interface RankingOptions {
  /** The instant ages are measured to: the draft window's end (never the clock). */
  until: string;
  weights?: Partial<RankingWeights>;
  halfLifeHours?: number;
  topicPriority?: TopicPriority;
}

export interface StoryScore {
  score: number;
  /** One line per component, in formula order, e.g. `coverage 3 sources (+1.10)`. */
  reasons: string[];
}

export interface RankedStory extends StoryScore {
  candidate: StoryCandidate;
}

const HOUR_MS = 3_600_000;

export function scoreStory(candidate: StoryCandidate, options: RankingOptions): StoryScore {
  const w = { ...DEFAULT_RANKING_WEIGHTS, ...options.weights };
  const halfLife = options.halfLifeHours ?? DEFAULT_HALF_LIFE_HOURS;
  const priorities = options.topicPriority ?? DEFAULT_TOPIC_PRIORITY;

  const coverage = Math.max(1, Math.floor(candidate.coverage) || 1);
  const weight = clamp(Number.isFinite(candidate.sourceWeight) ? candidate.sourceWeight : 0, 0, 10);
  const ageHours = storyAgeHours(candidate, options.until);
  const priority = Object.hasOwn(priorities, candidate.topic) ? (priorities[candidate.topic] ?? 0) : 0;

  const parts: [number, string][] = [
    [w.coverage * Math.log(coverage), `coverage ${coverage} ${coverage === 1 ? 'source' : 'sources'}`],
    [w.sourceWeight * weight, `source weight ${formatNumber(weight)}`],
    [w.recency * 0.5 ** (ageHours / halfLife), `recency ${Math.round(ageHours)} h old, half-life ${formatNumber(halfLife)} h`],
    [(w.topic * priority) / 100, `topic ${candidate.topic} priority ${formatNumber(priority)}`],
  ];
  let score = 0;
  const reasons: string[] = [];
  for (const [raw, label] of parts) {
    const value = round4(raw);
    score += value;
    reasons.push(`${label} (${value < 0 ? '-' : '+'}${Math.abs(value).toFixed(2)})`);
  }
  return { score: round4(score), reasons };
}

/** Best first: score, then the newer representative, then storyId (code-unit order, locale-free). */
export function compareRanked(a: RankedStory, b: RankedStory): number {
  if (a.score !== b.score) return b.score - a.score;
  const ta = timeOf(a.candidate.publishedAt);
  const tb = timeOf(b.candidate.publishedAt);
  if (ta !== tb) return tb - ta;
  const ia = a.candidate.storyId;
  const ib = b.candidate.storyId;
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

export function rankStories(candidates: readonly StoryCandidate[], options: RankingOptions): RankedStory[] {
  return candidates.map((candidate) => ({ candidate, ...scoreStory(candidate, options) })).sort(compareRanked);
}

/** Hours from the story's first sighting (else its representative's date) to `until`; never negative. */
function storyAgeHours(candidate: StoryCandidate, until: string): number {
  const end = Date.parse(until);
  let start = Date.parse(candidate.firstSeen);
  if (Number.isNaN(start)) start = Date.parse(candidate.publishedAt);
  if (Number.isNaN(start) || Number.isNaN(end)) return 0;
  return Math.max(0, (end - start) / HOUR_MS);
}

function timeOf(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : String(round4(x));
}
