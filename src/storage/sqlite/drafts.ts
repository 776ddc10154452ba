import type { Draft, DraftEntry, DraftSlot } from '../../model/index.js';
import { entryValues, toStoredDraft, type DraftRef, type DraftRow, type DraftSummary, type EntryRow, type SectionRow, type StoredDraft } from '../rows/drafts.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

export type { DraftRef, DraftSummary, StoredDraft } from '../rows/drafts.js';

/** Saves a new draft with its sections and ordered entries in one transaction; returns its id. */
export function saveDraft(db: Db, draft: Draft): number {
  return db.transaction((): number => {
    const { lastInsertRowid } = statement(db, 'INSERT INTO drafts (number, date, since, until, created_at, sent_at, slots) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      draft.number,
      draft.date,
      draft.window.since,
      draft.window.until,
      draft.createdAt,
      draft.sentAt,
      JSON.stringify(draft.slots),
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
       topic_scores, published_at, coverage, also_covered_by, victims, cves, score, rank_reasons, included, previously, undated, related, facts)
     VALUES (@draftId, @storyId, @sectionId, @position, @title, @url, @source, @sourceId, @blurb, @topic,
       @topicScores, @publishedAt, @coverage, @alsoCoveredBy, @victims, @cves, @score, @rankReasons, @included, @previously, @undated, @related, @facts)`,
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
    `SELECT d.number, d.date, d.since, d.until, d.created_at AS createdAt, d.sent_at AS sentAt,
       (SELECT COUNT(*) FROM draft_entries e WHERE e.draft_id = d.id AND e.included = 1) AS entries
     FROM drafts d ORDER BY d.number DESC`,
  ).all() as DraftSummary[];
}

/** Stories placed in a sent issue: they never reappear in a new draft (an unsent draft uses up nothing). */
export function usedStoryIds(db: Db): Set<string> {
  return new Set(
    statement(db, 'SELECT DISTINCT e.story_id FROM draft_entries e JOIN drafts d ON d.id = e.draft_id WHERE d.sent_at IS NOT NULL').pluck().all() as string[],
  );
}

/**
 * Where the next draft's window starts by default and the number it takes: after the last draft,
 * or, when it replaces draft `replacing`, after the draft before that one and with its number.
 */
export function draftSequence(db: Db, replacing?: number): { lastUntil: string | undefined; nextNumber: number } {
  if (replacing !== undefined) {
    const lastUntil = statement(db, 'SELECT until FROM drafts WHERE number < ? ORDER BY number DESC LIMIT 1').pluck().get(replacing) as string | undefined;
    return { lastUntil, nextNumber: replacing };
  }
  const lastUntil = statement(db, 'SELECT until FROM drafts ORDER BY number DESC LIMIT 1').pluck().get() as string | undefined;
  const max = statement(db, 'SELECT MAX(number) FROM drafts').pluck().get() as number | null;
  return { lastUntil, nextNumber: (max ?? 0) + 1 };
}

/** The latest draft of `date` not sent yet: the one a new `draft` for that date replaces. */
export function unsentDraftOn(db: Db, date: string): DraftRef | undefined {
  return statement(db, 'SELECT id, number FROM drafts WHERE date = ? AND sent_at IS NULL ORDER BY number DESC LIMIT 1').get(date) as DraftRef | undefined;
}

/** Deletes a draft with its sections and entries (ON DELETE CASCADE); false when there is none. */
export function deleteDraft(db: Db, id: number): boolean {
  return statement(db, 'DELETE FROM drafts WHERE id = ?').run(id).changes > 0;
}

/** Marks a draft sent at `at` (or not sent: null); false when there is none. */
export function setDraftSent(db: Db, id: number, at: string | null): boolean {
  return statement(db, 'UPDATE drafts SET sent_at = ? WHERE id = ?').run(at, id).changes > 0;
}

/** Sets one editor slot's text (null clears it); false when there is no such draft. */
export function setDraftSlot(db: Db, id: number, slot: DraftSlot, text: string | null): boolean {
  // The slot name is one of DRAFT_SLOTS (checked by the caller's type and the port), never free text.
  const sql = text === null ? "UPDATE drafts SET slots = json_remove(slots, '$.' || ?) WHERE id = ?" : "UPDATE drafts SET slots = json_set(slots, '$.' || ?, ?) WHERE id = ?";
  const args = text === null ? [slot, id] : [slot, text, id];
  return statement(db, sql).run(...args).changes > 0;
}

/** The sent_at of a draft, to tell "already sent" apart. */
export function draftSentAt(db: Db, id: number): string | null {
  return (statement(db, 'SELECT sent_at FROM drafts WHERE id = ?').pluck().get(id) as string | null | undefined) ?? null;
}
