import type { Classification, CorrectionField } from '../../model/index.js';
import { labelsOfRow, labelValues, toClassify, type ItemToClassify, type LabelRow, type StoredClassification, type ToClassifyQuery, type ToClassifyRow } from '../rows/classifications.js';
import { all, changes, first, type Queryable } from './queries.js';

/**
 * Replaces these items' labels in one statement (call inside a transaction): the classifier's
 * output for a batch, `writeLabels` of reclassification. Lists are stored as JSON text, as in SQLite.
 */
export async function writeClassifications(db: Queryable, labels: ReadonlyMap<string, Classification>, modelId: number | null): Promise<void> {
  if (labels.size === 0) return;
  const entries = [...labels];
  const values = entries.map(([, classification]) => labelValues(classification));
  await db.query(
    `UPDATE items i SET topic = x.topic, topic_scores = x.topic_scores, relevant = x.relevant, relevance_score = x.relevance_score,
       section = x.section, cves = x.cves, victims = x.victims, evidence = x.evidence, model_id = $10
     FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::float8[], $6::text[], $7::text[], $8::text[], $9::text[])
       AS x(id, topic, topic_scores, relevant, relevance_score, section, cves, victims, evidence)
     WHERE i.id = x.id`,
    [
      entries.map(([id]) => id),
      values.map((v) => v.topic),
      values.map((v) => v.topicScores),
      values.map((v) => v.relevant),
      values.map((v) => v.relevanceScore),
      values.map((v) => v.section),
      values.map((v) => v.cves),
      values.map((v) => v.victims),
      values.map((v) => v.evidence),
      modelId,
    ],
  );
}

/** Sets one label of an item as an editor corrected it; false when the item does not exist. */
export async function setItemLabel(db: Queryable, itemId: string, field: CorrectionField, value: string | boolean): Promise<boolean> {
  // The column comes from this closed map, never from the caller's text.
  const column = { topic: 'topic', section: 'section', relevant: 'relevant' }[field];
  return (await changes(db, `UPDATE items SET ${column} = $1 WHERE id = $2`, [value, itemId])) === 1;
}

/** A page of analysed items to (re)classify, by id (see sqlite/classifications.ts itemsToClassify). */
export async function itemsToClassify(db: Queryable, query: ToClassifyQuery): Promise<ItemToClassify[]> {
  // Only the parameters the query names: PostgreSQL cannot type one it never sees.
  const params: unknown[] = [query.afterId ?? '', query.limit];
  let where = 'i.topic IS NULL';
  if (query.all) where = 'true';
  else if (query.publishedSince !== undefined) {
    params.push(query.publishedSince);
    where = '(i.topic IS NULL OR i.published_at >= $3)';
  }
  const rows = await all<ToClassifyRow>(
    db,
    `SELECT i.id, i.title, i.summary, i.categories, f.kind FROM items i LEFT JOIN feeds f ON f.id = i.feed_id
     WHERE ${where} AND NOT i.analysis_pending AND i.id > $1 ORDER BY i.id LIMIT $2`,
    params,
  );
  return rows.map(toClassify);
}

export async function countUnclassified(db: Queryable): Promise<number> {
  return (await first<{ n: number }>(db, 'SELECT COUNT(*)::int AS n FROM items WHERE topic IS NULL AND NOT analysis_pending'))!.n;
}

/** The label columns of an items row (rows/classifications.ts LabelRow), for a SELECT. */
export const LABEL_COLUMNS = 'topic, topic_scores, relevant, relevance_score, section, cves, victims, evidence, model_id';

/** The stored classification of an item; undefined when the item is missing or not classified yet. */
export async function getItemClassification(db: Queryable, itemId: string): Promise<StoredClassification | undefined> {
  const row = await first<LabelRow>(db, `SELECT ${LABEL_COLUMNS} FROM items WHERE id = $1`, [itemId]);
  return row ? labelsOfRow(row) : undefined;
}
