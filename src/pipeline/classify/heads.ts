import type { TrainingExample } from '../../model/index.js';
import { DEFAULT_FEATURE_OPTIONS, type FeatureOptions } from './features.js';
import type { LinearOptions } from './linear.js';

/**
 * The questions the model answers, each by its own logistic regression over the same features:
 * the topic, whether the text is a press release, and whether an editor would consider it at all.
 * One relevance question serves news and releases alike: unlike naive Bayes (which needed one head
 * per section, docs/ARCHITECTURE.md), a linear model can weigh "security" against the business
 * vocabulary every release shares.
 */
export const HEADS = ['topic', 'section', 'relevance'] as const;
export type Head = (typeof HEADS)[number];

/** How a model is trained and scores; stored with it, so a loaded model behaves as it did. */
export interface ModelOptions extends FeatureOptions {
  /** A feature must occur in this many examples to be learned: one-off words only add noise. */
  minCount: number;
  linear: LinearOptions;
  /**
   * How far each head evens out its labels: a label's examples weigh (largest / its count) ^ this.
   * 0 keeps the set's proportions, 1 makes every label weigh the same.
   */
  balance: Record<Head, number>;
  /**
   * Weight of each example's title-only copy (0: none). Many real items have no summary (Reddit
   * link posts, title-only feeds): a model that only ever saw headlines with summaries leans on
   * summary words it then lacks.
   */
  titleOnlyWeight: number;
}

export const DEFAULT_MODEL_OPTIONS: ModelOptions = {
  ...DEFAULT_FEATURE_OPTIONS,
  minCount: 2,
  linear: { epochs: 8, learningRate: 0.05, l2: 30, seed: 16 },
  balance: { topic: 0.5, section: 0.5, relevance: 0.5 },
  titleOnlyWeight: 0.5,
};

/** Each label's weight under `balance` (see ModelOptions.balance). */
export function labelWeights(labels: readonly string[], balance: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const largest = Math.max(...counts.values());
  return new Map([...counts].map(([label, n]) => [label, (largest / n) ** balance]));
}

/** Each head's label for an example, or undefined when the head does not learn from it. */
export const HEAD_LABELS: Record<Head, (example: TrainingExample) => string | undefined> = {
  // An example without topics (an editor's correction to a topic the model has no label for, see
  // feedback.ts) teaches the other heads only.
  topic: (example) => example.topics[0],
  section: (example) => example.section,
  relevance: (example) => (example.relevant ? 'yes' : 'no'),
};
