/**
 * Dedupe: one story, one entry (issue 4). Pure functions of their inputs; the stories themselves
 * live behind the StoryIndex port (memory-index.ts here, storage/stories.ts in SQLite).
 *
 *   tokens/stem/stopwords/boilerplate → features (weighted salient tokens, CVE ids, headline names)
 *   → minhash → lsh band keys → candidate stories → verify → assign
 */
import type { DedupeItem, DedupeSettings } from '../../model/index.js';
import { assignStories, type Assignment } from './assign.js';
import { MemoryStoryIndex } from './memory-index.js';

export { assignStory, assignStories, isSiteRoot, MEMBERS_PER_STORY, type Assignment } from './assign.js';
export { MemoryStoryIndex } from './memory-index.js';
export { compareRepresentatives } from './representative.js';
export { fingerprint, FeatureCache, type Fingerprint } from './signature.js';
export { extractFeatures, type Features } from './features.js';
export { verify, similarity, type Verdict, type VerdictReason } from './verify.js';
export { bandKeys, candidateProbability } from './lsh.js';
export { minhash, estimateJaccard } from './minhash.js';
export { stripBoilerplate } from './boilerplate.js';

/** Stories of a batch on its own, in memory: what `analyze` does without --db, and the evaluation. */
export function findStories(items: readonly DedupeItem[], settings: DedupeSettings): { assignments: Assignment[]; index: MemoryStoryIndex } {
  const index = new MemoryStoryIndex();
  return { assignments: assignStories(items, index, settings), index };
}
