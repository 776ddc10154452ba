import type { Draft, DraftEntry, DraftSlot } from '../../model/index.js';
import { entryValues, toStoredDraft, type DraftRef, type DraftRow, type DraftSummary, type EntryRow, type SectionRow, type StoredDraft } from '../rows/drafts.js';
import { all, first, type Queryable } from './queries.js';

/** Saves a new draft with its sections and ordered entries (call inside a transaction); returns its id. */
export async function saveDraft(db: Queryable, draft: Draft): Promise<number> {
  const { id } = (await first<{ id: number }>(
    db,
    'INSERT INTO drafts (number, date, since, until, created_at, sent_at, slots) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
    [draft.number, draft.date, draft.window.since, draft.window.until, draft.createdAt, draft.sentAt, JSON.stringify(draft.slots)],
  ))!;
  for (const [position, section] of draft.sections.entries()) {
    await db.query('INSERT INTO draft_sections (draft_id, section_id, position, title, subtitle) VALUES ($1, $2, $3, $4, $5)', [
      id,
      section.id,
      position,
      section.title,
      section.subtitle,
    ]);
    for (const [entryPosition, entry] of section.entries.entries()) await insertEntry(db, id, section.id, entryPosition, entry);
  }
  return id;
}

/** Writes one entry at `position` of a section (the draft builder's entries and the editor's manual links). */
export async function insertEntry(db: Queryable, draftId: number, sectionId: string, position: number, entry: DraftEntry): Promise<void> {
  const v = entryValues(entry);
  await db.query(
    `INSERT INTO draft_entries (draft_id, story_id, section_id, position, title, url, source, source_id, blurb, topic,
       topic_scores, published_at, coverage, also_covered_by, victims, cves, score, rank_reasons, included, previously, undated, related, facts)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)`,
    [draftId, v.storyId, sectionId, position, v.title, v.url, v.source, v.sourceId, v.blurb, v.topic, v.topicScores, v.publishedAt,
      v.coverage, v.alsoCoveredBy, v.victims, v.cves, v.score, v.rankReasons, v.included, v.previously, v.undated, v.related, v.facts],
  );
}

export function findDraft(db: Queryable, number: number): Promise<DraftRef | undefined> {
  return first<DraftRef>(db, 'SELECT id, number FROM drafts WHERE number = $1', [number]);
}

/** A draft by number, or the latest when `number` is undefined. */
export async function loadDraft(db: Queryable, number?: number): Promise<StoredDraft | undefined> {
  const row =
    number === undefined
      ? await first<DraftRow>(db, 'SELECT * FROM drafts ORDER BY number DESC LIMIT 1')
      : await first<DraftRow>(db, 'SELECT * FROM drafts WHERE number = $1', [number]);
  if (!row) return undefined;
  const sections = await all<SectionRow>(
    db,
    'SELECT section_id, title, subtitle FROM draft_sections WHERE draft_id = $1 ORDER BY position',
    [row.id],
  );
  const entries = await all<EntryRow>(db, 'SELECT * FROM draft_entries WHERE draft_id = $1 ORDER BY section_id, position, seq', [row.id]);
  return toStoredDraft(row, sections, entries);
}

export function listDrafts(db: Queryable): Promise<DraftSummary[]> {
  return all<DraftSummary>(
    db,
    `SELECT d.number, d.date, d.since, d.until, d.created_at AS "createdAt", d.sent_at AS "sentAt",
       (SELECT COUNT(*)::int FROM draft_entries e WHERE e.draft_id = d.id AND e.included) AS entries
     FROM drafts d ORDER BY d.number DESC`,
  );
}

/** Stories placed in a sent issue: they never reappear in a new draft (an unsent draft uses up nothing). */
export async function usedStoryIds(db: Queryable): Promise<Set<string>> {
  const rows = await all<{ story_id: string }>(db, 'SELECT DISTINCT e.story_id FROM draft_entries e JOIN drafts d ON d.id = e.draft_id WHERE d.sent_at IS NOT NULL');
  return new Set(rows.map((row) => row.story_id));
}

/**
 * Where the next draft's window starts by default and the number it takes: after the last draft,
 * or, when it replaces draft `replacing`, after the draft before that one and with its number.
 */
export async function draftSequence(db: Queryable, replacing?: number): Promise<{ lastUntil: string | undefined; nextNumber: number }> {
  if (replacing !== undefined) {
    const row = await first<{ until: string }>(db, 'SELECT until FROM drafts WHERE number < $1 ORDER BY number DESC LIMIT 1', [replacing]);
    return { lastUntil: row?.until, nextNumber: replacing };
  }
  const row = await first<{ until: string | null; number: number | null }>(
    db,
    'SELECT (SELECT until FROM drafts ORDER BY number DESC LIMIT 1) AS until, (SELECT MAX(number) FROM drafts) AS number',
  );
  return { lastUntil: row?.until ?? undefined, nextNumber: (row?.number ?? 0) + 1 };
}

/** The latest draft of `date` not sent yet: the one a new `draft` for that date replaces. */
export function unsentDraftOn(db: Queryable, date: string): Promise<DraftRef | undefined> {
  return first<DraftRef>(db, 'SELECT id, number FROM drafts WHERE date = $1 AND sent_at IS NULL ORDER BY number DESC LIMIT 1', [date]);
}

/** Deletes a draft with its sections and entries (ON DELETE CASCADE); false when there is none. */
export async function deleteDraft(db: Queryable, id: number): Promise<boolean> {
  return ((await db.query('DELETE FROM drafts WHERE id = $1', [id])).rowCount ?? 0) > 0;
}

/** Marks a draft sent at `at` (or not sent: null); false when there is none. */
export async function setDraftSent(db: Queryable, id: number, at: string | null): Promise<boolean> {
  return ((await db.query('UPDATE drafts SET sent_at = $1 WHERE id = $2', [at, id])).rowCount ?? 0) > 0;
}

/** Sets one editor slot's text (null clears it); false when there is no such draft. */
export async function setDraftSlot(db: Queryable, id: number, slot: DraftSlot, text: string | null): Promise<boolean> {
  const result =
    text === null
      ? await db.query('UPDATE drafts SET slots = (slots::jsonb - $1::text)::text WHERE id = $2', [slot, id])
      : await db.query('UPDATE drafts SET slots = (slots::jsonb || jsonb_build_object($1::text, $2::text))::text WHERE id = $3', [slot, text, id]);
  return (result.rowCount ?? 0) > 0;
}

/** The sent_at of a draft, to tell "already sent" apart. */
export async function draftSentAt(db: Queryable, id: number): Promise<string | null> {
  return (await first<{ sent_at: string | null }>(db, 'SELECT sent_at FROM drafts WHERE id = $1', [id]))?.sent_at ?? null;
}
