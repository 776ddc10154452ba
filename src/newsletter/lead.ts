import { compareRanked, type RankedStory } from './rank.js';

/**
 * The lead story (issue 18, point 6): the issue opens with one story told at length. It is the
 * best-scored story placed in one of the listed sections, taken out of that section BEFORE limits
 * are cut, so the section still fills its whole limit and the lead never appears twice.
 */

export const LEAD_SECTION_ID = 'lead';
export const DEFAULT_LEAD_TITLE = 'Lead story';
export const DEFAULT_LEAD_FROM: readonly string[] = Object.freeze(['latest-news', 'wall-of-shame']);

export interface LeadOptions {
  /** Section ids the lead may come from; default Latest News and the Wall of Shame. */
  from?: readonly string[];
  /** The lead section's title; default "Lead story". */
  title?: string;
}

/**
 * Takes the lead out of `bySection` (each list best first) and returns it, or undefined when the
 * listed sections are empty. Ids not among the sections are ignored.
 */
export function takeLead(bySection: Map<string, RankedStory[]>, from: readonly string[] = DEFAULT_LEAD_FROM): RankedStory | undefined {
  let best: { sectionId: string; story: RankedStory } | undefined;
  // Sorted and deduplicated so the pick does not depend on how the editor listed them.
  for (const sectionId of [...new Set(from)].sort()) {
    const story = bySection.get(sectionId)?.[0];
    if (story && (best === undefined || compareRanked(story, best.story) < 0)) best = { sectionId, story };
  }
  if (!best) return undefined;
  bySection.get(best.sectionId)!.shift();
  return best.story;
}
