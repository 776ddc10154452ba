import type { PreviousStory } from '../../model/index.js';
import { lateSince, linksByStory, type MemberLink, previousByStory, storiesToLink, storiesToTrace, toWindowCandidates, type MemberRow, type PreviousRow, type RepresentativeRow, type WindowCandidates } from '../rows/candidates.js';
import { all, type Queryable } from './queries.js';

/*
 * The window rule of sqlite/candidates.ts (IN_WINDOW): first published in [since, until), or
 * published up to LATE_ARRIVAL_HOURS earlier but first collected in the window. $1 since, $2
 * until, $3 the late-arrival bound.
 */
const IN_WINDOW = `s.last_seen >= $3 AND (
    (s.first_seen >= $1 AND s.first_seen < $2)
    OR (s.first_seen >= $3 AND s.first_seen < $1
        AND (SELECT MIN(x.fetched_at) >= $1 AND MIN(x.fetched_at) < $2 FROM items x WHERE x.story_id = s.id)))`;

/**
 * The stories of a draft window with their representative, coverage, "also covered by" and
 * labels; those whose representative is not classified yet are counted, not returned. Two queries.
 */
export async function storyCandidates(db: Queryable, window: { since: string; until: string }): Promise<WindowCandidates> {
  const reps = await all<RepresentativeRow>(
    db,
    `SELECT s.id AS story_id, s.first_seen, s.coverage, s.size, i.id AS item_id, i.feed_id, i.title,
       COALESCE(i.canonical_url, i.url) AS url, i.summary,
       i.published_at, i.date_source, i.topic, i.topic_scores, i.relevant, i.section, i.cves, i.victims,
       f.name AS feed_name, f.weight AS feed_weight, f.kind AS feed_kind
     FROM stories s JOIN items i ON i.id = s.representative_item_id JOIN feeds f ON f.id = i.feed_id
     WHERE ${IN_WINDOW}
     ORDER BY s.first_seen, s.id`,
    [window.since, window.until, lateSince(window)],
  );
  return toWindowCandidates(reps, await otherLinks(db, storiesToLink(reps)), await previousInThreads(db, storiesToTrace(reps)));
}

/** The earlier developments of each story's incident that a stored draft printed (sqlite/candidates.ts). */
async function previousInThreads(db: Queryable, storyIds: readonly number[]): Promise<Map<number, PreviousStory[]>> {
  if (storyIds.length === 0) return new Map();
  const rows = await all<PreviousRow>(
    db,
    `SELECT s.id AS story_id, p.id AS prev_story_id, e.title, d.number
     FROM unnest($1::bigint[]) AS w(id)
     JOIN stories s ON s.id = w.id
     JOIN stories p ON p.thread_id = s.thread_id AND p.id <> s.id AND p.first_seen <= s.first_seen
     JOIN draft_entries e ON e.story_id = p.id::text AND e.included
     JOIN drafts d ON d.id = e.draft_id AND d.sent_at IS NOT NULL
     ORDER BY s.id, d.number, p.id`,
    [storyIds],
  );
  return previousByStory(rows);
}

/** "Also covered by": each other feed's earliest member of each story, the feeds by weight. */
async function otherLinks(db: Queryable, storyIds: readonly number[]): Promise<Map<number, MemberLink[]>> {
  if (storyIds.length === 0) return new Map();
  const members = await all<MemberRow>(
    db,
    `SELECT story_id, feed_id, feed_name, title, url, summary FROM (
       SELECT m.story_id, m.feed_id, f.name AS feed_name, f.weight, m.title, COALESCE(m.canonical_url, m.url) AS url, m.summary, m.published_at,
         ROW_NUMBER() OVER (PARTITION BY m.story_id, m.feed_id ORDER BY m.published_at, m.id) AS nth
       FROM unnest($1::bigint[]) AS w(id)
       JOIN stories s ON s.id = w.id
       JOIN items r ON r.id = s.representative_item_id
       JOIN items m ON m.story_id = s.id
       JOIN feeds f ON f.id = m.feed_id
       WHERE m.feed_id <> r.feed_id
     ) ranked WHERE nth = 1
     ORDER BY story_id, weight DESC, published_at, feed_id`,
    [storyIds],
  );
  return linksByStory(members);
}

/** The window's classified stories not in draft `draftId` (ReviewRepository.poolCount). */
export async function poolCount(db: Queryable, draftId: number, window: { since: string; until: string }): Promise<number> {
  const rows = await all<{ count: number }>(
    db,
    `SELECT COUNT(*)::int AS count FROM stories s JOIN items i ON i.id = s.representative_item_id
     WHERE ${IN_WINDOW}
       AND i.topic IS NOT NULL AND i.section IS NOT NULL AND i.relevant IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM draft_entries e WHERE e.draft_id = $4 AND e.story_id = s.id::text)`,
    [window.since, window.until, lateSince(window), draftId],
  );
  return rows[0]?.count ?? 0;
}
