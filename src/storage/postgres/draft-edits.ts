import type { DraftEntry } from '../../model/index.js';
import type { EntryLink } from '../rows/draft-history.js';
import type { EntryPlace, EntryRef } from '../sqlite/draft-edits.js';
import { insertEntry } from './drafts.js';
import { all, changes, first, type Queryable } from './queries.js';

/*
 * The review page's edits of a stored draft, as sqlite/draft-edits.ts. The edits that read an
 * order before writing it (move, moveToSection, addEntry) run in the adapter's transaction and
 * lock the draft's row first (`lockDraft`): under READ COMMITTED two such edits would otherwise
 * both read the same order and one would undo the other.
 */

export function getEntryPlace(db: Queryable, ref: EntryRef): Promise<EntryPlace | undefined> {
  return first<EntryPlace>(
    db,
    'SELECT section_id AS "sectionId", position, topic, title FROM draft_entries WHERE draft_id = $1 AND story_id = $2',
    [ref.draftId, ref.storyId],
  );
}

/** Serializes the order-changing edits of one draft until the transaction ends. */
export async function lockDraft(db: Queryable, draftId: number): Promise<void> {
  await db.query('SELECT id FROM drafts WHERE id = $1 FOR UPDATE', [draftId]);
}

// The column comes from this closed union, never from the caller's text.
async function update(db: Queryable, ref: EntryRef, column: 'included' | 'title' | 'blurb' | 'topic', value: string | boolean | null): Promise<boolean> {
  return (await changes(db, `UPDATE draft_entries SET ${column} = $3 WHERE draft_id = $1 AND story_id = $2`, [ref.draftId, ref.storyId, value])) === 1;
}

/** Each resolves false when the draft has no such entry. */
export const setEntryIncluded = (db: Queryable, ref: EntryRef, included: boolean) => update(db, ref, 'included', included);
export const setEntryTitle = (db: Queryable, ref: EntryRef, title: string) => update(db, ref, 'title', title);
export const setEntryBlurb = (db: Queryable, ref: EntryRef, blurb: string | null) => update(db, ref, 'blurb', blurb);
export const setEntryTopic = (db: Queryable, ref: EntryRef, topic: string) => update(db, ref, 'topic', topic);

/** The entry's victims (JSON text, as SQLite); false when there is no such entry. */
export async function setEntryVictims(db: Queryable, ref: EntryRef, victims: readonly string[]): Promise<boolean> {
  return (await changes(db, 'UPDATE draft_entries SET victims = $3 WHERE draft_id = $1 AND story_id = $2', [ref.draftId, ref.storyId, JSON.stringify(victims)])) === 1;
}

/** The entry's main link, its source and the other outlets together; false when there is no such entry. */
export async function setEntryLink(db: Queryable, ref: EntryRef, link: EntryLink): Promise<boolean> {
  return (
    (await changes(
      db,
      'UPDATE draft_entries SET url = $3, source = $4, source_id = $5, also_covered_by = $6 WHERE draft_id = $1 AND story_id = $2',
      [ref.draftId, ref.storyId, link.url, link.source, link.sourceId, JSON.stringify(link.alsoCoveredBy)],
    )) === 1
  );
}

/** Story ids of a section in display order (ties fall to insertion order, `seq`). */
export async function sectionOrder(db: Queryable, draftId: number, sectionId: string): Promise<string[]> {
  const rows = await all<{ story_id: string }>(db, 'SELECT story_id FROM draft_entries WHERE draft_id = $1 AND section_id = $2 ORDER BY position, seq', [draftId, sectionId]);
  return rows.map((row) => row.story_id);
}

/** Writes a section's order (dense positions from 0) in one statement. */
export async function writeOrder(db: Queryable, draftId: number, sectionId: string, storyIds: readonly string[]): Promise<void> {
  if (storyIds.length === 0) return;
  await db.query(
    `UPDATE draft_entries e SET section_id = $2, position = o.n - 1
     FROM unnest($3::text[]) WITH ORDINALITY AS o(story_id, n)
     WHERE e.draft_id = $1 AND e.story_id = o.story_id`,
    [draftId, sectionId, storyIds],
  );
}

/** Moves an entry one place up (-1) or down (+1) within its section, past excluded entries too (call inside a transaction). */
export async function moveEntry(db: Queryable, ref: EntryRef, step: -1 | 1): Promise<boolean> {
  await lockDraft(db, ref.draftId);
  const place = await getEntryPlace(db, ref);
  if (!place) return false;
  const order = await sectionOrder(db, ref.draftId, place.sectionId);
  const from = order.indexOf(ref.storyId);
  const to = from + step;
  if (to < 0 || to >= order.length) return true;
  [order[from], order[to]] = [order[to]!, order[from]!];
  await writeOrder(db, ref.draftId, place.sectionId, order);
  return true;
}

/**
 * Moves an entry to another section of the same draft, at `position` or at the end; returns the
 * section it left (call inside a transaction).
 */
export async function moveEntryToSection(db: Queryable, ref: EntryRef, sectionId: string, position?: number): Promise<string | undefined> {
  await lockDraft(db, ref.draftId);
  const place = await getEntryPlace(db, ref);
  if (!place) return undefined;
  if (place.sectionId === sectionId) return place.sectionId;
  await writeOrder(db, ref.draftId, place.sectionId, (await sectionOrder(db, ref.draftId, place.sectionId)).filter((id) => id !== ref.storyId));
  const order = await sectionOrder(db, ref.draftId, sectionId);
  order.splice(Math.min(position ?? order.length, order.length), 0, ref.storyId);
  await writeOrder(db, ref.draftId, sectionId, order);
  return place.sectionId;
}

export async function firstSectionId(db: Queryable, draftId: number): Promise<string | undefined> {
  return (await first<{ section_id: string }>(db, 'SELECT section_id FROM draft_sections WHERE draft_id = $1 ORDER BY position LIMIT 1', [draftId]))?.section_id;
}

export async function draftHasSection(db: Queryable, draftId: number, sectionId: string): Promise<boolean> {
  return (await first(db, 'SELECT 1 FROM draft_sections WHERE draft_id = $1 AND section_id = $2', [draftId, sectionId])) !== undefined;
}

/** Appends an entry the editor added by hand; false when the draft already has that story id (call inside a transaction). */
export async function addEntry(db: Queryable, draftId: number, sectionId: string, entry: DraftEntry): Promise<boolean> {
  await lockDraft(db, draftId);
  if (await getEntryPlace(db, { draftId, storyId: entry.storyId })) return false;
  await insertEntry(db, draftId, sectionId, (await sectionOrder(db, draftId, sectionId)).length, entry);
  return true;
}
