import type { EventStory } from './event-story.js';
import type { Features } from './features.js';
import { TokenIds, VectorWeights, type TokenVector, type Weighted } from './token-vector.js';

/**
 * A token more than this many stories in memory use finds no candidates (it still counts in every
 * similarity): like a word of low IDF it tells no story apart, and walking its stories for every
 * new item made clustering quadratic (100,000 stored items: 800 s for 5,000 new ones). 50 rather
 * than 300 also ranks the candidates better: threads on the tuning part 0.611 / 0.379 → 0.696 / 0.552
 * (100 gives the same figures as 50, and costs more). 25 was tried: a little better on the tuning
 * part and ~5% faster, but against 1,000,000 stored items it found 960 of 1,000 planted retellings
 * (992 with 50; the issue asks 0.98).
 */
const MAX_TOKEN_STORIES = 50;

/**
 * The clusterer's inverted index: token → the stories in memory with a member using it (tokens of
 * weight ≥ 1: names, words, numbers, CVE ids). It finds candidate stories for a new item and counts
 * how many stories around a time name something (the window's own document frequency of a name).
 */
export class TokenIndex {
  /** The tokens' ids: the index and the stories' vectors are keyed by them. */
  private readonly tokenIds = new TokenIds();
  /**
   * Token id → stories, in the order they first used it: arrays rather than sets (seeding a window
   * of 100,000 items spent ~4.7 s of ~17 s adding to sets), each story once because `add` is called
   * before the member joins its story and skips the tokens the story already has.
   */
  private readonly byToken: (EventStory[] | undefined)[] = [];
  /** Numbers the searches: a story's `searchMark` says whether its `searchShared` is this search's. */
  private searches = 0;

  /** The item's tokens as ids of this index (every item is turned into one before it is searched or added). */
  vectorOf(features: Features): TokenVector {
    return this.tokenIds.vectorOf(features);
  }

  /** A member's weights as a view over its vector (the member keeps no map of its own). */
  weightsOf(vector: TokenVector): VectorWeights {
    return new VectorWeights(vector, this.tokenIds);
  }

  /** Indexes a new member's tokens under its story: call BEFORE the story takes the member. */
  add(story: EventStory, vector: Weighted): void {
    const known = story.centroid.ids;
    const { ids, weights } = vector;
    // Both sorted: one walk finds the ids the story does not have yet.
    let k = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      while (k < known.length && known[k]! < id) k++;
      if (weights[i]! < 1 || (k < known.length && known[k] === id)) continue;
      const stories = this.byToken[id];
      if (stories) stories.push(story);
      else {
        // Grown one slot at a time, never with a gap: a gap would make the array a dictionary.
        while (this.byToken.length < id) this.byToken.push(undefined);
        this.byToken[id] = [story];
      }
    }
  }

  remove(story: EventStory): void {
    for (const id of story.centroid.ids) {
      const stories = this.byToken[id];
      if (!stories) continue;
      const at = stories.indexOf(story);
      if (at >= 0) stories.splice(at, 1);
      if (stories.length === 0) this.byToken[id] = undefined;
    }
  }

  /**
   * Stories within `horizonMs` of `at` sharing tokens with the item, in the order first reached;
   * the weight each shares is its `searchShared`, valid until the next search.
   */
  pool(features: Features, vector: TokenVector, at: number, horizonMs: number): EventStory[] {
    const mark = ++this.searches;
    const found: EventStory[] = [];
    // In the features' token order: the shared weights sum as they always did.
    const { weightList } = features;
    const { inOrder } = vector;
    for (let i = 0; i < inOrder.length; i++) {
      const weight = weightList[i]!;
      if (weight < 1) continue;
      const stories = this.byToken[inOrder[i]!];
      if (!stories || stories.length > MAX_TOKEN_STORIES) continue;
      // A rarer token says more about which story an item tells (an IDF of the stories in memory).
      const rarity = weight / Math.log2(1 + stories.length);
      for (const story of stories) {
        if (!near(story, at, horizonMs)) continue;
        if (story.searchMark !== mark) {
          story.searchMark = mark;
          story.searchShared = 0;
          found.push(story);
        }
        story.searchShared += rarity;
      }
    }
    return found;
  }

  /** How many stories within `horizonMs` of `at` use `token` (weight ≥ 1), counted up to `limit`. */
  storiesUsing(token: string, at: number, horizonMs: number, limit: number): number {
    return this.countNear(token, at, horizonMs, limit);
  }

  /** How many stories within `horizonMs` of `at` name `name`, counted up to `limit` (then it stops). */
  storiesNaming(name: string, at: number, horizonMs: number, limit: number): number {
    return this.countNear(name, at, horizonMs, limit, (story) => story.hasName(name));
  }

  private countNear(token: string, at: number, horizonMs: number, limit: number, keep?: (story: EventStory) => boolean): number {
    const id = this.tokenIds.find(token);
    let n = 0;
    for (const story of (id === undefined ? undefined : this.byToken[id]) ?? []) {
      if (near(story, at, horizonMs) && (!keep || keep(story)) && ++n >= limit) break;
    }
    return n;
  }
}

/** Whether a story has a member within `horizonMs` of `at`. */
export function near(story: EventStory, at: number, horizonMs: number): boolean {
  return story.lastAt >= at - horizonMs && story.firstAt <= at + horizonMs;
}

/**
 * The `max` stories of a pool sharing the most weight (`searchShared`), ties by id, among those
 * `keep` accepts: a bounded insertion, not a sort of all.
 */
export function topCandidates(pool: readonly EventStory[], max: number, keep?: (story: EventStory) => boolean): EventStory[] {
  const top: EventStory[] = [];
  const before = (a: EventStory, b: EventStory) => a.searchShared > b.searchShared || (a.searchShared === b.searchShared && a.id < b.id);
  for (const story of pool) {
    if (keep && !keep(story)) continue;
    if (top.length === max && !before(story, top[top.length - 1]!)) continue;
    let i = top.length < max ? top.length : top.length - 1;
    if (top.length < max) top.push(story);
    else top[i] = story;
    while (i > 0 && before(top[i]!, top[i - 1]!)) {
      [top[i], top[i - 1]] = [top[i - 1]!, top[i]!];
      i--;
    }
  }
  return top;
}
