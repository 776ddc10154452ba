import type { Draft, DraftEntry } from '../../model/index.js';
import { entryValues, toStoredDraft, type DraftRef, type DraftRow, type DraftSummary, type EntryRow, type SectionRow, type StoredDraft } from '../rows/drafts.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

export type { DraftRef, DraftSummary, StoredDraft } from '../rows/drafts.js';

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
       topic_scores, published_at, coverage, also_covered_by, victims, cves, score, rank_reasons, included, previously, undated)
     VALUES (@draftId, @storyId, @sectionId, @position, @title, @url, @source, @sourceId, @blurb, @topic,
       @topicScores, @publishedAt, @coverage, @alsoCoveredBy, @victims, @cves, @score, @rankReasons, @included, @previously, @undated)`,
  ).run({ draftId, sectionId, position, ...entryValues(entry), included: entry.included ? 1 : 0, undated: entry.undated ? 1 : 0 });
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
  const sections = statement(db, 'SELECT section_id, title, subtitle FROM draft_sections WHERE draft_id = ? ORDER BY position').all(row.id) as SectionRow[];
  const entries = statement(db, 'SELECT * FROM draft_entries WHERE draft_id = ? ORDER BY section_id, position').all(row.id) as EntryRow[];
  return toStoredDraft(row, sections, entries);
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
