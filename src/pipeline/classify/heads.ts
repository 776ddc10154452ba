import type { TrainingExample } from '../../model/index.js';
import { DEFAULT_FEATURE_OPTIONS, type FeatureOptions } from './features.js';

/**
 * The questions the model answers, each by its own naive Bayes classifier. Relevance is two
 * questions: for news, "is this security news rather than world or general tech news?"; for press
 * releases, "is this a security company's release rather than another industry's?". Asked together,
 * business vocabulary (earnings, funding) would count against every security company's release,
 * because most off-topic training items are other industries' releases.
 */
export const HEADS = ['topic', 'section', 'newsRelevance', 'pressRelevance'] as const;
export type Head = (typeof HEADS)[number];

/** How a model is trained and scores; stored with it, so a loaded model behaves as it did. */
export interface ModelOptions extends FeatureOptions {
  /** Features each head keeps, by χ² (selection.ts). */
  featuresPerHead: Record<Head, number>;
  /**
   * Naive Bayes multiplies one likelihood per feature, so its posteriors are near 0 or 1 on any real
   * text. Log-scores are divided by this before the softmax to give usable, comparable 0..1 scores.
   */
  temperature: Record<Head, number>;
  /** natural's additive smoothing: larger values shrink what a rarely seen feature says. */
  smoothing: number;
  /** Heads trained with every label weighing the same (see balancingRepeats). */
  balanced: Head[];
}

export const DEFAULT_MODEL_OPTIONS: ModelOptions = {
  ...DEFAULT_FEATURE_OPTIONS,
  featuresPerHead: { topic: 2000, section: 600, newsRelevance: 800, pressRelevance: 400 },
  temperature: { topic: 15, section: 6, newsRelevance: 15, pressRelevance: 15 },
  smoothing: 2,
  balanced: [...HEADS],
};

/**
 * How many times each label's examples are added so every label weighs about the same. natural's
 * Bayes estimates P(feature | label) as (documents with it + smoothing) / documents of the label,
 * so a small label gives a word it has never seen a higher probability than a large, varied label
 * (`other`) gives a word it has: small labels won on any unfamiliar text. With equal totals the
 * estimates compare fairly; the priors become equal too, which suits a training set whose
 * proportions say how it was written, not how often each topic occurs.
 */
export function balancingRepeats(labels: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const largest = Math.max(...counts.values());
  return new Map([...counts].map(([label, n]) => [label, Math.max(1, Math.round(largest / n))]));
}

/** Each head's label for an example, or undefined when the head does not learn from it. */
export const HEAD_LABELS: Record<Head, (example: TrainingExample) => string | undefined> = {
  // An example without topics (an editor's correction to a topic the model has no label for, see
  // feedback.ts) teaches the other heads only.
  topic: (example) => example.topics[0],
  section: (example) => example.section,
  newsRelevance: (example) => (example.section === 'news' ? (example.relevant ? 'yes' : 'no') : undefined),
  pressRelevance: (example) => (example.section === 'press-release' ? (example.relevant ? 'yes' : 'no') : undefined),
};

