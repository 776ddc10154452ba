import type { Classification, FeedKind, Section, TopicScore } from '../../model/index.js';
import { isSet, type Flag } from './flag.js';
import { feedKindOf } from './items.js';

/** Items' labels as both engines store them (sqlite/classifications.ts, postgres/classifications.ts). */

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

/** The label columns of an items row. */
export interface LabelRow {
  topic: string | null;
  topic_scores: string;
  relevant: Flag | null;
  relevance_score: number | null;
  section: string | null;
  cves: string;
  victims: string;
  evidence: string;
  model_id: number | null;
}

/** An items row's labels; undefined when the item is not classified yet (topic NULL). */
export function labelsOfRow(row: LabelRow): StoredClassification | undefined {
  if (row.topic === null) return undefined;
  return {
    topic: row.topic,
    topics: JSON.parse(row.topic_scores) as TopicScore[],
    relevant: isSet(row.relevant),
    relevanceScore: row.relevance_score,
    section: (row.section ?? 'news') as Section,
    cves: JSON.parse(row.cves) as string[],
    victims: JSON.parse(row.victims) as string[],
    evidence: JSON.parse(row.evidence) as StoredClassification['evidence'],
    modelId: row.model_id,
  };
}

/** A classification's column values as stored: its lists as JSON text (the flag as a boolean: SQLite stores it as 0 / 1). */
export function labelValues(classification: Classification) {
  return {
    topic: classification.topic,
    topicScores: JSON.stringify(classification.topics),
    relevant: classification.relevant,
    relevanceScore: classification.relevanceScore,
    section: classification.section,
    cves: JSON.stringify(classification.cves),
    victims: JSON.stringify(classification.victims),
    evidence: JSON.stringify(classification.evidence),
  };
}

/** What the classifier reads of a stored item, with its feed's kind. */
export interface ItemToClassify {
  id: string;
  title: string;
  summary: string;
  categories: string[];
  feedKind: FeedKind | undefined;
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

export interface ToClassifyRow {
  id: string;
  title: string;
  summary: string;
  categories: string;
  kind: string | null;
}

export function toClassify(row: ToClassifyRow): ItemToClassify {
  return { id: row.id, title: row.title, summary: row.summary, categories: JSON.parse(row.categories) as string[], feedKind: feedKindOf(row.kind) };
}
