import { FEED_KINDS, type Classification, type CorrectionField, type FeedKind, type Section, type TopicScore } from '../../model/index.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

/** The items columns of a classification (schema v5), as named SQL parameters; all NULL/empty without one. */
export function labelColumns(classification: Classification | undefined, modelId: number | null) {
  if (!classification) {
    return { topic: null, topicScores: '[]', relevant: null, relevanceScore: null, section: null, cves: '[]', victims: '[]', evidence: '{}', modelId: null };
  }
  return {
    topic: classification.topic,
    topicScores: JSON.stringify(classification.topics),
    relevant: classification.relevant ? 1 : 0,
    relevanceScore: classification.relevanceScore,
    section: classification.section,
    cves: JSON.stringify(classification.cves),
    victims: JSON.stringify(classification.victims),
    evidence: JSON.stringify(classification.evidence),
    modelId,
  };
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

/** What the classifier reads of a stored item, with its feed's kind. */
export interface ItemToClassify {
  id: string;
  title: string;
  summary: string;
  categories: string[];
  feedKind: FeedKind | undefined;
}

interface ToClassifyRow {
  id: string;
  title: string;
  summary: string;
  categories: string;
  kind: string | null;
}

const FEED_KINDS_SET = new Set<string>(FEED_KINDS);

function toClassify(row: ToClassifyRow): ItemToClassify {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    categories: JSON.parse(row.categories) as string[],
    feedKind: row.kind !== null && FEED_KINDS_SET.has(row.kind) ? (row.kind as FeedKind) : undefined,
  };
}

export interface ToClassifyQuery {
  /** Items published at or after this ISO time; unclassified items are always included. Absent: only unclassified ones. */
  publishedSince?: string;
  /** Every item, whatever its age (train --all). */
  all?: boolean;
  /** Keyset paging: ids greater than this. */
  afterId?: string;
  limit: number;
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

/** An item's stored labels, as the review page and `train` read them. */
export interface StoredClassification {
  topic: string;
  topics: TopicScore[];
  relevant: boolean;
  relevanceScore: number | null;
  section: Section;
  cves: string[];
  victims: string[];
  evidence: Classification['evidence'] | Record<string, never>;
  modelId: number | null;
}

/** The label columns of an items row, as SQL returns them. */
export interface LabelRow {
  topic: string | null;
  topic_scores: string;
  relevant: number | null;
  relevance_score: number | null;
  section: string | null;
  cves: string;
  victims: string;
  evidence: string;
  model_id: number | null;
}

/** The stored classification of an item; undefined when the item is missing or not classified yet. */
export function getItemClassification(db: Db, itemId: string): StoredClassification | undefined {
  const row = statement(db, 'SELECT topic, topic_scores, relevant, relevance_score, section, cves, victims, evidence, model_id FROM items WHERE id = ?').get(itemId) as LabelRow | undefined;
  return row ? labelsOfRow(row) : undefined;
}

/** An items row's labels; undefined when the item is not classified yet (topic NULL). */
export function labelsOfRow(row: LabelRow): StoredClassification | undefined {
  if (row.topic === null) return undefined;
  return {
    topic: row.topic,
    topics: JSON.parse(row.topic_scores) as TopicScore[],
    relevant: row.relevant === 1,
    relevanceScore: row.relevance_score,
    section: (row.section ?? 'news') as Section,
    cves: JSON.parse(row.cves) as string[],
    victims: JSON.parse(row.victims) as string[],
    evidence: JSON.parse(row.evidence) as StoredClassification['evidence'],
    modelId: row.model_id,
  };
}
