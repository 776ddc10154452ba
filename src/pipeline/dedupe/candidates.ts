import type { KeyPosting } from '../../model/index.js';

/** One story found under the keys: its score so far and its most recent posting. */
interface Ranked {
  storyId: number;
  score: number;
  latest: string | number;
  /** The last bucket it was counted in, so a story listed twice under one key counts once. */
  bucket: number;
}

/** Whether `a` ranks before `b`: higher score, then more recent, then lower id (a total order). */
function before(a: Ranked, b: Ranked): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (a.latest !== b.latest) return a.latest > b.latest;
  return a.storyId < b.storyId;
}

/**
 * Ranks the stories found under a new item's band keys. Each key a story shares counts
 * 1 / (stories under that key): a key held by one other story is nearly a match by itself; a key
 * of a common word held by fifty says little. Ties go to the more recent story, then the lower id.
 * Done here, above the StoryIndex port, so SQLite and memory choose the same candidates.
 *
 * Up to sixteen buckets of fifty postings name hundreds of stories and only `limit` are kept: they
 * are picked in one pass instead of sorting them all (the sort was most of this function's cost).
 * Each story's score adds its keys' weights in bucket order, so the sums are the same doubles.
 */
export function rankCandidates(buckets: readonly (readonly KeyPosting[])[], limit: number): number[] {
  if (limit <= 0) return [];
  const stories = new Map<number, Ranked>();
  const inBucket: Ranked[] = [];
  buckets.forEach((postings, bucket) => {
    inBucket.length = 0;
    for (const { storyId, at } of postings) {
      let story = stories.get(storyId);
      if (story === undefined) stories.set(storyId, (story = { storyId, score: 0, latest: at, bucket: -1 }));
      else if (at > story.latest) story.latest = at;
      if (story.bucket !== bucket) {
        story.bucket = bucket;
        inBucket.push(story);
      }
    }
    const weight = 1 / Math.max(1, inBucket.length);
    for (const story of inBucket) story.score += weight;
  });
  const top: Ranked[] = [];
  for (const story of stories.values()) {
    if (top.length === limit && !before(story, top[limit - 1]!)) continue;
    let i = Math.min(top.length, limit - 1);
    // Shift the weaker ones down one place; the last falls off when the list is full.
    while (i > 0 && before(story, top[i - 1]!)) {
      top[i] = top[i - 1]!;
      i--;
    }
    top[i] = story;
  }
  return top.map((story) => story.storyId);
}
