import { labelsOfRow, type LabelRow, type StoredClassification } from './classifications.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

/*
 * The classifier's side of draft entries: the item that stands for an entry's story
 * (stories.representative_item_id) and that item's stored labels. Draft entries keep the story id
 * as text; an entry added by hand (`manual-…`) has no story and so no item.
 */
function storyRowId(storyId: string): number | undefined {
  return /^\d+$/.test(storyId) ? Number(storyId) : undefined;
}

/** The representative item of an entry's story (for a correction of its labels). */
export function representativeItemId(db: Db, storyId: string): string | undefined {
  const id = storyRowId(storyId);
  if (id === undefined) return undefined;
  return statement(db, 'SELECT representative_item_id FROM stories WHERE id = ?').pluck().get(id) as string | undefined;
}

/**
 * The stored labels of each story's representative item, by story id, in one query whatever the
 * number of stories (the review page shows them for every entry). Stories without a classified
 * representative, and manual entries, are absent. Read as classifications.ts getItemClassification
 * reads one item (`labelsOfRow`).
 */
export function representativeLabels(db: Db, storyIds: Iterable<string>): Map<string, StoredClassification> {
  const rowIds = new Map<string, number>();
  for (const storyId of storyIds) {
    const id = storyRowId(storyId);
    if (id !== undefined) rowIds.set(storyId, id);
  }
  const labels = new Map<string, StoredClassification>();
  if (rowIds.size === 0) return labels;
  const rows = statement(
    db,
    `SELECT s.id AS story_id, i.topic, i.topic_scores, i.relevant, i.relevance_score, i.section, i.cves, i.victims, i.evidence, i.model_id
     FROM json_each(?) w JOIN stories s ON s.id = w.value JOIN items i ON i.id = s.representative_item_id
     WHERE i.topic IS NOT NULL`,
  ).all(JSON.stringify([...rowIds.values()])) as (LabelRow & { story_id: number })[];
  const byRowId = new Map(rows.map((row) => [row.story_id, row]));
  for (const [storyId, id] of rowIds) {
    const row = byRowId.get(id);
    const stored = row && labelsOfRow(row);
    if (stored) labels.set(storyId, stored);
  }
  return labels;
}
