import { ClassifierModelError, type TopicId, type TrainingExample } from '../../model/index.js';
import { FeatureIndex } from './feature-index.js';
import { cachedStem, describeFeatures, itemFeatures, type Stem } from './features.js';
import { DEFAULT_MODEL_OPTIONS, HEADS, HEAD_LABELS, labelWeights, type Head, type ModelOptions } from './heads.js';
import { logits, softmax, trainLinear, weightOf, type LinearRow, type LinearWeights } from './linear.js';

export { DEFAULT_MODEL_OPTIONS, HEADS, type Head, type ModelOptions } from './heads.js';

export interface ModelText {
  title: string;
  summary: string;
}

/** An item's features as the model reads them: indices into its vocabulary. */
export interface ItemFeatures {
  readonly indices: Int32Array;
}

/** Scores of one head for one item, and the item's features that pushed the winner most. */
export interface HeadScores {
  /** Label → probability (summing to 1). */
  scores: Map<string, number>;
  topTerms: string[];
}

const FORMAT = 'secdigest-classifier';
/** 2: logistic regression heads (issue 16); 1 was naive Bayes, and is refused ("retrain it"). */
const FORMAT_VERSION = 2;

let stemmer: Promise<Stem> | undefined;

/**
 * natural's Porter stemmer, loaded on first use and from its own file: natural's entry point loads
 * every module it has (~0.5 s) and prints dotenv lines to stdout (natural-modules.d.ts).
 */
function loadStemmer(): Promise<Stem> {
  stemmer ??= import('natural/lib/natural/stemmers/porter_stemmer.js').then((porter) => cachedStem((word) => porter.default.stem(word)));
  return stemmer;
}

/** One head as stored: its labels and weights (Float32, base64) over the model's vocabulary. */
interface StoredHead {
  labels: string[];
  columns: number;
  weights: string;
  bias: number[];
}

export interface SerializedModel {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  options: ModelOptions;
  examples: number;
  vocabulary: string[];
  heads: Record<Head, StoredHead>;
}

const toBase64 = (values: Float32Array) => Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');

function fromBase64(text: string, length: number): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength !== length * 4) throw new ClassifierModelError('classifier model is damaged (weights do not match its vocabulary)');
  // A copy: the Buffer's memory may not be 4-byte aligned for a Float32Array view.
  return new Float32Array(new Uint8Array(bytes).buffer);
}

/** A trained classifier: the vocabulary and one linear head per question. */
export class Model {
  readonly #stem: Stem;
  readonly #heads: Record<Head, LinearWeights>;
  readonly #vocabulary: readonly string[];
  readonly #index: FeatureIndex;

  constructor(stem: Stem, readonly options: ModelOptions, readonly examples: number, vocabulary: readonly string[], heads: Record<Head, LinearWeights>) {
    this.#stem = stem;
    this.#vocabulary = vocabulary;
    this.#heads = heads;
    this.#index = new FeatureIndex(vocabulary, stem, options);
  }

  /** Labels a head knows, e.g. the topics seen in training. */
  labels(head: Head): string[] {
    return [...this.#heads[head].labels];
  }

  /** Distinct features the heads read, for reports. */
  get vocabularySize(): number {
    return this.#vocabulary.length;
  }

  /** Readable words behind model features, for evidence. */
  describe(features: readonly string[], text: ModelText): string[] {
    return describeFeatures(features, text.title, text.summary, this.#stem);
  }

  /** An item's features in the model's vocabulary (every head reads the same). */
  features(text: ModelText): ItemFeatures {
    return { indices: this.#index.indices(text.title, text.summary) };
  }

  /** The features' names, for tests and reports (features.ts spells them). */
  featureNames(item: ItemFeatures): string[] {
    return Array.from(item.indices, (i) => this.#vocabulary[i]!);
  }

  /** Probabilities of one head. */
  score(head: Head, item: ItemFeatures): HeadScores {
    const weights = this.#heads[head];
    const probabilities = softmax(logits(weights, item.indices));
    const scores = new Map(weights.labels.map((label, i) => [label, probabilities[i]!]));
    let winner = 0;
    for (let i = 1; i < probabilities.length; i++) if (probabilities[i]! > probabilities[winner]!) winner = i;
    return { scores, topTerms: topTerms(weights, item.indices, this.#vocabulary, winner) };
  }

  serialize(): SerializedModel {
    const stored = (head: Head): StoredHead => {
      const { labels, columns, weights, bias } = this.#heads[head];
      return { labels: [...labels], columns, weights: toBase64(weights), bias: [...bias] };
    };
    return {
      format: FORMAT,
      version: FORMAT_VERSION,
      options: this.options,
      examples: this.examples,
      vocabulary: [...this.#vocabulary],
      heads: Object.fromEntries(HEADS.map((head) => [head, stored(head)])) as Record<Head, StoredHead>,
    };
  }
}

/** The item's features that push the winning label most (weight ≥ 0.5), at most three. */
function topTerms(head: LinearWeights, indices: Int32Array, vocabulary: readonly string[], winner: number): string[] {
  const pushes: { feature: string; weight: number }[] = [];
  for (let k = 0; k < indices.length; k++) {
    const weight = weightOf(head, indices[k]!, winner);
    if (weight >= 0.5) pushes.push({ feature: vocabulary[indices[k]!]!, weight });
  }
  return pushes.sort((a, b) => b.weight - a.weight || (a.feature < b.feature ? -1 : 1)).slice(0, 3).map((p) => p.feature);
}

/** Features in at least `minCount` examples, sorted (the same examples always give the same vocabulary). */
function vocabularyOf(featureLists: readonly (readonly string[])[], minCount: number): string[] {
  const counts = new Map<string, number>();
  for (const features of featureLists) for (const feature of features) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  return [...counts].filter(([, n]) => n >= minCount).map(([feature]) => feature).sort();
}

/** Trains every head on labelled examples: the shipped ~2,000 take well under a second. */
export async function trainModel(examples: readonly TrainingExample[], overrides: Partial<ModelOptions> = {}): Promise<Model> {
  const options = { ...DEFAULT_MODEL_OPTIONS, ...overrides };
  const stem = await loadStemmer();
  const full = examples.map((example) => itemFeatures(example.title, example.summary, stem, options));
  const vocabulary = vocabularyOf(full, options.minCount);
  const index = new Map(vocabulary.map((feature, i) => [feature, i]));
  const toIndices = (features: readonly string[]) => Int32Array.from(features.flatMap((f) => (index.has(f) ? [index.get(f)!] : [])));
  const fullIndices = full.map(toIndices);
  // The title-only copy of each example that has a summary (ModelOptions.titleOnlyWeight).
  const titleOnly = options.titleOnlyWeight > 0 ? examples.map((example) => (example.summary.trim() === '' ? undefined : toIndices(itemFeatures(example.title, '', stem, options)))) : [];
  const heads = {} as Record<Head, LinearWeights>;
  for (const head of HEADS) {
    const labelled = examples.flatMap((example, i) => {
      const label = HEAD_LABELS[head](example);
      return label === undefined ? [] : [{ i, label }];
    });
    const labels = [...new Set(labelled.map((l) => l.label))].sort();
    const weights = labelWeights(labelled.map((l) => l.label), options.balance[head]);
    const rows: LinearRow[] = [];
    for (const { i, label } of labelled) {
      const row = { label: labels.indexOf(label), weight: weights.get(label)! };
      rows.push({ ...row, features: fullIndices[i]! });
      const short = titleOnly[i];
      if (short !== undefined) rows.push({ ...row, features: short, weight: row.weight * options.titleOnlyWeight });
    }
    heads[head] = trainLinear(rows, vocabulary.length, labels, options.linear);
  }
  return new Model(stem, options, examples.length, vocabulary, heads);
}

export function serializeModel(model: Model): SerializedModel {
  return model.serialize();
}

/** A model from `serializeModel` output (JSON-parsed). Throws ClassifierModelError on anything else. */
export async function loadModel(json: unknown): Promise<Model> {
  const data = json as Partial<SerializedModel> | null;
  if (typeof data !== 'object' || data === null || data.format !== FORMAT) {
    throw new ClassifierModelError('not a secdigest classifier model');
  }
  if (data.version !== FORMAT_VERSION) {
    throw new ClassifierModelError(`classifier model version ${String(data.version)} is not supported (expected ${FORMAT_VERSION}): retrain it`);
  }
  const { heads, vocabulary } = data;
  const valid = (head: StoredHead | undefined) => head !== undefined && Array.isArray(head.labels) && typeof head.weights === 'string' && Array.isArray(head.bias) && Number.isInteger(head.columns);
  if (!Array.isArray(vocabulary) || typeof heads !== 'object' || heads === null || !HEADS.every((h) => valid(heads[h]))) {
    throw new ClassifierModelError('classifier model is incomplete');
  }
  const live = Object.fromEntries(
    HEADS.map((head) => {
      const { labels, columns, weights, bias } = heads[head];
      return [head, { labels, columns, weights: fromBase64(weights, vocabulary.length * columns), bias: Float32Array.from(bias) }];
    }),
  ) as Record<Head, LinearWeights>;
  return new Model(await loadStemmer(), { ...DEFAULT_MODEL_OPTIONS, ...data.options }, data.examples ?? 0, vocabulary, live);
}

/** Model scores per topic the model was trained on (0..1, summing to 1). */
export function scoreTopics(model: Model, text: ModelText): Map<TopicId, number> {
  return model.score('topic', model.features(text)).scores;
}
