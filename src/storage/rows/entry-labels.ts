import { labelsOfRow, type LabelRow, type StoredClassification } from './classifications.js';

/*
 * The classifier's side of draft entries, as both engines read it (sqlite/entry-labels.ts,
 * postgres/entry-labels.ts): draft entries keep the story id as text; an entry added by hand
 * (`manual-…`) has no story and so no item.
 */

/**
 * The stories row id of an entry's story id; undefined for a manual entry. At most 15 digits: a
 * longer one is no story id (ids stay far below 2^53) and would not survive Number() or BIGINT.
 */
export function storyRowId(storyId: string): number | undefined {
  return /^\d{1,15}$/.test(storyId) ? Number(storyId) : undefined;
}

/** The row id of each entry's story id that has one. */
export function storyRowIds(storyIds: Iterable<string>): Map<string, number> {
  const rowIds = new Map<string, number>();
  for (const storyId of storyIds) {
    const id = storyRowId(storyId);
    if (id !== undefined) rowIds.set(storyId, id);
  }
  return rowIds;
}

/** How one member joined its story, as the review page's "why" shows it (issue 15). */
export interface StoryJoin {
  itemId: string;
  source: string;
  title: string;
  /** The stored evidence (pipeline/dedupe JoinEvidence as JSON). */
  evidence: string;
}

export interface StoryJoinRow {
  story_id: number;
  item_id: string;
  source: string;
  title: string;
  evidence: string;
}

/** The join rows by the entries' story ids, in the order read. */
export function joinsByStory(rowIds: ReadonlyMap<string, number>, rows: readonly StoryJoinRow[]): Map<string, StoryJoin[]> {
  const entryOf = new Map([...rowIds].map(([storyId, id]) => [id, storyId]));
  const joins = new Map<string, StoryJoin[]>();
  for (const row of rows) {
    const storyId = entryOf.get(Number(row.story_id));
    if (storyId === undefined) continue;
    let list = joins.get(storyId);
    if (!list) joins.set(storyId, (list = []));
    list.push({ itemId: row.item_id, source: row.source, title: row.title, evidence: row.evidence });
  }
  return joins;
}

/** The labels read for each story row id, by the entries' story ids; stories without a classified representative are absent. */
export function labelsByStory(rowIds: ReadonlyMap<string, number>, rows: readonly (LabelRow & { story_id: number })[]): Map<string, StoredClassification> {
  const byRowId = new Map(rows.map((row) => [row.story_id, row]));
  const labels = new Map<string, StoredClassification>();
  for (const [storyId, id] of rowIds) {
    const row = byRowId.get(id);
    const stored = row && labelsOfRow(row);
    if (stored) labels.set(storyId, stored);
  }
  return labels;
}
