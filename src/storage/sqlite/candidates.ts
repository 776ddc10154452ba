import type { PreviousStory } from '../../model/index.js';
import { lateSince, linksByStory, type MemberLink, previousByStory, storiesToLink, storiesToTrace, toWindowCandidates, type MemberRow, type PreviousRow, type RepresentativeRow, type WindowCandidates } from '../rows/candidates.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

export { LATE_ARRIVAL_HOURS, type WindowCandidates } from '../rows/candidates.js';

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

function windowParams(window: { since: string; until: string }) {
  return { since: window.since, until: window.until, lateSince: lateSince(window) };
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
       i.published_at, i.date_source, i.topic, i.topic_scores, i.relevant, i.section, i.cves, i.victims,
       f.name AS feed_name, f.weight AS feed_weight, f.kind AS feed_kind
     FROM stories s JOIN items i ON i.id = s.representative_item_id JOIN feeds f ON f.id = i.feed_id
     WHERE ${IN_WINDOW}
     ORDER BY s.first_seen, s.id`,
  ).all(windowParams(window)) as RepresentativeRow[];
  return toWindowCandidates(reps, otherLinks(db, storiesToLink(reps)), previousInThreads(db, storiesToTrace(reps)));
}

/**
 * The earlier developments of each story's incident (issue 15): the other stories of its thread,
 * first seen no later than it, that a stored draft printed (included), oldest issue first.
 */
function previousInThreads(db: Db, storyIds: readonly number[]): Map<number, PreviousStory[]> {
  if (storyIds.length === 0) return new Map();
  const rows = statement(
    db,
    `SELECT s.id AS story_id, p.id AS prev_story_id, e.title, d.number
     FROM json_each(?) w
     JOIN stories s ON s.id = w.value
     JOIN stories p ON p.thread_id = s.thread_id AND p.id <> s.id AND p.first_seen <= s.first_seen
     JOIN draft_entries e ON e.story_id = CAST(p.id AS TEXT) AND e.included = 1
     JOIN drafts d ON d.id = e.draft_id AND d.sent_at IS NOT NULL
     ORDER BY s.id, d.number, p.id`,
  ).all(JSON.stringify(storyIds)) as PreviousRow[];
  return previousByStory(rows);
}

/**
 * "Also covered by" of the given stories: one row per (story, feed) other than the
 * representative's feed, that feed's earliest member. Takes the story ids the window query found
 * rather than filtering the window again.
 */
function otherLinks(db: Db, storyIds: readonly number[]): Map<number, MemberLink[]> {
  if (storyIds.length === 0) return new Map();
  const members = statement(
    db,
    `SELECT story_id, feed_id, feed_name, title, url, summary FROM (
       SELECT m.story_id, m.feed_id, f.name AS feed_name, f.weight, m.title, COALESCE(m.canonical_url, m.url) AS url, m.summary, m.published_at,
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
  return linksByStory(members);
}

/** The window's classified stories not in draft `draftId` (ReviewRepository.poolCount). */
export function poolCount(db: Db, draftId: number, window: { since: string; until: string }): number {
  return statement(
    db,
    `SELECT COUNT(*) FROM stories s JOIN items i ON i.id = s.representative_item_id
     WHERE ${IN_WINDOW}
       AND i.topic IS NOT NULL AND i.section IS NOT NULL AND i.relevant IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM draft_entries e WHERE e.draft_id = @draftId AND e.story_id = CAST(s.id AS TEXT))`,
  )
    .pluck()
    .get({ ...windowParams(window), draftId }) as number;
}
