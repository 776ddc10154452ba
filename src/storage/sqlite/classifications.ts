import type { Classification, CorrectionField } from '../../model/index.js';
import { labelsOfRow, labelValues, toClassify, type ItemToClassify, type LabelRow, type StoredClassification, type ToClassifyQuery, type ToClassifyRow } from '../rows/classifications.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

export type { ItemToClassify, StoredClassification, ToClassifyQuery } from '../rows/classifications.js';

/** The items columns of a classification (schema v5), as named SQL parameters; all NULL/empty without one. */
export function labelColumns(classification: Classification | undefined, modelId: number | null) {
  if (!classification) {
    return { topic: null, topicScores: '[]', relevant: null, relevanceScore: null, section: null, cves: '[]', victims: '[]', evidence: '{}', modelId: null };
  }
  return { ...labelValues(classification), relevant: classification.relevant ? 1 : 0, modelId };
}

/** Replaces an item's stored classification. Call inside the caller's transaction for batches. */
export function writeClassification(db: Db, itemId: string, classification: Classification, modelId: number | null): void {
  statement(
    db,
    `UPDATE items SET topic = @topic, topic_scores = @topicScores, relevant = @relevant, relevance_score = @relevanceScore,
       section = @section, cves = @cves, victims = @victims, evidence = @evidence, model_id = @modelId
     WHERE id = @id`,
  ).run({ id: itemId, ...labelColumns(classification, modelId) });
}

/** Sets one label of an item as an editor corrected it; returns false when the item does not exist. */
export function setItemLabel(db: Db, itemId: string, field: CorrectionField, value: string | boolean): boolean {
  const column = { topic: 'topic', section: 'section', relevant: 'relevant' }[field];
  const stored = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  return statement(db, `UPDATE items SET ${column} = ? WHERE id = ?`).run(stored, itemId).changes === 1;
}

/**
 * A page of items to (re)classify, by id, so a caller can page through while writing. Items pending
 * analysis are left to the analysis stage, which classifies them with their story.
 */
export function itemsToClassify(db: Db, query: ToClassifyQuery): ItemToClassify[] {
  const where = query.all ? '1' : query.publishedSince !== undefined ? '(i.topic IS NULL OR i.published_at >= @since)' : 'i.topic IS NULL';
  const sql = `SELECT i.id, i.title, i.summary, i.categories, f.kind FROM items i LEFT JOIN feeds f ON f.id = i.feed_id
    WHERE ${where} AND i.analysis_pending = 0 AND i.id > @after ORDER BY i.id LIMIT @limit`;
  return (statement(db, sql).all({ since: query.publishedSince ?? '', after: query.afterId ?? '', limit: query.limit }) as ToClassifyRow[]).map(toClassify);
}

export function countUnclassified(db: Db): number {
  return (statement(db, 'SELECT COUNT(*) AS n FROM items WHERE topic IS NULL AND analysis_pending = 0').get() as { n: number }).n;
}

/** The stored classification of an item; undefined when the item is missing or not classified yet. */
export function getItemClassification(db: Db, itemId: string): StoredClassification | undefined {
  const row = statement(db, 'SELECT topic, topic_scores, relevant, relevance_score, section, cves, victims, evidence, model_id FROM items WHERE id = ?').get(itemId) as LabelRow | undefined;
  return row ? labelsOfRow(row) : undefined;
}
