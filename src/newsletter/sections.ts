import type { StoryCandidate } from '../model/draft.js';
import { UsageError } from '../model/errors.js';

/**
 * Which section a story goes to. Definitions are plain data so a config schema can validate and
 * override them later. A story goes to exactly one section, chosen by specificity, not by display
 * order: the first section (in list order) that names the story's primary topic wins; otherwise the
 * first catch-all section (no `topics`) for the story's classifier section. A section with
 * `victimsOnly` takes only stories that name a victim or report one (reportsVictim); the others go
 * on down the list. So the Wall of Shame can be listed last and still take breach and ransomware
 * news about a victim before Latest News, without Latest News having to repeat those topics as
 * exclusions. Among catch-alls, list order decides.
 *
 * A section may also ask for feed kinds (`kinds`: the representative's feeds.yaml `kind`) and feed
 * tags (`tags`: at least one of them) (issue 18, point 7). Such a section is specific too, like one
 * that names topics: "Government advisories" (`kinds: [government]`) takes a CISA story before the
 * Latest News catch-all does. Among specific sections, list order decides.
 */

/** How a section orders its entries after the limit is applied. */
export type SectionOrder =
  /** By score, best first. */
  | 'score'
  /** Grouped by primary topic (higher topic priority first), by score within a group. */
  | 'topic';

export interface SectionMatch {
  /** The classifier's section the story must carry. */
  section: StoryCandidate['section'];
  /** Primary topics that qualify; omitted means any topic (a catch-all). */
  topics?: readonly string[];
  /**
   * Only stories about a victim: the classifier named the organisation hit, or the headline reports
   * one (see `reportsVictim`). A story of the right topic without one (sanctions on a bulletproof
   * host, a new encryptor) falls through to the catch-all section.
   */
  victimsOnly?: boolean;
  /** Feed kinds (news, vendor, government, press) the story's representative must come from; omitted means any. */
  kinds?: readonly string[];
  /** Feed tags of which the story's representative must carry at least one; omitted means any. */
  tags?: readonly string[];
}

export interface SectionDefinition {
  /** Stable id, stored with the draft and used by exports. */
  id: string;
  title: string;
  subtitle: string | null;
  /** Most entries the section keeps; the rest are reported as overflow. */
  limit: number;
  match: SectionMatch;
  order: SectionOrder;
}

/**
 * The newsletter's sections, in display order, titled as the real newsletter titles them (issue
 * 18). Latest News is ordered by score: topic priority is already part of the score, and a flat
 * list without topic sub-headings would otherwise put a single-source vulnerability above a story
 * every outlet carried.
 */
export const DEFAULT_SECTIONS: readonly SectionDefinition[] = Object.freeze([
  {
    id: 'latest-news',
    title: 'New from our favorite blogs and journalists',
    subtitle: null,
    limit: 25,
    match: { section: 'news' },
    order: 'score',
  },
  {
    id: 'press-releases',
    title: 'Cybersecurity Industry Press Releases',
    subtitle: null,
    limit: 15,
    match: { section: 'press-release' },
    order: 'score',
  },
  {
    id: 'wall-of-shame',
    title: "Today's Cyber Wall of Shame",
    subtitle: null,
    limit: 10,
    match: { section: 'news', topics: ['data-breach', 'ransomware'], victimsOnly: true },
    order: 'score',
  },
]);

export type Placement =
  | { placed: true; section: SectionDefinition }
  | { placed: false; reason: 'irrelevant' | 'no-section' };

/**
 * Headline wording that reports an organisation being hit, read from the title only (a summary
 * mentions attacks in passing). Strong wording names the blow itself ("attack on", "hit by",
 * "offline after"); weak wording (a breach, a leak, "hits", an outage) is also how trends are told.
 * A headline about a trend or a prosecution reports no one being hit, whatever its wording
 * ("Ransomware payments hit record low", "Affiliate pleads guilty to extortion"); words that a
 * trend and a victim story share ("costs", "payment", "report", "falls") only outweigh weak wording:
 * "Gang claims attack on Acme, demands payment" is a victim story.
 */
const STRONG_VICTIM_HEADLINE =
  /\b(?:attack(?:s|ed)? on|hit by|hit with|breach at|claims? (?:an? )?(?:ransomware |cyber)?attack|victim of|(?:offline|down) after)\b/i;
const WEAK_VICTIM_HEADLINE =
  /\b(?:hits?|breach(?:es|ed)?|leak(?:s|ed)?|stole|stolen|steal(?:s)?|exposed?|notif(?:y|ies|ied)|notice of|disclos(?:es|ed|ure)|divert(?:s|ed)?|outage|offline|disrupt(?:s|ed|ion)|extort(?:s|ed|ion)|compromised?)\b/i;
const TREND_OR_PROSECUTION_HEADLINE =
  /\b(?:survey|study|record (?:high|low)|rise|rises|surge|trends?|pleads?|guilty|sentenced|charged|charges|indicted|convicted|extradited|arrested|sanctions?)\b/i;
const SHARED_WITH_TRENDS = /\b(?:report|costs?|payments?|fall|falls)\b/i;

/** Whether a story is about a victim: a named one, or a headline that reports one. */
export function reportsVictim(candidate: Pick<StoryCandidate, 'title' | 'victims'>): boolean {
  if (candidate.victims.length > 0) return true;
  const title = candidate.title;
  if (TREND_OR_PROSECUTION_HEADLINE.test(title)) return false;
  return STRONG_VICTIM_HEADLINE.test(title) || (WEAK_VICTIM_HEADLINE.test(title) && !SHARED_WITH_TRENDS.test(title));
}

/** Whether a section asks for more than the classifier's section (topics, feed kinds or tags). */
function isSpecific(match: SectionMatch): boolean {
  return match.topics !== undefined || match.kinds !== undefined || match.tags !== undefined;
}

function accepts(match: SectionMatch, candidate: StoryCandidate): boolean {
  if (match.section !== candidate.section) return false;
  if (match.topics !== undefined && !match.topics.includes(candidate.topic)) return false;
  if (match.kinds !== undefined && !match.kinds.includes(candidate.sourceKind)) return false;
  if (match.tags !== undefined && !match.tags.some((tag) => candidate.sourceTags.includes(tag))) return false;
  return !match.victimsOnly || reportsVictim(candidate);
}

export function assignSection(candidate: StoryCandidate, sections: readonly SectionDefinition[]): Placement {
  if (!candidate.relevant) return { placed: false, reason: 'irrelevant' };
  const section =
    sections.find((s) => isSpecific(s.match) && accepts(s.match, candidate)) ?? sections.find((s) => !isSpecific(s.match) && accepts(s.match, candidate));
  return section ? { placed: true, section } : { placed: false, reason: 'no-section' };
}

/** Every problem of a list of definitions (not only the first), as `sections[i].field: message`. */
export function sectionProblems(sections: readonly SectionDefinition[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  sections.forEach((s, i) => {
    const at = `sections[${i}]`;
    if (!/^[a-z0-9][a-z0-9-]*$/.test(s.id)) problems.push(`${at}.id: must be lower-case letters, digits and dashes (got "${s.id}")`);
    else if (seen.has(s.id)) problems.push(`${at}.id: duplicate section id "${s.id}"`);
    seen.add(s.id);
    if (s.title.trim() === '') problems.push(`${at}.title: must not be empty`);
    if (!Number.isInteger(s.limit) || s.limit < 0) problems.push(`${at}.limit: must be a whole number ≥ 0 (got ${s.limit})`);
    if (s.match.section !== 'news' && s.match.section !== 'press-release') {
      problems.push(`${at}.match.section: must be "news" or "press-release"`);
    }
    if (s.order !== 'score' && s.order !== 'topic') problems.push(`${at}.order: must be "score" or "topic"`);
    // An empty list would match nothing: a section that silently stays empty.
    if (s.match.kinds?.length === 0) problems.push(`${at}.match.kinds: must list at least one feed kind (omit it for any kind)`);
    if (s.match.tags?.length === 0) problems.push(`${at}.match.tags: must list at least one tag (omit it for any tag)`);
  });
  return problems;
}

export function assertValidSections(sections: readonly SectionDefinition[]): void {
  const problems = sectionProblems(sections);
  if (problems.length > 0) throw new UsageError(`invalid newsletter sections:\n  ${problems.join('\n  ')}`);
}
