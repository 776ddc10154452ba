import { toEntry, type EntryRow } from '../rows/drafts.js';
import {
  changed,
  originalOf,
  revertTarget,
  snapshotJson,
  toEvent,
  type DraftEvent,
  type DraftHistory,
  type EditAction,
  type EntrySnapshot,
  type EventRow,
  type HistoryStep,
} from '../rows/draft-history.js';
import type { Db } from './database.js';
import { getEntryPlace, sectionOrder, writeOrder, type EntryRef } from './draft-edits.js';
import { insertEntry } from './drafts.js';
import { statement } from './statements.js';

/**
 * A draft's edit history (issue 19), one event per edit in the edit's transaction, and undo, redo
 * and "revert to original" over it (see ../rows/draft-history.ts for why whole snapshots).
 */

/** The entry with its place, or undefined when the draft has no such entry. */
export function entrySnapshot(db: Db, ref: EntryRef): EntrySnapshot | undefined {
  const row = statement(db, 'SELECT * FROM draft_entries WHERE draft_id = @draftId AND story_id = @storyId').get(ref) as (EntryRow & { position: number }) | undefined;
  return row ? { sectionId: row.section_id, position: row.position, entry: toEntry(row) } : undefined;
}

/**
 * Runs an edit of one entry and records it as an event, in one transaction: nothing when the edit
 * finds no entry (false) or changes nothing. A new event clears the redo stack.
 */
export function recorded(db: Db, ref: EntryRef, action: EditAction, at: string, edit: () => boolean): boolean {
  return db.transaction((): boolean => {
    const before = entrySnapshot(db, ref);
    if (!edit()) return false;
    const after = entrySnapshot(db, ref);
    if (changed(before, after)) appendEvent(db, ref, action, at, before, after);
    return true;
  })();
}

function appendEvent(db: Db, ref: EntryRef, action: EditAction, at: string, before: EntrySnapshot | undefined, after: EntrySnapshot | undefined): void {
  statement(db, 'DELETE FROM draft_events WHERE draft_id = ? AND undone = 1').run(ref.draftId);
  statement(
    db,
    `INSERT INTO draft_events (draft_id, seq, at, story_id, action, before, after, undone)
     VALUES (@draftId, (SELECT COALESCE(MAX(seq), 0) + 1 FROM draft_events WHERE draft_id = @draftId), @at, @storyId, @action, @before, @after, 0)`,
  ).run({ ...ref, at, action, before: snapshotJson(before), after: snapshotJson(after) });
}

/** Puts an entry back as `snapshot` says, at its place; null removes it (the undo of an add). */
function restore(db: Db, ref: EntryRef, snapshot: EntrySnapshot | null): void {
  const current = getEntryPlace(db, ref);
  if (current) {
    statement(db, 'DELETE FROM draft_entries WHERE draft_id = @draftId AND story_id = @storyId').run(ref);
    writeOrder(db, ref.draftId, current.sectionId, sectionOrder(db, ref.draftId, current.sectionId));
  }
  if (!snapshot) return;
  const order = sectionOrder(db, ref.draftId, snapshot.sectionId);
  insertEntry(db, ref.draftId, snapshot.sectionId, order.length, snapshot.entry);
  order.splice(Math.min(snapshot.position, order.length), 0, ref.storyId);
  writeOrder(db, ref.draftId, snapshot.sectionId, order);
}

const EVENT_COLUMNS = 'seq, at, story_id, action, before, after, undone';

/** Undoes the latest edit not undone yet; undefined when there is none. */
export function undoLast(db: Db, draftId: number): HistoryStep | undefined {
  return db.transaction((): HistoryStep | undefined => {
    const row = statement(db, `SELECT ${EVENT_COLUMNS} FROM draft_events WHERE draft_id = ? AND undone = 0 ORDER BY seq DESC LIMIT 1`).get(draftId) as EventRow | undefined;
    if (!row) return undefined;
    const event = toEvent(row);
    restore(db, { draftId, storyId: event.storyId }, event.before);
    statement(db, 'UPDATE draft_events SET undone = 1 WHERE draft_id = ? AND seq = ?').run(draftId, event.seq);
    return { storyId: event.storyId, action: event.action, undone: true };
  })();
}

/** Redoes the earliest undone edit; undefined when there is none. */
export function redoNext(db: Db, draftId: number): HistoryStep | undefined {
  return db.transaction((): HistoryStep | undefined => {
    const row = statement(db, `SELECT ${EVENT_COLUMNS} FROM draft_events WHERE draft_id = ? AND undone = 1 ORDER BY seq LIMIT 1`).get(draftId) as EventRow | undefined;
    if (!row) return undefined;
    const event = toEvent(row);
    restore(db, { draftId, storyId: event.storyId }, event.after);
    statement(db, 'UPDATE draft_events SET undone = 0 WHERE draft_id = ? AND seq = ?').run(draftId, event.seq);
    return { storyId: event.storyId, action: event.action, undone: false };
  })();
}

/** One entry's events, oldest first (or newest first). */
export function entryEvents(db: Db, ref: EntryRef, newestFirst = false): DraftEvent[] {
  const rows = statement(
    db,
    `SELECT ${EVENT_COLUMNS} FROM draft_events WHERE draft_id = @draftId AND story_id = @storyId ORDER BY seq ${newestFirst ? 'DESC' : 'ASC'}`,
  ).all(ref) as EventRow[];
  return rows.map(toEvent);
}

/** "Revert to original" as one recorded event; false when the draft has no such entry. */
export function revertEntry(db: Db, ref: EntryRef, at: string): boolean {
  return recorded(db, ref, 'revert', at, () => {
    const current = entrySnapshot(db, ref);
    if (!current) return false;
    const original = originalOf(entryEvents(db, ref));
    if (original) restore(db, ref, revertTarget(current, original));
    return true;
  });
}

export function draftHistory(db: Db, draftId: number, limit: number): DraftHistory {
  const rows = statement(db, `SELECT ${EVENT_COLUMNS} FROM draft_events WHERE draft_id = ? ORDER BY seq DESC LIMIT ?`).all(draftId, limit) as EventRow[];
  const flags = statement(
    db,
    `SELECT EXISTS (SELECT 1 FROM draft_events WHERE draft_id = @draftId AND undone = 0) AS canUndo,
            EXISTS (SELECT 1 FROM draft_events WHERE draft_id = @draftId AND undone = 1) AS canRedo`,
  ).get({ draftId }) as { canUndo: number; canRedo: number };
  return { events: rows.map(toEvent), canUndo: flags.canUndo === 1, canRedo: flags.canRedo === 1 };
}
