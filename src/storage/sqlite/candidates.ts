import type { StoryCandidate, StoryLink } from '../../model/index.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

/** The stories of a draft window, as the draft builder reads them. */
export interface WindowCandidates {
  /** Stories whose representative is classified, ordered by first sighting, then id. */
  candidates: StoryCandidate[];
  /** Stories of the window left out because their representative has no topic yet. */
  unclassified: number;
}

interface RepresentativeRow {
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
  topic: string | null;
  topic_scores: string;
  relevant: number | null;
  section: string | null;
  cves: string;
  victims: string;
  feed_name: string;
  feed_weight: number;
}

interface MemberRow {
  story_id: number;
  feed_id: string;
  feed_name: string;
  title: string;
  url: string | null;
}

/*
 * A story belongs to the window when it was first published in [since, until), or when it was
 * published a little earlier but first *collected* in the window: a feed polled at 06:10 can bring
 * an item published at 05:55, after the 06:00 draft closed its window, and the next draft's window
 * starts at 06:00. Without the second clause such a story would never be drafted. Stories already
 * used by an earlier draft are excluded by the builder, so overlapping windows never repeat one.
 * `last_seen >= @lateSince` lets the stories_last_seen index narrow the scan. The first collection
 * is read once per story: SQLite computes the two identical MIN() aggregates of one query once.
 */
const IN_WINDOW = `s.last_seen >= @lateSince AND (
    (s.first_seen >= @since AND s.first_seen < @until)
    OR (s.first_seen >= @lateSince AND s.first_seen < @since
        AND (SELECT MIN(x.fetched_at) >= @since AND MIN(x.fetched_at) < @until FROM items x WHERE x.story_id = s.id)))`;

/** How far before the window a story first collected in it may have been published. */
export const LATE_ARRIVAL_HOURS = 48;

function windowParams(window: { since: string; until: string }) {
  const lateSince = new Date(Date.parse(window.since) - LATE_ARRIVAL_HOURS * 3_600_000).toISOString();
  return { since: window.since, until: window.until, lateSince };
}

/**
 * The stories first seen in [since, until) (see IN_WINDOW for late arrivals): each story's representative item (title, link,
 * summary, feed), coverage, "also covered by" (one link per other feed: that feed's earliest
 * member) and the representative's classification. Links are canonical URLs (tracking parameters
 * such as utm_* removed) where the item has one. A story whose representative has not been
 * classified yet is counted in `unclassified`, not returned: the draft never guesses a section.
 */
export function storyCandidates(db: Db, window: { since: string; until: string }): WindowCandidates {
  const reps = statement(
    db,
    `SELECT s.id AS story_id, s.first_seen, s.coverage, s.size, i.id AS item_id, i.feed_id, i.title,
       COALESCE(i.canonical_url, i.url) AS url, i.summary,
       i.published_at, i.topic, i.topic_scores, i.relevant, i.section, i.cves, i.victims,
       f.name AS feed_name, f.weight AS feed_weight
     FROM stories s JOIN items i ON i.id = s.representative_item_id JOIN feeds f ON f.id = i.feed_id
     WHERE ${IN_WINDOW}
     ORDER BY s.first_seen, s.id`,
  ).all(windowParams(window)) as RepresentativeRow[];

  const classified = reps.filter((row) => row.topic !== null && row.section !== null && row.relevant !== null);
  const links = otherLinks(db, classified.filter((row) => row.size > 1).map((row) => row.story_id));
  return {
    candidates: classified.map((row) => toCandidate(row, links.get(row.story_id) ?? [])),
    unclassified: reps.length - classified.length,
  };
}

/**
 * "Also covered by" of the given stories: one row per (story, feed) other than the
 * representative's feed, that feed's earliest member. Takes the story ids the window query found
 * rather than filtering the window again.
 */
function otherLinks(db: Db, storyIds: readonly number[]): Map<number, StoryLink[]> {
  const links = new Map<number, StoryLink[]>();
  if (storyIds.length === 0) return links;
  const members = statement(
    db,
    `SELECT story_id, feed_id, feed_name, title, url FROM (
       SELECT m.story_id, m.feed_id, f.name AS feed_name, f.weight, m.title, COALESCE(m.canonical_url, m.url) AS url, m.published_at,
         ROW_NUMBER() OVER (PARTITION BY m.story_id, m.feed_id ORDER BY m.published_at, m.id) AS nth
       FROM json_each(?) w
       JOIN stories s ON s.id = w.value
       JOIN items r ON r.id = s.representative_item_id
       JOIN items m ON m.story_id = s.id
       JOIN feeds f ON f.id = m.feed_id
       WHERE m.feed_id <> r.feed_id
     ) WHERE nth = 1
     ORDER BY story_id, weight DESC, published_at, feed_id`,
  ).all(JSON.stringify(storyIds)) as MemberRow[];
  for (const m of members) {
    let list = links.get(m.story_id);
    if (!list) links.set(m.story_id, (list = []));
    list.push({ source: m.feed_name, sourceId: m.feed_id, title: m.title, url: m.url });
  }
  return links;
}

function toCandidate(row: RepresentativeRow, alsoCoveredBy: StoryLink[]): StoryCandidate {
  return {
    storyId: String(row.story_id),
    title: row.title,
    url: row.url,
    summary: row.summary,
    source: row.feed_name,
    sourceId: row.feed_id,
    sourceWeight: row.feed_weight,
    coverage: row.coverage,
    alsoCoveredBy,
    publishedAt: row.published_at,
    firstSeen: row.first_seen,
    topic: row.topic ?? 'other',
    topicScores: parseList<{ id: string; score: number }>(row.topic_scores),
    relevant: row.relevant === 1,
    section: row.section === 'press-release' ? 'press-release' : 'news',
    victims: parseList<string>(row.victims),
    cves: parseList<string>(row.cves),
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
