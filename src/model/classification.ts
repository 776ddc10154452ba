import { SecdigestError } from './errors.js';
import type { FeedKind } from './feed.js';

/** A topic id of the taxonomy (`vulnerability`, `ransomware`, … or one an editor added). */
export type TopicId = string;

export const SECTIONS = ['news', 'press-release'] as const;
export type Section = (typeof SECTIONS)[number];

/** The catch-all topic: off-topic, how-tos, opinion, events. Every irrelevant item is filed here. */
export const FALLBACK_TOPIC = 'other';

/**
 * One topic of the taxonomy. Keywords are rule evidence: a word or phrase matched case-insensitively
 * on word boundaries; a trailing `*` matches any ending (`exploit*`). A topic the trained model has
 * never seen (added by an editor) is scored from its keywords alone.
 */
export interface TopicDefinition {
  id: TopicId;
  label: string;
  /** Editorial order for ranking the draft: higher comes first. Also breaks exact score ties. */
  priority: number;
  keywords: string[];
}

export interface Taxonomy {
  topics: TopicDefinition[];
  /** The topic given to off-topic and unreadable items; must be one of `topics`. */
  fallback: TopicId;
  /**
   * Words that make a text about security at all (same syntax as keywords). Relevance evidence:
   * topic keywords cannot serve, as "court", "bill" or "launches" are as common in world news
   * and other industries' press releases. Absent: the default taxonomy's list.
   */
  securityTerms?: string[];
}

/** What the classifier reads of an item. */
export interface ClassifyInput {
  title: string;
  summary: string;
  feedKind?: FeedKind;
  categories?: string[];
}

export interface TopicScore {
  id: TopicId;
  /** 0..1; not a probability distribution (several topics can score high). */
  score: number;
}

/** Short, human-readable reasons an editor can check: "keyword: ransomware", "rule: CVE-2026-41877". */
export interface ClassificationEvidence {
  topic: string[];
  relevance: string[];
  section: string[];
}

export interface Classification {
  /** The primary topic: the highest score, or the fallback topic for an irrelevant item. */
  topic: TopicId;
  /** Every topic of the taxonomy, best first. */
  topics: TopicScore[];
  relevant: boolean;
  /** 0..1; `relevant` is `relevanceScore >= settings.classify.relevanceThreshold` (0.6 by default). */
  relevanceScore: number;
  section: Section;
  /** CVE ids named in the text, upper case, first mention first. */
  cves: string[];
  /** Organisations the text names as victims of a breach or attack (precise patterns only). */
  victims: string[];
  evidence: ClassificationEvidence;
}

/**
 * One labelled item for training: a line of `data/training/*.jsonl`, or an editor's correction.
 * `topics` lists the acceptable topics, primary first (empty only for a correction whose topic the
 * model cannot learn: it then trains the section and relevance heads only).
 */
export interface TrainingExample {
  title: string;
  summary: string;
  topics: TopicId[];
  section: Section;
  relevant: boolean;
  /** Where it came from (`part-a.jsonl:12`, `correction:481`), for messages. */
  source?: string;
}

/** A stored classifier model or a training file that cannot be used (wrong format, bad line). */
export class ClassifierModelError extends SecdigestError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('classifier-model', message, options);
  }
}

/** What an editor can correct on an item (the review page). */
export const CORRECTION_FIELDS = ['topic', 'section', 'relevant'] as const;
export type CorrectionField = (typeof CORRECTION_FIELDS)[number];

/** The latest corrected value of each field of one item; a field never corrected is absent. */
export interface CorrectedLabels {
  topic?: TopicId;
  section?: Section;
  relevant?: boolean;
}

/** An editor's correction as stored, with the item's text copied (it trains after the item is pruned). */
export interface Correction {
  id: number;
  /** null once the item is gone. */
  itemId: string | null;
  field: CorrectionField;
  /** The topic id, the section, or `true` / `false`, as text. */
  value: string;
  title: string;
  summary: string;
  createdAt: string;
}

/** The classifications of a batch of items (by item id) and the stored model that made them (null: the shipped set's). */
export interface ItemClassifications {
  modelId: number | null;
  byItem: ReadonlyMap<string, Classification>;
}

/**
 * Why a correction cannot be recorded: `unknown-item` (no such item: a 404 for the review page),
 * `unknown-field`, `unknown-topic` (not in the configured taxonomy), `invalid-value` (a section other
 * than news / press-release, a relevance other than true / false).
 */
export type CorrectionErrorCode = 'unknown-item' | 'unknown-field' | 'unknown-topic' | 'invalid-value';

export class CorrectionError extends SecdigestError {
  declare readonly code: CorrectionErrorCode;
  constructor(code: CorrectionErrorCode, message: string) {
    super(code, message);
  }
}
