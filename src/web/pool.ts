import { promotedEntry, weekPool, type PoolOptions, type PoolStory } from '../newsletter/pool.js';
import type { ReviewRepository, StoredDraft } from '../storage/index.js';
import { ReviewError } from './errors.js';
import { editorLink } from './page-info.js';

/**
 * The week's pool on the review page (issue 19, point 1): read the draft's window as the draft
 * command did, and promote a story of it into a section. The reasons and the entry's shape are the
 * newsletter stage's (newsletter/pool.ts); this module only reads, checks and writes.
 */
export interface PoolDeps {
  review: Pick<ReviewRepository, 'windowCandidates' | 'addEntry'>;
  /** The draft's build settings, as `secdigest draft` uses them (sections, priorities, weights, lead). */
  build: Omit<PoolOptions, 'usedStoryIds'>;
  /** A feed's tags in feeds.yaml (storage keeps none); sections may match on them. */
  feedTags?: (feedId: string) => readonly string[];
}

/** Every window story the draft does not hold, with why not. */
export async function readPool(deps: PoolDeps, draft: StoredDraft): Promise<PoolStory[]> {
  const basis = await deps.review.windowCandidates(draft.window);
  const candidates = basis.candidates.map((c) => ({ ...c, sourceTags: [...(deps.feedTags?.(c.sourceId) ?? [])] }));
  return weekPool(candidates, draft, { ...deps.build, usedStoryIds: basis.usedStoryIds });
}

/** How many window stories the draft does not hold (the draft page's link), counted by storage. */
export function poolSize(deps: { review: Pick<ReviewRepository, 'poolCount'> }, draft: StoredDraft): Promise<number> {
  return deps.review.poolCount(draft.id, draft.window);
}

/**
 * Adds a pool story to a section of the draft as an entry, recorded as `promote`. `fields`: the
 * form's `section`, and `url` for a story no outlet gave a link. Returns the story id.
 */
export async function promote(deps: PoolDeps, draft: StoredDraft, storyId: string, fields: Record<string, unknown>): Promise<string> {
  const sectionId = fields.section;
  if (typeof sectionId !== 'string' || sectionId === '') throw new ReviewError('bad-request', 'Choose the section to promote the story into.');
  if (!draft.sections.some((s) => s.id === sectionId)) throw new ReviewError('bad-request', `This draft has no section "${sectionId}".`);
  if (draft.sections.some((s) => s.entries.some((e) => e.storyId === storyId))) throw new ReviewError('conflict', 'That story is already in this draft.');
  const story = (await readPool(deps, draft)).find((p) => p.candidate.storyId === storyId);
  if (!story) throw new ReviewError('not-found', `Story ${storyId} is not in this draft's window.`);
  const typed = typeof fields.url === 'string' && fields.url.trim() !== '' ? editorLink(fields.url) : undefined;
  const entry = promotedEntry(story.candidate, draft, { ...deps.build, ...(typed ? { url: typed } : {}) });
  if (!entry) throw new ReviewError('bad-request', 'No outlet gave this story a link: type one (https://…) to promote it.');
  if (!(await deps.review.addEntry(draft.id, sectionId, entry, 'promote'))) throw new ReviewError('conflict', 'That story is already in this draft.');
  return storyId;
}
