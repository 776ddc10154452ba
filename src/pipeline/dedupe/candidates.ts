import type { KeyPosting } from '../../model/index.js';

/**
 * Ranks the stories found under a new item's band keys. Each key a story shares counts
 * 1 / (stories under that key): a key held by one other story is nearly a match by itself; a key
 * of a common word held by fifty says little. Ties go to the more recent story, then the lower id.
 * Done here, above the StoryIndex port, so SQLite and memory choose the same candidates.
 */
export function rankCandidates(buckets: readonly (readonly KeyPosting[])[], limit: number): number[] {
  const score = new Map<number, number>();
  const latest = new Map<number, string | number>();
  const inBucket = new Set<number>();
  for (const postings of buckets) {
    inBucket.clear();
    for (const { storyId, at } of postings) {
      inBucket.add(storyId);
      const seen = latest.get(storyId);
      if (seen === undefined || at > seen) latest.set(storyId, at);
    }
    const weight = 1 / Math.max(1, inBucket.size);
    for (const storyId of inBucket) score.set(storyId, (score.get(storyId) ?? 0) + weight);
  }
  const ids = [...score.keys()];
  ids.sort((a, b) => {
    const byScore = score.get(b)! - score.get(a)!;
    if (byScore !== 0) return byScore;
    const la = latest.get(a)!;
    const lb = latest.get(b)!;
    return la < lb ? 1 : la > lb ? -1 : a - b;
  });
  return ids.slice(0, limit);
}
