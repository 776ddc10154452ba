import type { DedupeItem, DedupeSettings, StoryIndex, StoryMatch } from '../../model/index.js';
import { rankCandidates } from './candidates.js';
import { FeatureCache, nameKey, storedKeys } from './signature.js';
import { NEAR_COPY, verify } from './verify.js';

/** Where one item went, and why. */
export interface Assignment {
  itemId: string;
  storyId: number;
  match: StoryMatch;
  /** Similarity to the member it matched (near), 1 for a URL match, null for a new story. */
  score: number | null;
  /** The earlier item it was found to duplicate. */
  matchedItemId: string | null;
}

/** Members of one candidate story compared with a new item (the most recent in the window). */
const MEMBERS_PER_STORY = 12;


const DAY_MS = 86_400_000;

function shift(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString();
}

/** A link to a site's home page says nothing about which story an item tells (broken feeds do that). */
export function isSiteRoot(canonicalUrl: string): boolean {
  try {
    const url = new URL(canonicalUrl);
    return (url.pathname === '/' || url.pathname === '') && url.search === '';
  } catch {
    return true;
  }
}

/**
 * Finds the story of one new item and records it in `index`: the story of an earlier item with
 * the same canonical URL (any age); else the best verified near-duplicate among the LSH candidate
 * stories published within `windowDays` of it; else a new story.
 *
 * A story is joined only if the item contradicts none of its recent members (different CVE ids,
 * different headline names, a different kind of item): one similar member is not enough to pull
 * an analysis piece or a side event into a story whose other reports say otherwise. On the
 * labelled real items this halved the false merges at no cost in recall.
 */
export function assignStory(item: DedupeItem, index: StoryIndex, settings: DedupeSettings, cache = new FeatureCache()): Assignment {
  const own = cache.features(item.id, item.title, item.summary);
  // Name keys are stored, never searched with: they only count how common a name is in the window.
  const { candidate: candidateKeys, stored: keys } = storedKeys(own, settings);
  const base = { itemId: item.id };
  if (item.urlHash && item.canonicalUrl && !isSiteRoot(item.canonicalUrl)) {
    const storyId = index.storyOfUrl(item.urlHash);
    if (storyId !== undefined) {
      index.joinStory(storyId, item, keys);
      return { ...base, storyId, match: 'url', score: 1, matchedItemId: null };
    }
  }
  const from = shift(item.publishedAt, -settings.windowDays);
  const to = shift(item.publishedAt, settings.windowDays);
  let best: { storyId: number; score: number; memberId: string } | undefined;
  const candidates = rankCandidates(index.postings(candidateKeys, from, to, settings.maxBucket), settings.maxCandidates);
  const context = { isCommon: commonNames(index, from, to, settings) };
  for (const storyId of candidates) {
    let storyBest: { storyId: number; score: number; memberId: string } | undefined;
    let hardVeto = false;
    let conflicts = 0;
    let supports = 0;
    for (const member of index.members(storyId, from, to, MEMBERS_PER_STORY)) {
      if (member.id === item.id) continue;
      const verdict = verify(own, cache.features(member.id, member.title, member.summary), settings, context);
      if (verdict.reason === 'different-cves') hardVeto = true;
      else if (verdict.reason.startsWith('different-')) conflicts++;
      if (verdict.same) supports++;
      if (verdict.same && (!storyBest || verdict.score > storyBest.score)) storyBest = { storyId, score: verdict.score, memberId: member.id };
    }
    const vetoed = hardVeto || conflicts >= supports;
    if (storyBest && !vetoed && (!best || storyBest.score > best.score)) best = storyBest;
    // A near-verbatim copy cannot be beaten: stop looking.
    if (best && best.score >= NEAR_COPY) break;
  }
  if (best) {
    index.joinStory(best.storyId, item, keys);
    return { ...base, storyId: best.storyId, match: 'near', score: best.score, matchedItemId: best.memberId };
  }
  return { ...base, storyId: index.createStory(item, keys), match: 'new', score: null, matchedItemId: null };
}

/**
 * Whether a name is common in the window: `commonNameStories` or more stories published in it
 * mention it (counted under its name key, signature.ts). A name that many stories of the week
 * mention ("Trump", "US", "Microsoft" in a busy month) is the setting of a story, not what tells
 * it apart from another; verify.ts ignores such names when it looks for headlines naming different
 * things. Memoized per item: each name costs one bounded index range.
 */
function commonNames(index: StoryIndex, from: string, to: string, settings: DedupeSettings): (name: string) => boolean {
  const known = new Map<string, boolean>();
  return (name) => {
    let common = known.get(name);
    if (common === undefined) {
      const stories = new Set(index.postings([nameKey(name)], from, to, settings.maxBucket)[0]!.map((p) => p.storyId));
      common = stories.size >= settings.commonNameStories;
      known.set(name, common);
    }
    return common;
  };
}

/**
 * Assigns a batch, earliest published first (ties by id) so a story's first member is its
 * earliest report whatever order the items came in; returns the assignments in input order.
 */
export function assignStories(
  items: readonly DedupeItem[],
  index: StoryIndex,
  settings: DedupeSettings,
  cache = new FeatureCache(),
): Assignment[] {
  const order = items.map((_, i) => i);
  order.sort((x, y) => {
    const a = items[x]!;
    const b = items[y]!;
    return a.publishedAt < b.publishedAt ? -1 : a.publishedAt > b.publishedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : x - y;
  });
  const result = new Array<Assignment>(items.length);
  for (const i of order) result[i] = assignStory(items[i]!, index, settings, cache);
  return result;
}
