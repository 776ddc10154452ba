import type { LabelRow, StoredClassification } from '../rows/classifications.js';
import { joinsByStory, labelsByStory, storyRowId, storyRowIds, type StoryJoin, type StoryJoinRow } from '../rows/entry-labels.js';
import { LABEL_COLUMNS } from './classifications.js';
import { all, first, type Queryable } from './queries.js';

/*
 * The classifier's side of draft entries (as sqlite/entry-labels.ts): an entry's story id is text;
 * one added by hand (`manual-…`) has no story and so no item (rows/entry-labels.ts).
 */

/** The representative item of an entry's story (for a correction of its labels). */
export async function representativeItemId(db: Queryable, storyId: string): Promise<string | undefined> {
  const id = storyRowId(storyId);
  if (id === undefined) return undefined;
  return (await first<{ item_id: string }>(db, 'SELECT representative_item_id AS item_id FROM stories WHERE id = $1', [id]))?.item_id;
}

/** How each story's members joined it (sqlite/entry-labels.ts storyJoins). */
export async function storyJoins(db: Queryable, storyIds: Iterable<string>): Promise<Map<string, StoryJoin[]>> {
  const rowIds = storyRowIds(storyIds);
  if (rowIds.size === 0) return new Map();
  const rows = await all<StoryJoinRow>(
    db,
    `SELECT i.story_id, i.id AS item_id, f.name AS source, i.title, i.story_evidence AS evidence
     FROM items i JOIN feeds f ON f.id = i.feed_id
     WHERE i.story_id = ANY($1::bigint[]) AND i.story_evidence IS NOT NULL ORDER BY i.story_id, i.published_at, i.id`,
    [[...rowIds.values()]],
  );
  return joinsByStory(rowIds, rows);
}

/** The stored labels of each story's representative item, by story id, in one query. */
export async function representativeLabels(db: Queryable, storyIds: Iterable<string>): Promise<Map<string, StoredClassification>> {
  const rowIds = storyRowIds(storyIds);
  if (rowIds.size === 0) return new Map();
  const rows = await all<LabelRow & { story_id: number }>(
    db,
    `SELECT s.id AS story_id, ${LABEL_COLUMNS.split(', ').map((column) => `i.${column}`).join(', ')}
     FROM stories s JOIN items i ON i.id = s.representative_item_id
     WHERE s.id = ANY($1::bigint[]) AND i.topic IS NOT NULL`,
    [[...rowIds.values()]],
  );
  return labelsByStory(rowIds, rows);
}
