import type { Draft, DraftEntry, DraftSection } from '../../model/index.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

/** A stored draft: the issue plus its database id. */
export interface StoredDraft extends Draft {
  id: number;
}

/** Saves a new draft with its sections and ordered entries in one transaction; returns its id. */
export function saveDraft(db: Db, draft: Draft): number {
  return db.transaction((): number => {
    const { lastInsertRowid } = statement(db, 'INSERT INTO drafts (number, date, since, until, created_at) VALUES (?, ?, ?, ?, ?)').run(
      draft.number,
      draft.date,
      draft.window.since,
      draft.window.until,
      draft.createdAt,
    );
    const id = Number(lastInsertRowid);
    draft.sections.forEach((section, sectionPosition) => {
      statement(db, 'INSERT INTO draft_sections (draft_id, section_id, position, title, subtitle) VALUES (?, ?, ?, ?, ?)').run(
        id,
        section.id,
        sectionPosition,
        section.title,
        section.subtitle,
      );
      section.entries.forEach((entry, position) => insertEntry(db, id, section.id, position, entry));
    });
    return id;
  })();
}

/** Writes one entry at `position` of a section (the draft builder's entries and the editor's manual links). */
export function insertEntry(db: Db, draftId: number, sectionId: string, position: number, entry: DraftEntry): void {
  statement(
    db,
    `INSERT INTO draft_entries (draft_id, story_id, section_id, position, title, url, source, source_id, blurb, topic,
       topic_scores, published_at, coverage, also_covered_by, victims, cves, score, rank_reasons, included)
     VALUES (@draftId, @storyId, @sectionId, @position, @title, @url, @source, @sourceId, @blurb, @topic,
       @topicScores, @publishedAt, @coverage, @alsoCoveredBy, @victims, @cves, @score, @rankReasons, @included)`,
  ).run({
    draftId,
    sectionId,
    position,
    storyId: entry.storyId,
    title: entry.title,
    url: entry.url,
    source: entry.source,
    sourceId: entry.sourceId,
    blurb: entry.blurb,
    topic: entry.topic,
    topicScores: JSON.stringify(entry.topicScores),
    publishedAt: entry.publishedAt,
    coverage: entry.coverage,
    alsoCoveredBy: JSON.stringify(entry.alsoCoveredBy),
    victims: JSON.stringify(entry.victims),
    cves: JSON.stringify(entry.cves),
    score: entry.score,
    rankReasons: JSON.stringify(entry.rankReasons),
    included: entry.included ? 1 : 0,
  });
}

interface DraftRow {
  id: number;
  number: number;
  date: string;
  since: string;
  until: string;
  created_at: string;
}

interface EntryRow {
  story_id: string;
  section_id: string;
  title: string;
  url: string | null;
  source: string;
  source_id: string;
  blurb: string | null;
  topic: string;
  topic_scores: string;
  published_at: string;
  coverage: number;
  also_covered_by: string;
  victims: string;
  cves: string;
  score: number;
  rank_reasons: string;
  included: number;
}

/** A stored draft's row id and number, without its sections and entries. */
export interface DraftRef {
  id: number;
  number: number;
}

/** The draft numbered `number`, for callers that change it and need only its row id (the review page's edits). */
export function findDraft(db: Db, number: number): DraftRef | undefined {
  return statement(db, 'SELECT id, number FROM drafts WHERE number = ?').get(number) as DraftRef | undefined;
}

/** A draft by number, or the latest when `number` is undefined. */
export function loadDraft(db: Db, number?: number): StoredDraft | undefined {
  const row = (
    number === undefined
      ? statement(db, 'SELECT * FROM drafts ORDER BY number DESC LIMIT 1').get()
      : statement(db, 'SELECT * FROM drafts WHERE number = ?').get(number)
  ) as DraftRow | undefined;
  if (!row) return undefined;
  const sections = statement(db, 'SELECT section_id, title, subtitle FROM draft_sections WHERE draft_id = ? ORDER BY position').all(row.id) as {
    section_id: string;
    title: string;
    subtitle: string | null;
  }[];
  const entries = statement(db, 'SELECT * FROM draft_entries WHERE draft_id = ? ORDER BY section_id, position').all(row.id) as EntryRow[];
  return {
    id: row.id,
    number: row.number,
    date: row.date,
    window: { since: row.since, until: row.until },
    createdAt: row.created_at,
    sections: sections.map(
      (s): DraftSection => ({
        id: s.section_id,
        title: s.title,
        subtitle: s.subtitle,
        entries: entries.filter((e) => e.section_id === s.section_id).map(toEntry),
      }),
    ),
  };
}

function toEntry(row: EntryRow): DraftEntry {
  return {
    storyId: row.story_id,
    title: row.title,
    url: row.url,
    source: row.source,
    sourceId: row.source_id,
    blurb: row.blurb,
    topic: row.topic,
    topicScores: JSON.parse(row.topic_scores) as DraftEntry['topicScores'],
    publishedAt: row.published_at,
    coverage: row.coverage,
    alsoCoveredBy: JSON.parse(row.also_covered_by) as DraftEntry['alsoCoveredBy'],
    victims: JSON.parse(row.victims) as string[],
    cves: JSON.parse(row.cves) as string[],
    score: row.score,
    rankReasons: JSON.parse(row.rank_reasons) as string[],
    included: row.included === 1,
  };
}

export interface DraftSummary {
  number: number;
  date: string;
  since: string;
  until: string;
  createdAt: string;
  entries: number;
}

export function listDrafts(db: Db): DraftSummary[] {
  return statement(
    db,
    `SELECT d.number, d.date, d.since, d.until, d.created_at AS createdAt,
       (SELECT COUNT(*) FROM draft_entries e WHERE e.draft_id = d.id AND e.included = 1) AS entries
     FROM drafts d ORDER BY d.number DESC`,
  ).all() as DraftSummary[];
}

/** Stories placed in any earlier draft: they never reappear in a new one. */
export function usedStoryIds(db: Db): Set<string> {
  return new Set(statement(db, 'SELECT DISTINCT story_id FROM draft_entries').pluck().all() as string[]);
}

/** The last draft's window end: the default start of the next draft's window. */
export function lastDraftUntil(db: Db): string | undefined {
  return statement(db, 'SELECT until FROM drafts ORDER BY number DESC LIMIT 1').pluck().get() as string | undefined;
}

export function nextDraftNumber(db: Db): number {
  return ((statement(db, 'SELECT MAX(number) FROM drafts').pluck().get() as number | null) ?? 0) + 1;
}
