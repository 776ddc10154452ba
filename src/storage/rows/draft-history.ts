import type { DraftEntry, StoryCandidate, StoryLink } from '../../model/index.js';

/**
 * The review page's history of a draft (issue 19, point 2) as both engines store it
 * (sqlite/draft-history.ts, postgres/draft-history.ts): every edit of an entry is an event holding the
 * whole entry and its place before and after, written in the edit's transaction. Whole snapshots,
 * not diffs: undoing any edit (a move, a promote, a swapped link) is then the same one write, "put
 * this entry back as it was, where it was", and positions travel with it (a move back into a section
 * restores the entry's place).
 */

/** What an event records an edit as (the verbs of the page's actions). */
export const EDIT_ACTIONS = ['include', 'exclude', 'up', 'down', 'title', 'blurb', 'topic', 'section', 'add', 'promote', 'victim', 'main-link', 'link', 'revert'] as const;
export type EditAction = (typeof EDIT_ACTIONS)[number];

/** An entry as it was at one moment: its fields and its place (its index in its section's order). */
export interface EntrySnapshot {
  sectionId: string;
  position: number;
  entry: DraftEntry;
}

/** One recorded edit. `before` is null for an entry the edit added; `after` is never null (nothing deletes an entry). */
export interface DraftEvent {
  seq: number;
  at: string;
  storyId: string;
  action: EditAction;
  before: EntrySnapshot | null;
  after: EntrySnapshot | null;
  /** Undone and not redone yet: the redo stack. */
  undone: boolean;
}

/** A draft's recent history, newest first, and whether undo and redo have anything to do. */
export interface DraftHistory {
  events: DraftEvent[];
  canUndo: boolean;
  canRedo: boolean;
}

/** What an undo or a redo changed. */
export interface HistoryStep {
  storyId: string;
  action: EditAction;
  /** True for an undo, false for a redo. */
  undone: boolean;
}

/** The link fields an editor may change together (the main link among the outlets, a typed link). */
export interface EntryLink {
  url: string | null;
  source: string;
  sourceId: string;
  alsoCoveredBy: StoryLink[];
}

/** The window's classified stories with the stories sent issues used: what the week's pool is built from. */
export interface PoolBasis {
  candidates: StoryCandidate[];
  unclassified: number;
  usedStoryIds: ReadonlySet<string>;
}

export interface EventRow {
  seq: number;
  at: string;
  story_id: string;
  action: string;
  before: string | null;
  after: string | null;
  undone: boolean | number;
}

export function toEvent(row: EventRow): DraftEvent {
  return {
    seq: Number(row.seq),
    at: row.at,
    storyId: row.story_id,
    action: row.action as EditAction,
    before: parseSnapshot(row.before),
    after: parseSnapshot(row.after),
    undone: row.undone === true || row.undone === 1,
  };
}

function parseSnapshot(json: string | null): EntrySnapshot | null {
  if (json === null) return null;
  try {
    return JSON.parse(json) as EntrySnapshot;
  } catch {
    return null;
  }
}

export const snapshotJson = (snapshot: EntrySnapshot | null | undefined): string | null => (snapshot ? JSON.stringify(snapshot) : null);

/** Whether an edit changed anything (a move of the first entry up, a title set to itself: no event). */
export function changed(before: EntrySnapshot | undefined, after: EntrySnapshot | undefined): boolean {
  return snapshotJson(before) !== snapshotJson(after);
}

/**
 * "Revert to original": the entry as it is now, with the title, blurb, topic, section and place the
 * draft stored it with. `original` is the earliest event's `before` (the entry as drafted), or, for an
 * entry the editor added, that event's `after`. Inclusion, victim and links stay as they are now: they
 * have their own undo, and reverting the words should not bring an excluded story back.
 */
export function revertTarget(current: EntrySnapshot, original: EntrySnapshot): EntrySnapshot {
  const { title, blurb, topic } = original.entry;
  return { sectionId: original.sectionId, position: original.position, entry: { ...current.entry, title, blurb, topic } };
}

/** The entry as first stored, from its events oldest first; undefined when it was never edited. */
export function originalOf(events: readonly DraftEvent[]): EntrySnapshot | undefined {
  const first = events[0];
  return first ? (first.before ?? first.after ?? undefined) : undefined;
}

/**
 * Where the entry was in `sectionId` before the move that took it out, when its latest (not undone)
 * section move did that; else undefined (the entry then goes to the end of the section, as before).
 * `events`: the entry's events, newest first.
 */
export function placeBeforeMove(events: readonly DraftEvent[], sectionId: string): number | undefined {
  const move = events.find((e) => !e.undone && e.action === 'section');
  return move?.before?.sectionId === sectionId ? move.before.position : undefined;
}
