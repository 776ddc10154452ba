import type { Draft, DraftEntry } from '../../model/index.js';
import { entryValues, toStoredDraft, type DraftRef, type DraftRow, type DraftSummary, type EntryRow, type SectionRow, type StoredDraft } from '../rows/drafts.js';
import { all, first, type Queryable } from './queries.js';

/** Saves a new draft with its sections and ordered entries (call inside a transaction); returns its id. */
export async function saveDraft(db: Queryable, draft: Draft): Promise<number> {
  const { id } = (await first<{ id: number }>(
    db,
    'INSERT INTO drafts (number, date, since, until, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [draft.number, draft.date, draft.window.since, draft.window.until, draft.createdAt],
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
       topic_scores, published_at, coverage, also_covered_by, victims, cves, score, rank_reasons, included, previously, undated)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`,
    [draftId, v.storyId, sectionId, position, v.title, v.url, v.source, v.sourceId, v.blurb, v.topic, v.topicScores, v.publishedAt,
      v.coverage, v.alsoCoveredBy, v.victims, v.cves, v.score, v.rankReasons, v.included, v.previously, v.undated],
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
    `SELECT d.number, d.date, d.since, d.until, d.created_at AS "createdAt",
       (SELECT COUNT(*)::int FROM draft_entries e WHERE e.draft_id = d.id AND e.included) AS entries
     FROM drafts d ORDER BY d.number DESC`,
  );
}

/** Stories placed in any earlier draft: they never reappear in a new one. */
export async function usedStoryIds(db: Queryable): Promise<Set<string>> {
  return new Set((await all<{ story_id: string }>(db, 'SELECT DISTINCT story_id FROM draft_entries')).map((row) => row.story_id));
}

/** The last draft's window end and the next draft's number, in one read. */
export async function draftSequence(db: Queryable): Promise<{ lastUntil: string | undefined; nextNumber: number }> {
  const row = await first<{ until: string | null; number: number | null }>(
    db,
    'SELECT (SELECT until FROM drafts ORDER BY number DESC LIMIT 1) AS until, (SELECT MAX(number) FROM drafts) AS number',
  );
  return { lastUntil: row?.until ?? undefined, nextNumber: (row?.number ?? 0) + 1 };
}
