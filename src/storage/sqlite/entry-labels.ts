import type { LabelRow, StoredClassification } from '../rows/classifications.js';
import { joinsByStory, labelsByStory, storyRowId, storyRowIds, type StoryJoin, type StoryJoinRow } from '../rows/entry-labels.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

/*
 * The classifier's side of draft entries: the item that stands for an entry's story
 * (stories.representative_item_id) and that item's stored labels. Draft entries keep the story id
 * as text; an entry added by hand (`manual-…`) has no story and so no item (rows/entry-labels.ts).
 */

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
/** How each story's members joined it (those with stored evidence), earliest first, in one query. */
export function storyJoins(db: Db, storyIds: Iterable<string>): Map<string, StoryJoin[]> {
  const rowIds = storyRowIds(storyIds);
  if (rowIds.size === 0) return new Map();
  const rows = statement(
    db,
    `SELECT i.story_id, i.id AS item_id, f.name AS source, i.title, i.story_evidence AS evidence
     FROM json_each(?) w JOIN items i ON i.story_id = w.value JOIN feeds f ON f.id = i.feed_id
     WHERE i.story_evidence IS NOT NULL ORDER BY i.story_id, i.published_at, i.id`,
  ).all(JSON.stringify([...rowIds.values()])) as StoryJoinRow[];
  return joinsByStory(rowIds, rows);
}

export function representativeLabels(db: Db, storyIds: Iterable<string>): Map<string, StoredClassification> {
  const rowIds = storyRowIds(storyIds);
  if (rowIds.size === 0) return new Map();
  const rows = statement(
    db,
    `SELECT s.id AS story_id, i.topic, i.topic_scores, i.relevant, i.relevance_score, i.section, i.cves, i.victims, i.evidence, i.model_id
     FROM json_each(?) w JOIN stories s ON s.id = w.value JOIN items i ON i.id = s.representative_item_id
     WHERE i.topic IS NOT NULL`,
  ).all(JSON.stringify([...rowIds.values()])) as (LabelRow & { story_id: number })[];
  return labelsByStory(rowIds, rows);
}
