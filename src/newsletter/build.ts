import type { Draft, DraftEntry, DraftSection, StoryCandidate, StoryLink } from '../model/draft.js';
import { UsageError } from '../model/errors.js';
import { draftBlurb } from './blurb.js';
import { keyFacts } from './facts.js';
import { foldByVictim } from './fold.js';
import { DEFAULT_LEAD_FROM, DEFAULT_LEAD_TITLE, LEAD_SECTION_ID, takeLead, type LeadOptions } from './lead.js';
import { withLink } from './links.js';
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
  /** The stories' window; freshness runs from 0 at `since` to its full weight at `until`. */
  window: { since: string; until: string };
  /** Stored as is: the caller reads the clock, never the builder. */
  createdAt: string;
  sections?: readonly SectionDefinition[];
  topicPriority?: TopicPriority;
  weights?: Partial<RankingWeights>;
  /** Stories used in an earlier issue: they never reappear. */
  excludeStoryIds?: Iterable<string>;
  /**
   * Open the issue with a lead story (section `lead`, first): the best-scored story of the listed
   * sections. Absent or false: no lead section.
   */
  lead?: LeadOptions | false;
}

/** What a section's limit cut, best first, so the editor can see it and promote one by hand. */
export interface SectionOverflow {
  sectionId: string;
  entries: DraftEntry[];
}

/**
 * Why a candidate is not in the draft. `no-link`: neither it nor any other outlet of it has an
 * http(s) link (an editor can still add it by hand with a link found elsewhere). `folded`: the same
 * victim's better-ranked story carries it as a related link.
 */
export type SkipReason = 'already-used' | 'irrelevant' | 'no-section' | 'no-link' | 'duplicate' | 'folded';

export interface SkippedStory {
  storyId: string;
  reason: SkipReason;
  /** For `folded`: the story whose entry carries it as a related link. */
  into?: string;
}

export interface BuildDraftResult {
  draft: Draft;
  overflow: SectionOverflow[];
  /** Candidates left out, ordered by reason then storyId. */
  skipped: SkippedStory[];
}

/**
 * Builds a draft issue from the window's story candidates: drop irrelevant, already-used and
 * link-less stories, place each remaining story in exactly one section, rank, fold one company's
 * stories into one entry, take the lead story, cut each section at its limit, draft blurbs and key
 * facts. Pure: the same candidates (in any order) and options give the same draft.
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
    if (!candidate.relevant) {
      skipped.push({ storyId: candidate.storyId, reason: 'irrelevant' });
      continue;
    }
    const linked = withLink(candidate);
    if (!linked) {
      skipped.push({ storyId: candidate.storyId, reason: 'no-link' });
      continue;
    }
    const placement = assignSection(linked, sections);
    if (!placement.placed) {
      skipped.push({ storyId: candidate.storyId, reason: placement.reason });
      continue;
    }
    placed.push(linked);
    sectionOf.set(linked, placement.section);
  }

  const ranked = rankStories(placed, { since: options.window.since, until: options.window.until, topicPriority, weights: options.weights });

  const unique: RankedStory[] = [];
  const seen = new Set<string>();
  for (const story of ranked) {
    // No story twice in an issue, even if storage handed one over twice: the best-ranked copy stays.
    if (seen.has(story.candidate.storyId)) {
      skipped.push({ storyId: story.candidate.storyId, reason: 'duplicate' });
      continue;
    }
    seen.add(story.candidate.storyId);
    unique.push(story);
  }

  const { kept, related, foldedInto } = foldByVictim(unique);
  for (const [storyId, into] of foldedInto) skipped.push({ storyId, reason: 'folded', into });

  const bySection = new Map<string, RankedStory[]>(sections.map((s) => [s.id, []]));
  for (const story of kept) {
    const section = sectionOf.get(story.candidate);
    if (section) bySection.get(section.id)?.push(story);
  }

  const toEntry = (story: RankedStory): DraftEntry => entryOf(story, related.get(story.candidate.storyId));
  const draftSections: DraftSection[] = [];
  if (options.lead) {
    const lead = takeLead(bySection, options.lead.from ?? DEFAULT_LEAD_FROM);
    draftSections.push({ id: LEAD_SECTION_ID, title: options.lead.title ?? DEFAULT_LEAD_TITLE, subtitle: null, entries: lead ? [toEntry(lead)] : [] });
  }
  const overflow: SectionOverflow[] = [];
  for (const section of sections) {
    const stories = bySection.get(section.id) ?? [];
    const cut = orderSection(stories.slice(0, section.limit), section, topicPriority);
    draftSections.push({
      id: section.id,
      title: section.title,
      subtitle: section.subtitle,
      entries: cut.map(toEntry),
    });
    const rest = stories.slice(section.limit);
    // What a limit cut is counted and listed, never printed: no blurb or key facts (the pool drafts
    // them if the editor promotes one), which spares a week's thousands of cut stories the work.
    if (rest.length > 0) overflow.push({ sectionId: section.id, entries: rest.map((story) => entryOf(story, related.get(story.candidate.storyId), { brief: false })) });
  }

  const draft: Draft = {
    number: options.number,
    date: options.date,
    window: { since: options.window.since, until: options.window.until },
    createdAt: options.createdAt,
    sentAt: null,
    slots: {},
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

const copyLink = (l: StoryLink): StoryLink => ({ source: l.source, sourceId: l.sourceId, title: l.title, url: l.url });

/** A ranked story as a draft entry (also the week's pool's promote, pool.ts); `brief: false` leaves out the blurb and key facts (a cut story). */
export function entryOf(story: RankedStory, related: StoryLink[] | undefined, options: { brief?: boolean } = {}): DraftEntry {
  const c = story.candidate;
  const brief = options.brief ?? true;
  const facts = brief ? keyFacts(c.texts) : undefined;
  return {
    storyId: c.storyId,
    title: c.title,
    url: c.url,
    source: c.source,
    sourceId: c.sourceId,
    blurb: brief ? draftBlurb(c.title, c.texts) : null,
    topic: c.topic,
    topicScores: c.topicScores.map((t) => ({ id: t.id, score: t.score })),
    publishedAt: c.publishedAt,
    coverage: c.coverage,
    alsoCoveredBy: c.alsoCoveredBy.map(copyLink),
    victims: [...c.victims],
    cves: [...c.cves],
    score: story.score,
    rankReasons: [...story.reasons],
    included: true,
    ...(c.previously?.length ? { previously: c.previously.map((p) => ({ ...p })) } : {}),
    ...(c.undated ? { undated: true } : {}),
    ...(related?.length ? { related: related.map(copyLink) } : {}),
    ...(facts ? { facts } : {}),
  };
}

const REASON_ORDER: readonly SkipReason[] = ['already-used', 'irrelevant', 'no-section', 'no-link', 'duplicate', 'folded'];

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
  if (options.lead && (options.sections ?? DEFAULT_SECTIONS).some((s) => s.id === LEAD_SECTION_ID)) {
    problems.push(`a section is already called "${LEAD_SECTION_ID}": rename it or turn the lead story off`);
  }
  if (options.lead && options.lead.title !== undefined && options.lead.title.trim() === '') problems.push('lead.title must not be empty');
  if (problems.length > 0) throw new UsageError(`invalid draft options: ${problems.join('; ')}`);
}
