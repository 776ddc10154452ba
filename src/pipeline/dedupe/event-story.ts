import { differentEvents, type EventKind } from './event-kind.js';
import type { ComparedFeatures, Features } from './features.js';
import { addVectors, sharedRoots, type Weighted } from './token-vector.js';

/**
 * A member as the clusterer keeps it: what `verify` compares (its weights a view over its vector),
 * its tokens as ids, feed, kind of development and publication time (epoch ms).
 */
export interface StoryMemberFeatures {
  id: string;
  feedId: string;
  at: number;
  features: ComparedFeatures;
  vector: Weighted;
  events: ReadonlySet<EventKind>;
}

const EMPTY: Weighted = { ids: [], weights: [] };

/** Members a new item is verified against: the story's first report and its latest ones. */
const VERIFIED_MEMBERS = 12;

/**
 * One story in the clusterer's memory: its members, and their words summed into a centroid (the
 * story as a whole, which one similar member cannot drag towards a side event), the names and CVE
 * ids its members mention, and its time span. `firstAt` is the anchor an item's time is measured from.
 */
export class EventStory {
  readonly members: StoryMemberFeatures[] = [];
  /**
   * Token id → sum of its weight over the members, as sorted arrays; while the story has one member,
   * that member's own vector (most stories never get a second member: no copy).
   */
  centroid: Weighted = EMPTY;
  centroidMass = 0;
  /** Name or CVE id → members mentioning it. */
  private readonly names = new Map<string, number>();
  /** Names and CVE ids in its members' headlines → members. */
  private readonly titleNames = new Map<string, number>();
  firstAt = Infinity;
  lastAt = -Infinity;
  /**
   * Scratch space of the clusterer's search for ONE item at a time (token-index.ts `pool`,
   * `centroidSimilarity`): the search it belongs to, the weight shared with the item and the
   * similarity to it. Kept on the story so a search allocates no map per item.
   */
  searchMark = 0;
  searchShared = 0;
  similarityMark = 0;
  similarity = 0;

  constructor(
    public id: number,
    public threadId: number,
  ) {}

  /** The stored story began before the members loaded: its span is measured from then. */
  anchor(firstSeen: number): void {
    if (!Number.isNaN(firstSeen)) this.firstAt = Math.min(this.firstAt, firstSeen);
  }

  add(member: StoryMemberFeatures): void {
    this.members.push(member);
    this.centroidMass += member.features.mass;
    this.centroid = this.members.length === 1 ? member.vector : addVectors(this.centroid, member.vector);
    for (const name of member.features.names) this.names.set(name, (this.names.get(name) ?? 0) + 1);
    for (const cve of member.features.cves) this.names.set(cve, (this.names.get(cve) ?? 0) + 1);
    for (const name of member.features.titleNames) this.titleNames.set(name, (this.titleNames.get(name) ?? 0) + 1);
    this.firstAt = Math.min(this.firstAt, member.at);
    this.lastAt = Math.max(this.lastAt, member.at);
  }

  /** Whether every member comes from this feed (a feed never vouches for its own items). */
  onlyFrom(feedId: string): boolean {
    return this.members.every((m) => m.feedId === feedId);
  }

  /** Whether a member reports a different kind of development than `events` (event-kind.ts). */
  reportsOtherEvents(events: ReadonlySet<EventKind>): boolean {
    return this.members.some((m) => differentEvents(events, m.events));
  }

  hasName(name: string): boolean {
    return this.names.has(name);
  }

  /** The first member and the latest ones (members arrive in publication order). */
  recentMembers(): StoryMemberFeatures[] {
    const n = this.members.length;
    if (n <= VERIFIED_MEMBERS) return this.members;
    return [this.members[0]!, ...this.members.slice(n - VERIFIED_MEMBERS + 1)];
  }

  /**
   * The item's names and CVE ids this story mentions too, kept by `keep`; with `headlines`, only
   * those both the item's headline and a member's headline name (what both are about).
   */
  sharedNames(f: Features, keep: (name: string) => boolean, headlines = false): string[] {
    const theirs = headlines ? this.titleNames : this.names;
    const out: string[] = [];
    for (const cve of headlines ? f.titleNames : f.cves) if (f.cves.has(cve) && theirs.has(cve)) out.push(cve);
    for (const name of headlines ? f.titleNames : f.names) if (!f.cves.has(name) && theirs.has(name) && keep(name)) out.push(name);
    return out;
  }

  /**
   * Words the item's headline shares with a member's headline, kept by `keep`. Asked only of the
   * few stories that pass every other test of the event signature, so it walks the members rather
   * than keeping a map per story.
   */
  sharedTitleWords(f: Features, keep: (word: string) => boolean): string[] {
    return f.titleWords.filter((word) => this.members.some((m) => m.features.titleWords.includes(word)) && keep(word));
  }

  /** The CVE ids both the item's text and a member's give. */
  sharedCves(f: Features): string[] {
    return [...f.cves].filter((cve) => this.names.has(cve));
  }
}

/**
 * The item's similarity to a story as a whole: verify.ts's weighted cosine against the members'
 * average weights. For a one-member story it is the similarity to that member; a word only a few
 * members use counts for what share of the story uses it.
 */
export function centroidSimilarity(f: Features, vector: Weighted, story: EventStory): number {
  const size = story.members.length;
  if (f.mass === 0 || size === 0 || story.centroidMass === 0) return 0;
  return sharedRoots(vector, story.centroid, size) / Math.sqrt((f.mass * story.centroidMass) / size);
}

/**
 * `centroidSimilarity` remembered for the search `mark` (one item's event and thread searches look
 * at the same stories; nothing is added to a story between them).
 */
export function searchSimilarity(f: Features, vector: Weighted, story: EventStory, mark: number): number {
  if (story.similarityMark !== mark) {
    story.similarityMark = mark;
    story.similarity = centroidSimilarity(f, vector, story);
  }
  return story.similarity;
}
