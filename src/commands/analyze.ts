import type { Classification, DedupeItem, FeedConfig, FeedKind, Item, ItemClassifications, Settings, StoryMatch } from '../model/index.js';
import { findStories, type JoinEvidence } from '../pipeline/dedupe/index.js';
import { canonicalizeUrl, contentHash, htmlToText, itemId, resolvePublishedAt, urlHash } from '../pipeline/normalize/index.js';
import type { IngestFeed, Storage } from '../storage/index.js';
import { analyzePending } from '../pipeline/analysis/index.js';
import { analyzeFeedId, type AnalyzeInput } from '../pipeline/parse/jsonl-items.js';
import { classifyItems, type ReadyClassifier } from '../pipeline/analysis/classifier.js';
import { toDedupeItem } from '../pipeline/analysis/stories.js';

/**
 * One output line of `secdigest analyze`: a public contract, documented in its --help. Built in
 * one place (toRecord) so that later stages (classification) add their fields there.
 */
export interface AnalyzeRecord {
  /** The input's id, as given (numbers as strings). */
  id: string;
  /** The input's url without tracking parameters, fragment and default port; null without a usable url. */
  canonicalUrl: string | null;
  /** Equal for inputs that tell the same story (one news event). With --db, the stored story's id. */
  storyId: number;
  /**
   * Equal for stories of one incident (attack, claim, disclosure, lawsuit…): the id of its first
   * story, which is `storyId` for a story that opened its thread.
   */
  threadId: number;
  /** new: opened a story; url: same canonical URL as an earlier item; near: near-duplicate; known: seen before. */
  match: StoryMatch;
  /** Similarity (0..1) to the item it matched; 1 for a URL match; null otherwise. */
  similarity: number | null;
  /**
   * Why it joined its story (rule url, copy or event) or continued an earlier story's thread (rule
   * thread, with previousStoryId): similarity to the story as a whole and to its closest member,
   * the names and CVE ids agreed, hours since the story's first report. Null for a plain new story
   * and for an item seen before.
   */
  storyEvidence: JoinEvidence | null;
  /** The primary topic (pipeline/classify); `other` for an irrelevant item. */
  topic: string;
  /** Every topic of the taxonomy with its 0..1 score, best first. */
  topics: Classification['topics'];
  relevant: boolean;
  relevanceScore: number;
  section: Classification['section'];
  cves: string[];
  victims: string[];
  /** Why: short reasons per decision (`topic`, `relevance`, `section`). */
  evidence: Classification['evidence'];
}

export interface AnalyzeDeps {
  settings: Settings;
  /** Configured feeds: an input whose `source` names one takes its weight and kind. */
  feeds: readonly FeedConfig[];
  now: () => Date;
  /** Match against and store into this storage (`--db`); in memory when absent. */
  storage?: Pick<Storage, 'analysis'>;
  /** The classifier (pipeline/analysis/classifier.ts: the database's newest model, else the shipped set's). */
  classifier: ReadyClassifier;
}

/** Where an item was filed, as a record reports it. */
interface Placement {
  storyId: number;
  threadId: number;
  match: StoryMatch;
  similarity: number | null;
  evidence: JoinEvidence | null;
}

function toRecord(item: Item, placement: Placement, labels: ItemClassifications): AnalyzeRecord {
  const c = labels.byItem.get(item.id);
  return {
    id: item.guid,
    canonicalUrl: item.canonicalUrl,
    storyId: placement.storyId,
    threadId: placement.threadId,
    match: placement.match,
    similarity: placement.similarity,
    storyEvidence: placement.evidence,
    // An item the classifier failed on (never expected) still gets a line, filed as unclassified.
    topic: c?.topic ?? 'other',
    topics: c?.topics ?? [],
    relevant: c?.relevant ?? false,
    relevanceScore: c?.relevanceScore ?? 0,
    section: c?.section ?? 'news',
    cves: c?.cves ?? [],
    victims: c?.victims ?? [],
    evidence: c?.evidence ?? { topic: ['not classified'], relevance: [], section: [] },
  };
}

/** The feed kind an input is classified (and, with --db, stored) as: its own, the configured feed's, else news. */
function kindOf(input: AnalyzeInput, configured: ReadonlyMap<string, FeedConfig>): FeedKind {
  return input.feedKind ?? (input.source ? configured.get(input.source)?.kind : undefined) ?? 'news';
}


/** An input as the Item collect would have stored: same cleaning, same identity rules. */
function toItem(input: AnalyzeInput, settings: Settings, fetchedAt: string): Item {
  const feedId = analyzeFeedId(input.source);
  const canonicalUrl = input.url ? canonicalizeUrl(input.url.trim()) : null;
  const title = htmlToText(input.title, settings.collect.titleMaxChars);
  const summary = htmlToText(input.summary, settings.collect.summaryMaxChars);
  return {
    id: itemId(feedId, input.id),
    feedId,
    guid: input.id,
    url: canonicalUrl === null ? null : input.url!.trim(),
    canonicalUrl,
    urlHash: canonicalUrl === null ? null : urlHash(canonicalUrl),
    title,
    summary,
    author: null,
    categories: [],
    // As collect reads a feed's dates: none or before 1990 is the run's time, a future one is clamped.
    publishedAt: resolvePublishedAt(input.publishedAt ?? undefined, undefined, new Date(fetchedAt)),
    fetchedAt,
    contentHash: contentHash(title, summary),
  };
}

/**
 * `secdigest analyze`: files a batch of items in stories as a whole, with collect's rules and
 * window (by publishedAt); returns one record per input, in input order.
 */
export async function analyzeItems(inputs: readonly AnalyzeInput[], deps: AnalyzeDeps): Promise<AnalyzeRecord[]> {
  const now = deps.now();
  const items = inputs.map((input) => toItem(input, deps.settings, now.toISOString()));
  const configured = new Map(deps.feeds.map((feed) => [feed.id, feed]));
  const weightOf = (input: AnalyzeInput) => (input.source ? configured.get(input.source)?.weight : undefined) ?? 1;
  // Classified before anything is stored, so labels go into the database with their items.
  const corrections = deps.storage ? await deps.storage.analysis.correctedLabels(items.map((item) => item.id)) : new Map<string, never>();
  const labels = classifyItems(deps.classifier, corrections, items.map((item, i) => ({ ...item, feedKind: kindOf(inputs[i]!, configured) })));
  return deps.storage ? analyzeInStorage(deps.storage, inputs, items, weightOf, deps, now, labels) : analyzeInMemory(inputs, items, weightOf, deps.settings, labels);
}

function analyzeInMemory(inputs: readonly AnalyzeInput[], items: Item[], weightOf: (input: AnalyzeInput) => number, settings: Settings, labels: ItemClassifications): AnalyzeRecord[] {
  // A repeated (source, id) is the same item: it gets the story of its first line.
  const first = new Map<string, number>();
  const unique: DedupeItem[] = [];
  items.forEach((item, i) => {
    if (first.has(item.id)) return;
    first.set(item.id, unique.length);
    unique.push(toDedupeItem(item, weightOf(inputs[i]!)));
  });
  const { assignments } = findStories(unique, settings.dedupe);
  const seen = new Set<string>();
  return items.map((item) => {
    const a = assignments[first.get(item.id)!]!;
    const repeated = seen.has(item.id);
    seen.add(item.id);
    const placement: Placement = repeated
      ? { storyId: a.storyId, threadId: a.threadId, match: 'known', similarity: null, evidence: null }
      : { storyId: a.storyId, threadId: a.threadId, match: a.match, similarity: a.score, evidence: a.evidence };
    return toRecord(item, placement, labels);
  });
}

/** What a stored item's evidence says of how it was filed (an item seen before is `known`). */
function placementOf(stored: { storyId: number; threadId: number; evidence: string | null }, isNew: boolean): Placement {
  const evidence = stored.evidence ? (JSON.parse(stored.evidence) as JoinEvidence) : null;
  if (!isNew) return { storyId: stored.storyId, threadId: stored.threadId, match: 'known', similarity: null, evidence: null };
  if (!evidence || evidence.rule === 'thread') return { storyId: stored.storyId, threadId: stored.threadId, match: 'new', similarity: null, evidence };
  const match: StoryMatch = evidence.rule === 'url' ? 'url' : 'near';
  return { storyId: stored.storyId, threadId: stored.threadId, match, similarity: evidence.memberSimilarity, evidence };
}

/**
 * With --db: the inputs are stored as items of pseudo-feeds `analyze:<source>` (kind from the
 * first line's `feedKind`, else the configured feed's, else news; weight the configured feed's,
 * else 1), pending analysis, and the analysis stage files them (with anything else pending) against
 * the database's stories exactly as after a collect. An input already stored (same source and id)
 * keeps its story ("known"); a changed one is updated in place.
 */
async function analyzeInStorage(
  storage: Pick<Storage, 'analysis'>,
  inputs: readonly AnalyzeInput[],
  items: Item[],
  weightOf: (input: AnalyzeInput) => number,
  deps: AnalyzeDeps,
  now: Date,
  labels: ItemClassifications,
): Promise<AnalyzeRecord[]> {
  const configured = new Map(deps.feeds.map((feed) => [feed.id, feed]));
  const feeds = new Map<string, IngestFeed>();
  inputs.forEach((input, i) => {
    const feedId = items[i]!.feedId;
    if (!feeds.has(feedId)) feeds.set(feedId, { id: feedId, name: input.source ?? 'stdin', url: feedId, kind: kindOf(input, configured), weight: weightOf(input) });
  });
  const before = await storage.analysis.storyOf(items.map((item) => item.id));
  await storage.analysis.ingest({ feeds: [...feeds.values()], items, now: now.toISOString() });
  await analyzePending({
    store: storage.analysis,
    settings: deps.settings,
    // The labels computed for the records (with the database's corrections) are the ones stored.
    classifier: async () => deps.classifier,
    now: deps.now,
  });
  const after = await storage.analysis.storyOf(items.map((item) => item.id));
  const reported = new Set<string>();
  return items.map((item) => {
    const stored = after.get(item.id);
    if (!stored) throw new Error(`item ${item.id} was stored but not filed in a story`);
    const isNew = !before.has(item.id) && !reported.has(item.id);
    reported.add(item.id);
    return toRecord(item, placementOf(stored, isNew), labels);
  });
}
