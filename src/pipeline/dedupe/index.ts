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

export { assignStory, assignStories, type Assignment } from './assign.js';
export { fingerprint, FeatureCache } from './signature.js';
export { extractFeatures } from './features.js';
export { verify } from './verify.js';

/** Stories of a batch on its own, in memory: what `analyze` does without --db, and the evaluation. */
export function findStories(items: readonly DedupeItem[], settings: DedupeSettings): { assignments: Assignment[] } {
  return { assignments: assignStories(items, new MemoryStoryIndex(), settings) };
}
