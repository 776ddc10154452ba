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
import type { EntryRef } from '../sqlite/draft-edits.js';
import { getEntryPlace, lockDraft, sectionOrder, writeOrder } from './draft-edits.js';
import { insertEntry } from './drafts.js';
import { all, first, type Queryable } from './queries.js';

/*
 * A draft's edit history, as sqlite/draft-history.ts. Every function here runs inside the adapter's
 * transaction and locks the draft's row first (`lockDraft`): two edits of one draft then queue, so
 * they never take the same sequence number or restore over each other.
 */

export async function entrySnapshot(db: Queryable, ref: EntryRef): Promise<EntrySnapshot | undefined> {
  const row = await first<EntryRow & { position: number }>(db, 'SELECT * FROM draft_entries WHERE draft_id = $1 AND story_id = $2', [ref.draftId, ref.storyId]);
  return row ? { sectionId: row.section_id, position: row.position, entry: toEntry(row) } : undefined;
}

/** Runs an edit of one entry and records it as an event (call inside a transaction); see sqlite/draft-history.ts. */
export async function recorded(db: Queryable, ref: EntryRef, action: EditAction, at: string, edit: () => Promise<boolean>): Promise<boolean> {
  await lockDraft(db, ref.draftId);
  const before = await entrySnapshot(db, ref);
  if (!(await edit())) return false;
  const after = await entrySnapshot(db, ref);
  if (changed(before, after)) {
    await db.query('DELETE FROM draft_events WHERE draft_id = $1 AND undone', [ref.draftId]);
    await db.query(
      `INSERT INTO draft_events (draft_id, seq, at, story_id, action, before, after, undone)
       VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM draft_events WHERE draft_id = $1), $2, $3, $4, $5, $6, false)`,
      [ref.draftId, at, ref.storyId, action, snapshotJson(before), snapshotJson(after)],
    );
  }
  return true;
}

async function restore(db: Queryable, ref: EntryRef, snapshot: EntrySnapshot | null): Promise<void> {
  const current = await getEntryPlace(db, ref);
  if (current) {
    await db.query('DELETE FROM draft_entries WHERE draft_id = $1 AND story_id = $2', [ref.draftId, ref.storyId]);
    await writeOrder(db, ref.draftId, current.sectionId, await sectionOrder(db, ref.draftId, current.sectionId));
  }
  if (!snapshot) return;
  const order = await sectionOrder(db, ref.draftId, snapshot.sectionId);
  await insertEntry(db, ref.draftId, snapshot.sectionId, order.length, snapshot.entry);
  order.splice(Math.min(snapshot.position, order.length), 0, ref.storyId);
  await writeOrder(db, ref.draftId, snapshot.sectionId, order);
}

const EVENT_COLUMNS = 'seq, at, story_id, action, before, after, undone';

/** Undoes (undone: false → true) or redoes the next event of the draft's stack. */
export async function step(db: Queryable, draftId: number, undo: boolean): Promise<HistoryStep | undefined> {
  await lockDraft(db, draftId);
  const row = await first<EventRow>(
    db,
    undo
      ? `SELECT ${EVENT_COLUMNS} FROM draft_events WHERE draft_id = $1 AND NOT undone ORDER BY seq DESC LIMIT 1`
      : `SELECT ${EVENT_COLUMNS} FROM draft_events WHERE draft_id = $1 AND undone ORDER BY seq LIMIT 1`,
    [draftId],
  );
  if (!row) return undefined;
  const event = toEvent(row);
  await restore(db, { draftId, storyId: event.storyId }, undo ? event.before : event.after);
  await db.query('UPDATE draft_events SET undone = $3 WHERE draft_id = $1 AND seq = $2', [draftId, event.seq, undo]);
  return { storyId: event.storyId, action: event.action, undone: undo };
}

export async function entryEvents(db: Queryable, ref: EntryRef, newestFirst = false): Promise<DraftEvent[]> {
  const rows = await all<EventRow>(
    db,
    `SELECT ${EVENT_COLUMNS} FROM draft_events WHERE draft_id = $1 AND story_id = $2 ORDER BY seq ${newestFirst ? 'DESC' : 'ASC'}`,
    [ref.draftId, ref.storyId],
  );
  return rows.map(toEvent);
}

/** "Revert to original" as one recorded event (call inside a transaction). */
export function revertEntry(db: Queryable, ref: EntryRef, at: string): Promise<boolean> {
  return recorded(db, ref, 'revert', at, async () => {
    const current = await entrySnapshot(db, ref);
    if (!current) return false;
    const original = originalOf(await entryEvents(db, ref));
    if (original) await restore(db, ref, revertTarget(current, original));
    return true;
  });
}

export async function draftHistory(db: Queryable, draftId: number, limit: number): Promise<DraftHistory> {
  const rows = await all<EventRow>(db, `SELECT ${EVENT_COLUMNS} FROM draft_events WHERE draft_id = $1 ORDER BY seq DESC LIMIT $2`, [draftId, limit]);
  const flags = await first<{ can_undo: boolean; can_redo: boolean }>(
    db,
    `SELECT EXISTS (SELECT 1 FROM draft_events WHERE draft_id = $1 AND NOT undone) AS can_undo,
            EXISTS (SELECT 1 FROM draft_events WHERE draft_id = $1 AND undone) AS can_redo`,
    [draftId],
  );
  return { events: rows.map(toEvent), canUndo: flags?.can_undo === true, canRedo: flags?.can_redo === true };
}
