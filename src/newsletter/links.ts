import type { StoryCandidate } from '../model/draft.js';
import { safeHttpUrl } from './render/url.js';

/**
 * No link, no entry (issue 18, point 2): a newsletter line the reader cannot click is no line.
 * "A link" is what the renderers would print as one (render/url.ts: http or https, a real host),
 * so the draft never holds an entry that every export would show without its link.
 */

export function hasLink(url: string | null): boolean {
  return safeHttpUrl(url) !== null;
}

/**
 * The candidate with a link: as it is when its representative has one; else the first other outlet
 * with one becomes the main link, title and source (the rest stay "also covered by"); undefined
 * when no outlet has a link. Coverage, texts, labels and the feed's weight stay the story's: the
 * story is the same, only the line points to another telling of it.
 */
export function withLink(candidate: StoryCandidate): StoryCandidate | undefined {
  if (hasLink(candidate.url)) return candidate;
  const i = candidate.alsoCoveredBy.findIndex((l) => hasLink(l.url));
  if (i < 0) return undefined;
  const link = candidate.alsoCoveredBy[i]!;
  return {
    ...candidate,
    url: link.url,
    title: link.title.trim() !== '' ? link.title : candidate.title,
    source: link.source,
    sourceId: link.sourceId,
    alsoCoveredBy: candidate.alsoCoveredBy.filter((_, j) => j !== i),
  };
}
