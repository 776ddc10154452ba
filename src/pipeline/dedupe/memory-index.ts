import type { DedupeItem, KeyPosting, Story, StoryIndex, StoryMember } from '../../model/index.js';
import { compareRepresentatives } from './representative.js';

/** A story is its members: size, coverage, first and last seen are read off them. */
interface Entry {
  /** Sorted by publishedAt, then id. */
  members: DedupeItem[];
  feeds: Set<string>;
  representative: DedupeItem;
}

/** Shaped as the KeyPosting it is returned as (`at`: its item's publishedAt), so postings() copies nothing. */
interface Posting {
  readonly at: string;
  readonly storyId: number;
}

/** Inserts keeping `list` sorted by `key` (stable: after equal keys); batches arrive mostly in order. */
function insertSorted<T>(list: T[], value: T, key: (v: T) => string): void {
  const k = key(value);
  let lo = 0;
  let hi = list.length;
  if (hi > 0 && key(list[hi - 1]!) <= k) lo = hi;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(list[mid]!) <= k) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, value);
}

/** Index of the first element whose key is greater than `bound`. */
function upperBound<T>(list: readonly T[], bound: string, key: (v: T) => string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(list[mid]!) <= bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The newest `limit` elements with key in [from, to], newest first: a walk back from `to`. */
function newestInWindow<T>(list: readonly T[], from: string, to: string, limit: number, key: (v: T) => string): T[] {
  const out: T[] = [];
  for (let i = upperBound(list, to, key) - 1; i >= 0 && out.length < limit; i--) {
    if (key(list[i]!) < from) break;
    out.push(list[i]!);
  }
  return out;
}

const byAt = (p: Posting) => p.at;
/** Members in (publishedAt, id) order, as storage/stories.ts returns them. */
const byPublishedThenId = (m: { publishedAt: string; id: string }) => `${m.publishedAt}\u0000${m.id}`;

/**
 * A StoryIndex in memory, for `secdigest analyze` without a database and for the evaluation.
 * Same contract as the SQLite one (story-index.contract.ts); story ids count up from 1. Lists are
 * kept sorted by publication time so every lookup is a binary search and a bounded walk.
 */
export class MemoryStoryIndex implements StoryIndex {
  private readonly stories = new Map<number, Entry>();
  private readonly byUrl = new Map<string, number>();
  private readonly byKey = new Map<number, Posting[]>();

  storyOfUrl(urlHash: string): number | undefined {
    return this.byUrl.get(urlHash);
  }

  postings(keys: readonly number[], from: string, to: string, maxBucket: number): KeyPosting[][] {
    return [...new Set(keys)].map((key) =>
      newestInWindow(this.byKey.get(key) ?? [], from, to, maxBucket, byAt),
    );
  }

  members(storyId: number, from: string, to: string, limit: number): StoryMember[] {
    const entry = this.stories.get(storyId);
    if (!entry) return [];
    return newestInWindow(entry.members, from, `${to}\u0001`, limit, byPublishedThenId).map(({ id, title, summary, publishedAt }) => ({ id, title, summary, publishedAt }));
  }

  createStory(item: DedupeItem, keys: readonly number[]): number {
    const id = this.stories.size + 1;
    this.stories.set(id, { members: [item], feeds: new Set([item.feedId]), representative: item });
    this.index(id, item, keys);
    return id;
  }

  joinStory(storyId: number, item: DedupeItem, keys: readonly number[]): void {
    const entry = this.stories.get(storyId);
    if (!entry) throw new Error(`no story ${storyId}`);
    entry.feeds.add(item.feedId);
    insertSorted(entry.members, item, byPublishedThenId);
    if (compareRepresentatives(item, entry.representative) < 0) entry.representative = item;
    this.index(storyId, item, keys);
  }

  /** A story's record, for callers and tests. */
  story(storyId: number): Story | undefined {
    const entry = this.stories.get(storyId);
    if (!entry) return undefined;
    return {
      id: storyId,
      representativeItemId: entry.representative.id,
      firstSeen: entry.members[0]!.publishedAt,
      lastSeen: entry.members.at(-1)!.publishedAt,
      coverage: entry.feeds.size,
      size: entry.members.length,
    };
  }

  private index(storyId: number, item: DedupeItem, keys: readonly number[]): void {
    if (item.urlHash && !this.byUrl.has(item.urlHash)) this.byUrl.set(item.urlHash, storyId);
    for (const key of new Set(keys)) {
      let postings = this.byKey.get(key);
      if (!postings) this.byKey.set(key, (postings = []));
      insertSorted(postings, { at: item.publishedAt, storyId }, byAt);
    }
  }
}
