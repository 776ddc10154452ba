import type { EventStory } from './event-story.js';
import type { Features } from './features.js';

/**
 * A token more than this many stories in memory use finds no candidates (it still counts in every
 * similarity): like a word of low IDF it tells no story apart, and walking its stories for every
 * new item made clustering quadratic (100,000 stored items: 800 s for 5,000 new ones). 50 rather
 * than 300 also ranks the candidates better: threads on the tuning part 0.611 / 0.379 → 0.696 / 0.552
 * (100 gives the same figures as 50, and costs more).
 */
const MAX_TOKEN_STORIES = 50;

/**
 * The clusterer's inverted index: token → the stories in memory with a member using it (tokens of
 * weight ≥ 1: names, words, numbers, CVE ids). It finds candidate stories for a new item and counts
 * how many stories around a time name something (the window's own document frequency of a name).
 */
export class TokenIndex {
  private readonly byToken = new Map<string, Set<EventStory>>();

  add(story: EventStory, features: Features): void {
    for (const [token, weight] of features.weights) {
      if (weight < 1) continue;
      let set = this.byToken.get(token);
      if (!set) this.byToken.set(token, (set = new Set()));
      set.add(story);
    }
  }

  remove(story: EventStory): void {
    for (const token of story.tokens()) {
      const set = this.byToken.get(token);
      set?.delete(story);
      if (set?.size === 0) this.byToken.delete(token);
    }
  }

  /** Stories within `horizonMs` of `at` sharing tokens with the item, with the weight they share. */
  pool(features: Features, at: number, horizonMs: number): Map<EventStory, number> {
    const shared = new Map<EventStory, number>();
    for (const [token, weight] of features.weights) {
      if (weight < 1) continue;
      const set = this.byToken.get(token);
      if (!set || set.size > MAX_TOKEN_STORIES) continue;
      // A rarer token says more about which story an item tells (an IDF of the stories in memory).
      const rarity = weight / Math.log2(1 + set.size);
      for (const story of set) {
        if (!near(story, at, horizonMs)) continue;
        shared.set(story, (shared.get(story) ?? 0) + rarity);
      }
    }
    return shared;
  }

  /** How many stories within `horizonMs` of `at` name `name`, counted up to `limit` (then it stops). */
  storiesNaming(name: string, at: number, horizonMs: number, limit: number): number {
    const set = this.byToken.get(name);
    if (!set) return 0;
    let n = 0;
    for (const story of set) {
      if (near(story, at, horizonMs) && story.hasName(name) && ++n >= limit) break;
    }
    return n;
  }
}

/** Whether a story has a member within `horizonMs` of `at`. */
export function near(story: EventStory, at: number, horizonMs: number): boolean {
  return story.lastAt >= at - horizonMs && story.firstAt <= at + horizonMs;
}

/** The `max` stories sharing the most weight, ties by id: a bounded insertion, not a sort of all. */
export function topCandidates(shared: ReadonlyMap<EventStory, number>, max: number): EventStory[] {
  const top: [EventStory, number][] = [];
  const before = (a: [EventStory, number], b: [EventStory, number]) => a[1] > b[1] || (a[1] === b[1] && a[0].id < b[0].id);
  for (const entry of shared) {
    if (top.length === max && !before(entry, top[top.length - 1]!)) continue;
    let i = top.length < max ? top.length : top.length - 1;
    if (top.length < max) top.push(entry);
    else top[i] = entry;
    while (i > 0 && before(top[i]!, top[i - 1]!)) {
      [top[i], top[i - 1]] = [top[i - 1]!, top[i]!];
      i--;
    }
  }
  return top.map(([story]) => story);
}
