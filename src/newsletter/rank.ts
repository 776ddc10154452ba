import type { StoryCandidate } from '../model/draft.js';
import type { Taxonomy } from '../model/classification.js';
import { DEFAULT_TAXONOMY } from '../pipeline/classify/taxonomy.js';
import { readSeverity } from './severity.js';

/**
 * Ranking by importance (issues 6 and 18): one explainable score per story, the sum of five
 * components, each of which an editor can read back from `rankReasons`:
 *
 *   score = coverage · ln(max(1, coverage))                  1 source +0, 2 +0.69, 3 +1.10, 10 +2.30
 *         + sourceWeight · clamp(weight, 0, 10)               weight 2 (a typical blog) +0.50
 *         + freshness · position in the window (0..1)         first sighting at the window's start +0, at its end +0.50
 *         + topic · priority(topic) / 100                     vulnerability (90) +0.90, other (10) +0.10
 *         + severity · Σ signal points (severity.ts)          actively exploited +1.25, zero-day +0.75, …
 *
 * Coverage is logarithmic because the tenth outlet repeating a story tells less than the second.
 * Weights are per point of the feed's 0..10 editorial weight; real feeds sit between 0.5 and 3, so a
 * heavy source is worth about as much as one extra outlet. Severity is what an outlet count misses:
 * an actively exploited zero-day reported by two outlets matters more than a funding round every
 * wire carried.
 *
 * Freshness is a small linear bonus measured from the story's first sighting (its earliest member),
 * and only inside the draft window: a week-old story in a weekly issue is still news, so age no
 * longer halves a score every day (the old `recency`/`halfLifeHours` component, issue 18). It only
 * breaks near-ties in favour of what is newer.
 *
 * Every component is rounded to 4 decimals before summing, so the same input gives the same bytes on
 * every machine; ties are broken by the representative's `publishedAt` (newer first), then `storyId`.
 */

export interface RankingWeights {
  coverage: number;
  sourceWeight: number;
  /** Multiplier of the severity signals' points. */
  severity: number;
  /** The freshness bonus at the window's end (0 at its start). */
  freshness: number;
  topic: number;
}

/** Topic id → editorial priority (0..100, higher first), the scale of the taxonomy. */
export type TopicPriority = Readonly<Record<string, number>>;

export const DEFAULT_RANKING_WEIGHTS: Readonly<RankingWeights> = Object.freeze({
  coverage: 1,
  sourceWeight: 0.25,
  severity: 1,
  freshness: 0.5,
  topic: 1,
});

/** The window assumed when a caller gives only its end: one day, the daily issue. */
const DEFAULT_WINDOW_HOURS = 24;

export function topicPriorityFromTaxonomy(taxonomy: Taxonomy): TopicPriority {
  return Object.freeze(Object.fromEntries(taxonomy.topics.map((t) => [t.id, t.priority])));
}

/**
 * The default taxonomy's priorities (vulnerabilities, ransomware and breaches first, off-topic
 * last), read from the taxonomy itself so the two cannot drift apart.
 */
export const DEFAULT_TOPIC_PRIORITY: TopicPriority = topicPriorityFromTaxonomy(DEFAULT_TAXONOMY);

export interface RankingOptions {
  /** The draft window's end: freshness is full there (never the clock). */
  until: string;
  /** The draft window's start: freshness is 0 there; default `until` − 24 h. */
  since?: string;
  weights?: Partial<RankingWeights>;
  topicPriority?: TopicPriority;
}

export interface StoryScore {
  score: number;
  /**
   * One line per component, in formula order (coverage, source weight, freshness, topic), then one
   * line per severity signal, e.g. `coverage 3 sources (+1.10)`, `severity: zero-day (+0.75)`.
   */
  reasons: string[];
}

export interface RankedStory extends StoryScore {
  candidate: StoryCandidate;
}

const HOUR_MS = 3_600_000;

export function scoreStory(candidate: StoryCandidate, options: RankingOptions): StoryScore {
  const w = { ...DEFAULT_RANKING_WEIGHTS, ...options.weights };
  const priorities = options.topicPriority ?? DEFAULT_TOPIC_PRIORITY;

  const coverage = Math.max(1, Math.floor(candidate.coverage) || 1);
  const weight = clamp(Number.isFinite(candidate.sourceWeight) ? candidate.sourceWeight : 0, 0, 10);
  const fresh = freshness(candidate, options);
  const priority = Object.hasOwn(priorities, candidate.topic) ? (priorities[candidate.topic] ?? 0) : 0;

  const parts: [number, string][] = [
    [w.coverage * Math.log(coverage), `coverage ${coverage} ${coverage === 1 ? 'source' : 'sources'}`],
    [w.sourceWeight * weight, `source weight ${formatNumber(weight)}`],
    [w.freshness * fresh.share, `freshness ${Math.round(fresh.hours)} h into a ${Math.round(fresh.windowHours)} h window`],
    [(w.topic * priority) / 100, `topic ${candidate.topic} priority ${formatNumber(priority)}`],
  ];
  const severity = readSeverity(candidate);
  for (const signal of severity.signals) parts.push([w.severity * signal.points, `severity: ${signal.label}`]);
  if (severity.signals.length === 0) parts.push([0, `severity: none${severity.excluded ? ` (${severity.excluded})` : ''}`]);

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

/**
 * Where the story's first sighting (else its representative's date) falls in the window, 0..1:
 * before the window (an older thread) is 0, after its end 1. An empty window counts as its end.
 */
function freshness(candidate: StoryCandidate, options: RankingOptions): { share: number; hours: number; windowHours: number } {
  const end = Date.parse(options.until);
  const start = options.since !== undefined ? Date.parse(options.since) : end - DEFAULT_WINDOW_HOURS * HOUR_MS;
  let seen = Date.parse(candidate.firstSeen);
  if (Number.isNaN(seen)) seen = Date.parse(candidate.publishedAt);
  if (Number.isNaN(start) || Number.isNaN(end) || Number.isNaN(seen)) return { share: 0, hours: 0, windowHours: 0 };
  const span = Math.max(0, end - start);
  const into = clamp(seen - start, 0, span);
  return { share: span === 0 ? 1 : into / span, hours: into / HOUR_MS, windowHours: span / HOUR_MS };
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
