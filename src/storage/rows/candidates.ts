import type { PreviousStory, StoryCandidate, StoryLink, StoryText } from '../../model/index.js';
import { isSet, type Flag } from './flag.js';

/**
 * A draft window's stories as both engines read them (sqlite/candidates.ts, postgres/candidates.ts,
 * where the window rule and its reasons are): the rows their two queries return, and the
 * candidates the draft builder gets from them.
 */

/** The stories of a draft window, as the draft builder reads them. */
export interface WindowCandidates {
  /** Stories whose representative is classified, ordered by first sighting, then id. */
  candidates: StoryCandidate[];
  /** Stories of the window left out because their representative has no topic yet. */
  unclassified: number;
}

/** How far before the window a story first collected in it may have been published. */
export const LATE_ARRIVAL_HOURS = 48;

/** The earliest first publication of a story first collected in the window (the window rule's late arrivals). */
export function lateSince(window: { since: string }): string {
  return new Date(Date.parse(window.since) - LATE_ARRIVAL_HOURS * 3_600_000).toISOString();
}

/** A window story with its representative item, its labels and its feed. */
export interface RepresentativeRow {
  story_id: number;
  first_seen: string;
  coverage: number;
  size: number;
  item_id: string;
  feed_id: string;
  title: string;
  url: string | null;
  summary: string;
  published_at: string;
  /** Where published_at came from (null before schema 7). */
  date_source: string | null;
  topic: string | null;
  topic_scores: string;
  relevant: Flag | null;
  section: string | null;
  cves: string;
  victims: string;
  feed_name: string;
  feed_weight: number;
  feed_kind: string;
}

/** Another feed's earliest member of a story ("also covered by"), feeds by weight. */
export interface MemberRow {
  story_id: number;
  feed_id: string;
  feed_name: string;
  title: string;
  url: string | null;
  summary: string;
}

/** Another outlet's member as a link, with its summary (read for blurbs and key facts, never stored with the link). */
export interface MemberLink extends StoryLink {
  summary: string;
}

/** A story is drafted only once its representative is classified: the draft never guesses a section. */
function isClassified(row: RepresentativeRow): boolean {
  return row.topic !== null && row.section !== null && row.relevant !== null;
}

/** The stories whose "also covered by" links are worth reading: classified ones with more than one member. */
export function storiesToLink(reps: readonly RepresentativeRow[]): number[] {
  return reps.filter((row) => isClassified(row) && row.size > 1).map((row) => row.story_id);
}

/** The member rows as each story's links, in the order read. */
export function linksByStory(members: readonly MemberRow[]): Map<number, MemberLink[]> {
  const links = new Map<number, MemberLink[]>();
  for (const m of members) {
    let list = links.get(m.story_id);
    if (!list) links.set(m.story_id, (list = []));
    list.push({ source: m.feed_name, sourceId: m.feed_id, title: m.title, url: m.url, summary: m.summary ?? '' });
  }
  return links;
}

/** An earlier story of a candidate's thread, as a stored draft printed it (both engines' query). */
export interface PreviousRow {
  story_id: number;
  prev_story_id: number;
  title: string;
  number: number;
}

/** The stories whose earlier developments are worth reading: the classified ones. */
export function storiesToTrace(reps: readonly RepresentativeRow[]): number[] {
  return reps.filter(isClassified).map((row) => row.story_id);
}

/** Each story's earlier developments in the order read (oldest issue first), an earlier story once. */
export function previousByStory(rows: readonly PreviousRow[]): Map<number, PreviousStory[]> {
  const byStory = new Map<number, PreviousStory[]>();
  for (const row of rows) {
    let list = byStory.get(row.story_id);
    if (!list) byStory.set(row.story_id, (list = []));
    const storyId = String(row.prev_story_id);
    if (!list.some((p) => p.storyId === storyId)) list.push({ storyId, title: row.title, draftNumber: Number(row.number) });
  }
  return byStory;
}

/** The window's classified stories as candidates, the others counted. */
export function toWindowCandidates(
  reps: readonly RepresentativeRow[],
  links: ReadonlyMap<number, MemberLink[]>,
  previously: ReadonlyMap<number, PreviousStory[]> = new Map(),
): WindowCandidates {
  const classified = reps.filter(isClassified);
  return {
    candidates: classified.map((row) => toCandidate(row, links.get(row.story_id) ?? [], previously.get(row.story_id))),
    unclassified: reps.length - classified.length,
  };
}

function toCandidate(row: RepresentativeRow, members: MemberLink[], previously: PreviousStory[] | undefined): StoryCandidate {
  const alsoCoveredBy = members.map((m): StoryLink => ({ source: m.source, sourceId: m.sourceId, title: m.title, url: m.url }));
  const texts: StoryText[] = [{ source: row.feed_name, title: row.title, summary: row.summary }, ...members.map((m) => ({ source: m.source, title: m.title, summary: m.summary }))];
  return {
    storyId: String(row.story_id),
    title: row.title,
    url: row.url,
    summary: row.summary,
    source: row.feed_name,
    sourceId: row.feed_id,
    sourceWeight: row.feed_weight,
    sourceKind: row.feed_kind,
    // Tags live in feeds.yaml, not in storage: the draft command adds them from the config.
    sourceTags: [],
    texts,
    coverage: row.coverage,
    alsoCoveredBy,
    publishedAt: row.published_at,
    firstSeen: row.first_seen,
    topic: row.topic ?? 'other',
    topicScores: parseList<{ id: string; score: number }>(row.topic_scores),
    relevant: isSet(row.relevant),
    section: row.section === 'press-release' ? 'press-release' : 'news',
    victims: parseList<string>(row.victims),
    cves: parseList<string>(row.cves),
    ...(previously?.length ? { previously } : {}),
    // The feed gave no readable date: publishedAt is when it was fetched (issue 17).
    ...(row.date_source === 'missing' || row.date_source === 'unparseable' ? { undated: true } : {}),
  };
}

/** The JSON list columns are written by the classifier; a damaged one reads as empty, not a crash. */
function parseList<T>(json: string): T[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}
