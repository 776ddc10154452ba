import type { DraftEntry } from '../../model/index.js';
import type { EntryLink } from '../rows/draft-history.js';
import type { Db } from './database.js';
import { insertEntry } from './drafts.js';
import { statement } from './statements.js';

/**
 * The review page's edits of a stored draft (issue 7), each one small write applied at once.
 * drafts.ts saves and loads whole drafts; this module changes one entry in place. An entry is
 * addressed by its draft's row id and its story id (the table's primary key).
 */
export interface EntryRef {
  draftId: number;
  storyId: string;
}

/** The fields of one stored entry the edits need to read first. */
export interface EntryPlace {
  sectionId: string;
  position: number;
  topic: string;
  title: string;
}

export function getEntryPlace(db: Db, ref: EntryRef): EntryPlace | undefined {
  return statement(
    db,
    'SELECT section_id AS sectionId, position, topic, title FROM draft_entries WHERE draft_id = @draftId AND story_id = @storyId',
  ).get(ref) as EntryPlace | undefined;
}

function update(db: Db, ref: EntryRef, column: 'included' | 'title' | 'blurb' | 'topic', value: string | number | null): boolean {
  return statement(db, `UPDATE draft_entries SET ${column} = @value WHERE draft_id = @draftId AND story_id = @storyId`).run({ ...ref, value })
    .changes === 1;
}

/** Each returns false when the draft has no such entry. */
export const setEntryIncluded = (db: Db, ref: EntryRef, included: boolean): boolean => update(db, ref, 'included', included ? 1 : 0);
export const setEntryTitle = (db: Db, ref: EntryRef, title: string): boolean => update(db, ref, 'title', title);
export const setEntryBlurb = (db: Db, ref: EntryRef, blurb: string | null): boolean => update(db, ref, 'blurb', blurb);
export const setEntryTopic = (db: Db, ref: EntryRef, topic: string): boolean => update(db, ref, 'topic', topic);

/** The entry's victims (the Wall of Shame names victims[0]); false when there is no such entry. */
export function setEntryVictims(db: Db, ref: EntryRef, victims: readonly string[]): boolean {
  return statement(db, 'UPDATE draft_entries SET victims = @victims WHERE draft_id = @draftId AND story_id = @storyId').run({ ...ref, victims: JSON.stringify(victims) })
    .changes === 1;
}

/** The entry's main link, its source and the other outlets together; false when there is no such entry. */
export function setEntryLink(db: Db, ref: EntryRef, link: EntryLink): boolean {
  return statement(
    db,
    'UPDATE draft_entries SET url = @url, source = @source, source_id = @sourceId, also_covered_by = @also WHERE draft_id = @draftId AND story_id = @storyId',
  ).run({ ...ref, url: link.url, source: link.source, sourceId: link.sourceId, also: JSON.stringify(link.alsoCoveredBy) }).changes === 1;
}

/** Story ids of a section in display order (ties, which edits never make, fall to insertion order). */
export function sectionOrder(db: Db, draftId: number, sectionId: string): string[] {
  return statement(db, 'SELECT story_id FROM draft_entries WHERE draft_id = ? AND section_id = ? ORDER BY position, rowid')
    .pluck()
    .all(draftId, sectionId) as string[];
}

export function writeOrder(db: Db, draftId: number, sectionId: string, storyIds: readonly string[]): void {
  const set = statement(db, 'UPDATE draft_entries SET section_id = ?, position = ? WHERE draft_id = ? AND story_id = ?');
  storyIds.forEach((storyId, position) => set.run(sectionId, position, draftId, storyId));
}

/**
 * Moves an entry one place up (-1) or down (+1) within its section, past excluded entries too
 * (they keep their place so including one again puts it back where it was). Returns false when
 * there is no such entry; moving the first entry up is a no-op that returns true.
 */
export function moveEntry(db: Db, ref: EntryRef, step: -1 | 1): boolean {
  return db.transaction((): boolean => {
    const place = getEntryPlace(db, ref);
    if (!place) return false;
    const order = sectionOrder(db, ref.draftId, place.sectionId);
    const from = order.indexOf(ref.storyId);
    const to = from + step;
    if (to < 0 || to >= order.length) return true;
    [order[from], order[to]] = [order[to]!, order[from]!];
    writeOrder(db, ref.draftId, place.sectionId, order);
    return true;
  })();
}

/**
 * Moves an entry to another section of the same draft, at `position` (its place there before it
 * left, issue 19) or at the end; returns the section it left.
 */
export function moveEntryToSection(db: Db, ref: EntryRef, sectionId: string, position?: number): string | undefined {
  return db.transaction((): string | undefined => {
    const place = getEntryPlace(db, ref);
    if (!place) return undefined;
    if (place.sectionId === sectionId) return place.sectionId;
    writeOrder(db, ref.draftId, place.sectionId, sectionOrder(db, ref.draftId, place.sectionId).filter((id) => id !== ref.storyId));
    const order = sectionOrder(db, ref.draftId, sectionId);
    order.splice(Math.min(position ?? order.length, order.length), 0, ref.storyId);
    writeOrder(db, ref.draftId, sectionId, order);
    return place.sectionId;
  })();
}

/** The draft's first section (in display order), where an added link goes unless told otherwise. */
export function firstSectionId(db: Db, draftId: number): string | undefined {
  return statement(db, 'SELECT section_id FROM draft_sections WHERE draft_id = ? ORDER BY position LIMIT 1').pluck().get(draftId) as string | undefined;
}

export function draftHasSection(db: Db, draftId: number, sectionId: string): boolean {
  return statement(db, 'SELECT 1 FROM draft_sections WHERE draft_id = ? AND section_id = ?').get(draftId, sectionId) !== undefined;
}

/** Appends an entry the editor added by hand; false when the draft already has that story id. */
export function addEntry(db: Db, draftId: number, sectionId: string, entry: DraftEntry): boolean {
  return db.transaction((): boolean => {
    if (getEntryPlace(db, { draftId, storyId: entry.storyId })) return false;
    insertEntry(db, draftId, sectionId, sectionOrder(db, draftId, sectionId).length, entry);
    return true;
  })();
}
