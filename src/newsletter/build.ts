import type { Draft, DraftEntry, DraftSection, StoryCandidate } from '../model/draft.js';
import { UsageError } from '../model/errors.js';
import {
  compareRanked,
  DEFAULT_TOPIC_PRIORITY,
  rankStories,
  type RankedStory,
  type RankingWeights,
  type TopicPriority,
} from './rank.js';
import { assertValidSections, assignSection, DEFAULT_SECTIONS, type SectionDefinition } from './sections.js';

export interface BuildDraftOptions {
  /** Issue number (1, 2, 3 …). */
  number: number;
  /** The date, YYYY-MM-DD. */
  date: string;
  /** The stories' window; `until` is also the instant recency is measured to. */
  window: { since: string; until: string };
  /** Stored as is: the caller reads the clock, never the builder. */
  createdAt: string;
  sections?: readonly SectionDefinition[];
  topicPriority?: TopicPriority;
  weights?: Partial<RankingWeights>;
  halfLifeHours?: number;
  /** Stories used in an earlier issue: they never reappear. */
  excludeStoryIds?: Iterable<string>;
}

/** What a section's limit cut, best first, so the editor can see it and promote one by hand. */
export interface SectionOverflow {
  sectionId: string;
  entries: DraftEntry[];
}

export type SkipReason = 'already-used' | 'irrelevant' | 'no-section' | 'duplicate';

export interface SkippedStory {
  storyId: string;
  reason: SkipReason;
}

export interface BuildDraftResult {
  draft: Draft;
  overflow: SectionOverflow[];
  /** Candidates left out before ranking, ordered by reason then storyId. */
  skipped: SkippedStory[];
}

/**
 * Builds a draft issue from the window's story candidates: drop irrelevant and already-used
 * stories, place each remaining story in exactly one section, rank, cut each section at its limit.
 * Pure: the same candidates (in any order) and options give the same draft.
 */
export function buildDraft(candidates: readonly StoryCandidate[], options: BuildDraftOptions): BuildDraftResult {
  checkOptions(options);
  const sections = options.sections ?? DEFAULT_SECTIONS;
  assertValidSections(sections);
  const topicPriority = options.topicPriority ?? DEFAULT_TOPIC_PRIORITY;
  const used = new Set(options.excludeStoryIds ?? []);

  const skipped: SkippedStory[] = [];
  const placed: StoryCandidate[] = [];
  const sectionOf = new Map<StoryCandidate, SectionDefinition>();
  for (const candidate of candidates) {
    if (used.has(candidate.storyId)) {
      skipped.push({ storyId: candidate.storyId, reason: 'already-used' });
      continue;
    }
    const placement = assignSection(candidate, sections);
    if (!placement.placed) {
      skipped.push({ storyId: candidate.storyId, reason: placement.reason });
      continue;
    }
    placed.push(candidate);
    sectionOf.set(candidate, placement.section);
  }

  const ranked = rankStories(placed, {
    until: options.window.until,
    topicPriority,
    weights: options.weights,
    halfLifeHours: options.halfLifeHours,
  });

  const bySection = new Map<string, RankedStory[]>(sections.map((s) => [s.id, []]));
  const seen = new Set<string>();
  for (const story of ranked) {
    // No story twice in an issue, even if storage handed one over twice: the best-ranked copy stays.
    if (seen.has(story.candidate.storyId)) {
      skipped.push({ storyId: story.candidate.storyId, reason: 'duplicate' });
      continue;
    }
    seen.add(story.candidate.storyId);
    const section = sectionOf.get(story.candidate);
    if (section) bySection.get(section.id)?.push(story);
  }

  const draftSections: DraftSection[] = [];
  const overflow: SectionOverflow[] = [];
  for (const section of sections) {
    const stories = bySection.get(section.id) ?? [];
    const kept = orderSection(stories.slice(0, section.limit), section, topicPriority);
    draftSections.push({
      id: section.id,
      title: section.title,
      subtitle: section.subtitle,
      entries: kept.map(toEntry),
    });
    const cut = stories.slice(section.limit);
    if (cut.length > 0) overflow.push({ sectionId: section.id, entries: cut.map(toEntry) });
  }

  const draft: Draft = {
    number: options.number,
    date: options.date,
    window: { since: options.window.since, until: options.window.until },
    createdAt: options.createdAt,
    sections: draftSections,
  };
  return { draft, overflow, skipped: skipped.sort(compareSkipped) };
}

/** The limit is applied to the score order first, so grouping by topic never changes what is cut. */
function orderSection(stories: RankedStory[], section: SectionDefinition, priority: TopicPriority): RankedStory[] {
  if (section.order === 'score') return stories;
  const rank = (topic: string): number => (Object.hasOwn(priority, topic) ? (priority[topic] ?? 0) : 0);
  return [...stories].sort((a, b) => {
    const pa = rank(a.candidate.topic);
    const pb = rank(b.candidate.topic);
    if (pa !== pb) return pb - pa;
    const ta = a.candidate.topic;
    const tb = b.candidate.topic;
    if (ta !== tb) return ta < tb ? -1 : 1;
    return compareRanked(a, b);
  });
}

function toEntry(story: RankedStory): DraftEntry {
  const c = story.candidate;
  return {
    storyId: c.storyId,
    title: c.title,
    url: c.url,
    source: c.source,
    sourceId: c.sourceId,
    blurb: null,
    topic: c.topic,
    topicScores: c.topicScores.map((t) => ({ id: t.id, score: t.score })),
    publishedAt: c.publishedAt,
    coverage: c.coverage,
    alsoCoveredBy: c.alsoCoveredBy.map((l) => ({ source: l.source, sourceId: l.sourceId, title: l.title, url: l.url })),
    victims: [...c.victims],
    cves: [...c.cves],
    score: story.score,
    rankReasons: [...story.reasons],
    included: true,
    ...(c.previously?.length ? { previously: c.previously.map((p) => ({ ...p })) } : {}),
    ...(c.undated ? { undated: true } : {}),
  };
}

const REASON_ORDER: readonly SkipReason[] = ['already-used', 'irrelevant', 'no-section', 'duplicate'];

function compareSkipped(a: SkippedStory, b: SkippedStory): number {
  const r = REASON_ORDER.indexOf(a.reason) - REASON_ORDER.indexOf(b.reason);
  if (r !== 0) return r;
  return a.storyId < b.storyId ? -1 : a.storyId > b.storyId ? 1 : 0;
}

function checkOptions(options: BuildDraftOptions): void {
  const problems: string[] = [];
  if (!Number.isInteger(options.number) || options.number < 1) problems.push(`number must be a whole number ≥ 1 (got ${options.number})`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.date) || Number.isNaN(Date.parse(options.date))) {
    problems.push(`date must be YYYY-MM-DD (got "${options.date}")`);
  }
  const since = Date.parse(options.window.since);
  const until = Date.parse(options.window.until);
  if (Number.isNaN(since)) problems.push(`window.since is not a date (got "${options.window.since}")`);
  if (Number.isNaN(until)) problems.push(`window.until is not a date (got "${options.window.until}")`);
  if (since > until) problems.push('window.since is after window.until');
  if (Number.isNaN(Date.parse(options.createdAt))) problems.push(`createdAt is not a date (got "${options.createdAt}")`);
  if (options.halfLifeHours !== undefined && !(options.halfLifeHours > 0)) problems.push('halfLifeHours must be > 0');
  if (problems.length > 0) throw new UsageError(`invalid draft options: ${problems.join('; ')}`);
}
