import type { DedupeItem, DedupeSettings, StoryContextMember, StoryMatch, StoryRef } from '../../model/index.js';
import type { Filing, JoinEvidence, StoryCopies } from './filing.js';
import { isSiteRoot } from './site-root.js';
import type { ComparedFeatures, Features } from './features.js';
import type { TokenVector } from './token-vector.js';
import { prepareItem, type PreparedItem } from './prepared.js';
import { differentEvents, type EventKind } from './event-kind.js';
import { NEAR_COPY, similarity, verify, type VerifyContext } from './verify.js';
import { centroidSimilarity, EventStory, searchSimilarity, type StoryMemberFeatures } from './event-story.js';
import { near, TokenIndex, topCandidates } from './token-index.js';

/**
 * Stories as events (issue 15). A new item joins a story when it matches the story AS A WHOLE
 * (its centroid, with members from other feeds vouching for it and fewer contradicting it) and lies
 * within `eventHours` of the story's FIRST report (clear coverage: up to LATE_DAYS): the window is
 * anchored, so a story cannot creep forward day by day the way nearest-member matching chained a
 * six-week incident into one story. A near
 * copy (the same wire text, the same release, the same URL) joins whatever its age. An item that
 * opens a story of its own is linked into the thread of an earlier story about the same subject
 * (same rare headline name or CVE, similar enough): attack → claim → disclosure → lawsuit.
 *
 * Pure and in memory: the analysis stage seeds it with the stored stories a batch can touch
 * (storage's story context), files the batch, and hands the filings to storage to write.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Stories scored per item, those sharing the most weight first. */
const MAX_CANDIDATES = 24;
/** The event signature (bestEvent): how close in time, and how rare the shared name (similarity: settings.signatureSimilarity). */
const SIGNATURE_HOURS = 36;
const RARE_NAME_STORIES = 2;
/**
 * A Title Case headline capitalizes every word, so its names go unseen ("European Authorities
 * Disrupt Cryptomixer"): a headline word of this many letters that at most RARE_WORD_STORIES stories
 * of the window use is the subject all the same. Tuning part: story recall 0.540 → 0.560, precision
 * unchanged (2 stories: 0.555).
 */
const RARE_WORD_LETTERS = 4;
const RARE_WORD_STORIES = 3;
/**
 * Coverage of one event that goes on past `eventHours` still joins it when it is clearly the same
 * event: this similar to the story as a whole, verified by this many members from other feeds, none
 * contradicting it, no other kind of development, and within LATE_DAYS of the FIRST report (the
 * anchor does not move, so a story spans five days at most: a week let a story of one development
 * take in the next one's first report). Tuning part, with the rare headline word: story precision
 * 0.631 → 0.645, recall 0.560 → 0.574 (0.579 with seven days).
 */
const LATE_SIMILARITY = 0.45;
const LATE_SUPPORTS = 2;
const LATE_DAYS = 5;
/** Below this similarity to a story of several members no member is verified (bestEvent). */
const CENTROID_FLOOR = 0.1;
/** A feed's re-post of its own item: nearly the same text (a daily series shares its boilerplate at 0.9). */
const SAME_FEED_COPY = 0.97;

/** An item's text as the clusterer compares it: prepared, with its tokens as the index's ids. */
interface ItemText {
  features: Features;
  vector: TokenVector;
  events: ReadonlySet<EventKind>;
}

export class StoryClusterer {
  private readonly stories = new Map<number, EventStory>();
  private readonly index = new TokenIndex();
  private readonly byUrl = new Map<string, number>();
  private readonly byCopy = new Map<string, number>();
  /** Items filed or seeded: a window loaded again skips them. */
  private readonly known = new Set<string>();

  constructor(
    private readonly settings: DedupeSettings,
    /** Ids for new stories (storage passes temporary negative ids, memory counts up). */
    private readonly newStoryId: () => number,
  ) {}

  /**
   * Stored members not seeded yet, in the order to seed them (published first, ties by id): an
   * overlapping window can be loaded again, its known members are skipped.
   */
  unseen(members: readonly StoryContextMember[]): StoryContextMember[] {
    const fresh = members.filter((m) => !this.known.has(m.id));
    return fresh.sort((a, b) => (a.publishedAt < b.publishedAt ? -1 : a.publishedAt > b.publishedAt ? 1 : a.id < b.id ? -1 : 1));
  }

  /** Seeds one stored member (in `unseen`'s order); `prepared` if its text was prepared already. */
  seedMember(m: StoryContextMember, prepared: PreparedItem = prepareItem(m.title, m.summary)): void {
    const story = this.storyFor(m.storyId, m.threadId);
    story.anchor(Date.parse(m.storyFirstSeen));
    const { features, events } = prepared;
    this.add(story, { id: m.id, feedId: m.feedId, at: Date.parse(m.publishedAt), features, vector: this.index.vectorOf(features), events });
    if (m.urlHash && !this.byUrl.has(m.urlHash)) this.byUrl.set(m.urlHash, m.storyId);
  }

  /** The stories storage found for a batch's URLs and copy keys (at any age). */
  seedCopies(copies: StoryCopies): void {
    for (const [map, refs] of [[this.byUrl, copies.byUrlHash], [this.byCopy, copies.byCopyKey]] as const) {
      for (const [k, ref] of refs ?? []) {
        if (map.has(k)) continue;
        this.remember(ref);
        map.set(k, ref.storyId);
      }
    }
  }

  /** New stories got their stored ids (`writeBatch`): every reference to a temporary id follows. */
  rename(ids: ReadonlyMap<number, number>): void {
    if (ids.size === 0) return;
    const to = (id: number) => ids.get(id) ?? id;
    for (const [temp, stored] of ids) {
      const story = this.stories.get(temp);
      if (!story) continue;
      this.stories.delete(temp);
      story.id = stored;
      this.stories.set(stored, story);
    }
    for (const story of this.stories.values()) story.threadId = to(story.threadId);
    for (const map of [this.byUrl, this.byCopy]) for (const [key, id] of map) if (ids.has(id)) map.set(key, to(id));
  }

  /** Threads of stories known only by a URL or copy key (outside the loaded window). */
  private readonly threadOf = new Map<number, number>();
  private remember(ref: StoryRef): void {
    if (!this.stories.has(ref.storyId)) this.threadOf.set(ref.storyId, ref.threadId);
  }

  private storyFor(id: number, threadId: number): EventStory {
    let story = this.stories.get(id);
    if (!story) this.stories.set(id, (story = new EventStory(id, threadId)));
    return story;
  }

  private add(story: EventStory, { id, feedId, at, features, vector, events }: StoryMemberFeatures & { vector: TokenVector }): void {
    this.known.add(id);
    // The index first: it skips the tokens the story has already.
    this.index.add(story, vector);
    // A member keeps what verify compares, its weights a view over its vector: neither the token
    // arrays nor a map of its own (~3.5 KB an item).
    const { mass, cves, titleNames, titleWords, names, titleCodes, subject, kind } = features;
    const compared: ComparedFeatures = { weights: this.index.weightsOf(vector), mass, cves, titleNames, titleWords, names, titleCodes, subject, kind };
    story.add({ id, feedId, at, features: compared, vector, events });
  }

  /** Files one item (call in publication order); `prepared` if its text was prepared already. */
  file(item: DedupeItem, prepared: PreparedItem = prepareItem(item.title, item.summary)): Filing {
    const { features, copyKey, events } = prepared;
    const vector = this.index.vectorOf(features);
    const at = Date.parse(item.publishedAt);
    const joinKnown = (storyId: number, rule: 'url' | 'copy'): Filing => {
      const story = this.stories.get(storyId);
      const threadId = story?.threadId ?? this.threadOf.get(storyId) ?? storyId;
      const evidence: JoinEvidence = {
        rule,
        storySimilarity: story ? round(centroidSimilarity(features, vector, story)) : 1,
        memberSimilarity: 1,
        matchedItemId: null,
        sharedNames: [],
        gapHours: story ? round((at - story.firstAt) / HOUR_MS) : 0,
      };
      return this.join(item, { features, vector, events }, at, storyId, threadId, rule === 'url' ? 'url' : 'near', 1, null, copyKey, evidence);
    };
    if (item.urlHash && item.canonicalUrl && !isSiteRoot(item.canonicalUrl)) {
      const storyId = this.byUrl.get(item.urlHash);
      if (storyId !== undefined) return joinKnown(storyId, 'url');
    }
    if (copyKey !== null) {
      const storyId = this.byCopy.get(copyKey);
      if (storyId !== undefined) return joinKnown(storyId, 'copy');
    }
    const context: VerifyContext = { isCommon: (name) => this.isCommon(name, at) };
    const text: ItemText = { features, vector, events };
    const event = this.bestEvent(item.feedId, text, at, context);
    if (event) {
      return this.join(item, text, at, event.story.id, event.story.threadId, 'near', event.evidence.memberSimilarity, event.evidence.matchedItemId, copyKey, event.evidence);
    }
    const id = this.newStoryId();
    const previous = this.bestThread(text, at, context);
    const story = this.storyFor(id, previous?.story.threadId ?? id);
    const filing: Filing = {
      itemId: item.id,
      storyId: id,
      threadId: story.threadId,
      match: 'new',
      score: null,
      matchedItemId: null,
      copyKey,
      evidence: previous ? { ...previous.evidence, rule: 'thread', previousStoryId: previous.story.id } : null,
    };
    this.record(story, item, text, at, copyKey);
    return filing;
  }

  private join(
    item: DedupeItem,
    text: ItemText,
    at: number,
    storyId: number,
    threadId: number,
    match: StoryMatch,
    score: number,
    matchedItemId: string | null,
    copyKey: string | null,
    evidence: JoinEvidence,
  ): Filing {
    this.record(this.storyFor(storyId, threadId), item, text, at, copyKey);
    return { itemId: item.id, storyId, threadId, match, score: round(score), matchedItemId, copyKey, evidence };
  }

  private record(story: EventStory, item: DedupeItem, { features, vector, events }: ItemText, at: number, copyKey: string | null): void {
    this.add(story, { id: item.id, feedId: item.feedId, at, features, vector, events });
    if (item.urlHash && item.canonicalUrl && !isSiteRoot(item.canonicalUrl) && !this.byUrl.has(item.urlHash)) this.byUrl.set(item.urlHash, story.id);
    if (copyKey !== null && !this.byCopy.has(copyKey)) this.byCopy.set(copyKey, story.id);
  }

  /** Stories sharing the most token weight with the item, among those with a member within `days`. */
  private candidates(text: ItemText, at: number, days: number): EventStory[] {
    const horizon = days * DAY_MS;
    const pool = this.pool(text, at);
    if (horizon >= pool.horizon) return topCandidates(pool.stories, MAX_CANDIDATES);
    return topCandidates(pool.stories, MAX_CANDIDATES, (story) => near(story, at, horizon));
  }

  /**
   * The last item's candidate pool: event and thread search share one pass over its tokens, and
   * its number (`mark`) keys the similarities they share (searchSimilarity).
   */
  private lastPool: { text: ItemText; at: number; horizon: number; stories: EventStory[]; mark: number } | undefined;
  private searches = 0;

  /** The pool within the widest horizon a search looks (threadDays, usually). */
  private pool(text: ItemText, at: number): { horizon: number; stories: EventStory[]; mark: number } {
    if (this.lastPool?.text === text && this.lastPool.at === at) return this.lastPool;
    const { threadDays, windowDays, eventHours } = this.settings;
    const horizon = Math.max(threadDays, windowDays, eventHours / 24) * DAY_MS;
    this.lastPool = { text, at, horizon, stories: this.index.pool(text.features, text.vector, at, horizon), mark: ++this.searches };
    return this.lastPool;
  }

  /**
   * The story the item retells, if any. Members from the item's own feed cannot vouch for it (a feed
   * does not report one event twice; its similar items are a series: daily podcasts, templated
   * vendor pages), only contradict it; a near copy of one of them still joins (a re-post).
   */
  private bestEvent(feedId: string, text: ItemText, at: number, context: VerifyContext): { story: EventStory; evidence: JoinEvidence } | undefined {
    const { settings } = this;
    const { features, vector, events } = text;
    const eventMs = settings.eventHours * HOUR_MS;
    const lateMs = Math.max(LATE_DAYS * DAY_MS, eventMs);
    let best: { story: EventStory; evidence: JoinEvidence; score: number } | undefined;
    const lowest = Math.min(settings.storySimilarity, settings.signatureSimilarity);
    for (const story of this.candidates(text, at, Math.max(settings.windowDays, settings.eventHours / 24))) {
      // Most candidates share a word or two and nothing else: the centroid, one pass over the
      // item's tokens, rules them out before each member is verified. A one-member story's centroid
      // is that member, so it cannot hide a near copy; a bigger story's can dilute one, hence the
      // lower bar there (an exact copy is found by its copy key anyway).
      const storySimilarity = searchSimilarity(features, vector, story, this.pool(text, at).mark);
      if (storySimilarity < (story.members.length === 1 ? lowest : CENTROID_FLOOR)) continue;
      let memberBest = 0;
      let matched: string | null = null;
      let supports = 0;
      let conflicts = 0;
      let hardVeto = false;
      let nearCopy = false;
      for (const member of story.recentMembers()) {
        const verdict = verify(features, member.features, settings, context);
        const sameFeed = member.feedId === feedId;
        if (verdict.reason === 'different-cves') hardVeto = true;
        else if (!sameFeed && (verdict.reason.startsWith('different-') || (verdict.same && differentEvents(events, member.events)))) conflicts++;
        else if (verdict.same && !sameFeed) supports++;
        if (verdict.score >= NEAR_COPY && (!sameFeed || verdict.score >= SAME_FEED_COPY)) nearCopy = true;
        if (verdict.score > memberBest) {
          memberBest = verdict.score;
          matched = member.id;
        }
      }
      const gap = Math.abs(at - story.firstAt);
      const inTime = gap <= eventMs ||
        (gap <= lateMs && supports >= LATE_SUPPORTS && conflicts === 0 && !hardVeto && storySimilarity >= LATE_SIMILARITY && !story.reportsOtherEvents(events));
      // The event signature: same-days coverage worded differently still names the same rare
      // subject in its headline (a victim, a product, a malware family) and reports no other kind
      // of development, and no more members' headlines name something it never mentions than
      // vouch for it (templated releases share rare words such as "Series" and differ in their
      // subjects; "Arizona AG Sues Temu" is the story of "Arizona Attorney General Sues … Temu"
      // even where one member's headline names something else too). Tuning part, "none" → "no
      // more than vouch": story recall 0.574 → 0.584, precision 0.645 → 0.647.
      const signature = !nearCopy && inTime && !hardVeto && conflicts <= supports && gap <= SIGNATURE_HOURS * HOUR_MS &&
        storySimilarity >= settings.signatureSimilarity && !story.reportsOtherEvents(events) && !story.onlyFrom(feedId) &&
        (story.sharedNames(features, (name) => this.isRare(name, at), true).length > 0 ||
          story.sharedTitleWords(features, (word) => word.length >= RARE_WORD_LETTERS && this.isRareWord(word, at)).length > 0);
      if (!nearCopy && !signature && (!inTime || hardVeto || supports === 0 || conflicts >= supports)) continue;
      if (!nearCopy && !signature && storySimilarity < settings.storySimilarity) continue;
      const score = nearCopy ? 2 + memberBest : storySimilarity + memberBest;
      if (!best || score > best.score) {
        best = {
          story,
          score,
          evidence: {
            rule: nearCopy ? 'copy' : signature && (supports === 0 || conflicts >= supports || storySimilarity < settings.storySimilarity) ? 'signature' : 'event',
            storySimilarity: round(storySimilarity),
            memberSimilarity: round(memberBest),
            matchedItemId: matched,
            sharedNames: story.sharedNames(features, (name) => !context.isCommon(name)),
            gapHours: round((at - story.firstAt) / HOUR_MS),
          },
        };
      }
    }
    return best;
  }

  /**
   * The earlier story whose thread a new story continues: within `threadDays`, sharing a rare
   * headline name or a CVE id with it (what the incident is about), and similar enough as a whole.
   */
  private bestThread(text: ItemText, at: number, context: VerifyContext): { story: EventStory; evidence: JoinEvidence } | undefined {
    const { settings } = this;
    const { features, vector } = text;
    let best: { story: EventStory; evidence: JoinEvidence; score: number } | undefined;
    for (const story of this.candidates(text, at, settings.threadDays)) {
      if (story.firstAt > at) continue;
      // Similarity first: it rules out most candidates, and costs less than the names now.
      const storySimilarity = searchSimilarity(features, vector, story, this.pool(text, at).mark);
      if (storySimilarity < settings.threadSimilarity) continue;
      // What the incident is about: a name both headlines give, or else a CVE id both texts give
      // (a vulnerability's exploitation report names it in its text, its KEV entry in its
      // headline; tuning part threads 0.669 / 0.492 → 0.682 / 0.520).
      let names = story.sharedNames(features, (name) => !context.isCommon(name), true);
      if (names.length === 0) names = story.sharedCves(features);
      if (names.length === 0) continue;
      let memberBest = 0;
      for (const member of story.recentMembers()) memberBest = Math.max(memberBest, similarity(features, member.features));
      const score = storySimilarity + memberBest;
      if (!best || score > best.score) {
        best = {
          story,
          score,
          evidence: {
            rule: 'thread',
            storySimilarity: round(storySimilarity),
            memberSimilarity: round(memberBest),
            matchedItemId: null,
            sharedNames: names,
            gapHours: round((at - story.firstAt) / HOUR_MS),
          },
        };
      }
    }
    return best;
  }

  /** A name at most RARE_NAME_STORIES stories around `at` mention: what one event is about. */
  private isRare(name: string, at: number): boolean {
    return this.index.storiesNaming(name, at, this.settings.windowDays * DAY_MS, RARE_NAME_STORIES + 1) <= RARE_NAME_STORIES;
  }

  /** A headline word at most RARE_WORD_STORIES stories around `at` use. */
  private isRareWord(word: string, at: number): boolean {
    return this.index.storiesUsing(word, at, this.settings.windowDays * DAY_MS, RARE_WORD_STORIES + 1) <= RARE_WORD_STORIES;
  }

  /** A name that `commonNameStories` or more stories around `at` mention: a setting, not a subject. */
  private isCommon(name: string, at: number): boolean {
    const { windowDays, commonNameStories } = this.settings;
    return this.index.storiesNaming(name, at, windowDays * DAY_MS, commonNameStories) >= commonNameStories;
  }

  /** Forgets stories whose last member is older than `before` (a long in-memory run). */
  evictBefore(before: number): void {
    for (const [id, story] of this.stories) {
      if (story.lastAt >= before) continue;
      this.stories.delete(id);
      this.index.remove(story);
    }
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
