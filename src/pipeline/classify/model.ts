import type { BayesClassifier } from 'natural';
import { ClassifierModelError, type TopicId, type TrainingExample } from '../../model/index.js';
import { cachedStem, describeFeatures, itemFeatures, type Stem } from './features.js';
import { balancingRepeats, DEFAULT_MODEL_OPTIONS, HEADS, HEAD_LABELS, type Head, type ModelOptions } from './heads.js';
import { selectFeatures } from './selection.js';

export { DEFAULT_MODEL_OPTIONS, HEADS, type Head, type ModelOptions } from './heads.js';

export interface ModelText {
  title: string;
  summary: string;
}

/** Scores of one head for one item, and the item's features that pushed the winner most. */
export interface HeadScores {
  scores: Map<string, number>;
  topTerms: string[];
}

const FORMAT = 'secdigest-classifier';
const FORMAT_VERSION = 1;

interface Natural {
  Bayes: typeof BayesClassifier;
  stem: Stem;
}

let natural: Promise<Natural> | undefined;

/** natural is loaded on first use, and only the two files needed (see natural-modules.d.ts). */
function loadNatural(): Promise<Natural> {
  natural ??= Promise.all([
    import('natural/lib/natural/classifiers/bayes_classifier.js'),
    import('natural/lib/natural/stemmers/porter_stemmer.js'),
  ]).then(([bayes, porter]) => ({ Bayes: bayes.default, stem: cachedStem((word) => porter.default.stem(word)) }));
  return natural;
}

/** What natural's Bayes classifier holds once trained (apparatus's state): all a model needs. */
interface BayesState {
  classFeatures: Record<string, Record<number, number>>;
  classTotals: Record<string, number>;
  totalExamples: number;
  smoothing: number;
}

/** One head as stored: the features it reads (χ²-selected, sorted) and natural's trained state. */
interface HeadState {
  vocabulary: string[];
  bayes: BayesState;
}

export interface SerializedModel {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  options: ModelOptions;
  examples: number;
  heads: Record<Head, HeadState>;
}

/** A head as scoring reads it: natural trains it, this file scores it (classifications()). */
interface LiveHead {
  vocabulary: readonly string[];
  state: BayesState;
  /** Features read per item, from the largest class (see score()): the same for every item. */
  maxFeatures: number;
  /** Per label, Math.log((count || smoothing) / total) for each vocabulary index: computed once, not per item. */
  logLikelihoods: ReadonlyMap<string, Float64Array>;
  /** Per winning label, each vocabulary index's lift (topTerms), computed on first use. */
  lifts: Map<string, Float64Array>;
}

function logLikelihoods(state: BayesState, size: number): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  for (const label in state.classFeatures) {
    const counts = state.classFeatures[label]!;
    const total = state.classTotals[label]!;
    const logs = new Float64Array(size);
    for (let i = 0; i < size; i++) logs[i] = Math.log((counts[i] || state.smoothing) / total);
    out.set(label, logs);
  }
  return out;
}

/** A trained classifier. Its natural objects stay private to this file. */
export class Model {
  readonly #natural: Natural;
  readonly #heads: Record<Head, LiveHead>;
  /** Feature → its vocabulary index in each head (HEADS order, -1: not read by that head). */
  readonly #slots = new Map<string, Int32Array>();
  /**
   * An item's features resolved against #slots, by feature list: classify scores one list with
   * three or four heads, and each looked every feature up twice in its own vocabulary.
   */
  readonly #resolved = new WeakMap<readonly string[], (Int32Array | undefined)[]>();

  constructor(natural: Natural, readonly options: ModelOptions, readonly examples: number, heads: Record<Head, HeadState>) {
    this.#natural = natural;
    const live = (head: HeadState): LiveHead => {
      const state = head.bayes;
      // Keep the product of likelihoods above the smallest double, however large the training set.
      const largestClass = Math.max(2, ...Object.values(state.classTotals));
      return {
        vocabulary: head.vocabulary,
        state,
        maxFeatures: Math.floor(650 / Math.log(largestClass / state.smoothing)),
        logLikelihoods: logLikelihoods(state, head.vocabulary.length),
        lifts: new Map(),
      };
    };
    this.#heads = Object.fromEntries(HEADS.map((head) => [head, live(heads[head])])) as Record<Head, LiveHead>;
    HEADS.forEach((head, slot) => {
      heads[head].vocabulary.forEach((feature, i) => {
        let slots = this.#slots.get(feature);
        if (slots === undefined) this.#slots.set(feature, (slots = new Int32Array(HEADS.length).fill(-1)));
        // A feature listed twice keeps its last index, as a Map built from the list would.
        slots[slot] = i;
      });
    });
  }

  #resolve(itemFeatures: readonly string[]): (Int32Array | undefined)[] {
    let resolved = this.#resolved.get(itemFeatures);
    if (resolved === undefined) this.#resolved.set(itemFeatures, (resolved = itemFeatures.map((feature) => this.#slots.get(feature))));
    return resolved;
  }

  /** Labels a head knows, e.g. the topics seen in training. */
  labels(head: Head): string[] {
    return Object.keys(this.#heads[head].state.classFeatures);
  }

  /** Distinct features the heads read, for reports. */
  get vocabularySize(): number {
    return new Set(HEADS.flatMap((head) => this.#heads[head].vocabulary)).size;
  }

  /** Readable words behind model features, for evidence. */
  describe(features: readonly string[], text: ModelText): string[] {
    return describeFeatures(features, text.title, text.summary, this.#natural.stem);
  }

  /** An item's features, title first (each head then reads those it selected). */
  features(text: ModelText): string[] {
    return itemFeatures(text.title, text.summary, this.#natural.stem, this.options);
  }

  /** Scores of one head. `itemFeatures` is read as immutable: its look-ups are kept for the other heads. */
  score(head: Head, itemFeatures: readonly string[]): HeadScores {
    const live = this.#heads[head];
    const slot = HEADS.indexOf(head);
    const resolved = this.#resolve(itemFeatures);
    let features: string[] = [];
    let indices: number[] = [];
    for (let k = 0; k < itemFeatures.length; k++) {
      const i = resolved[k]?.[slot] ?? -1;
      if (i >= 0) {
        features.push(itemFeatures[k]!);
        indices.push(i);
      }
    }
    features = features.slice(0, live.maxFeatures);
    indices = indices.slice(0, live.maxFeatures);
    const logs = classifications(live, indices).map(({ label, value }) => ({ label, log: Math.log(value) / this.options.temperature[head] }));
    const top = Math.max(...logs.map((l) => l.log));
    const total = logs.reduce((sum, l) => sum + Math.exp(l.log - top), 0);
    const scores = new Map(logs.map((l) => [l.label, Number.isFinite(top) ? Math.exp(l.log - top) / total : 1 / logs.length]));
    return { scores, topTerms: topTerms(live, features, indices, logs[0]?.label) };
  }

  serialize(): SerializedModel {
    const state = (head: Head): HeadState => {
      const { classFeatures, classTotals, totalExamples, smoothing } = this.#heads[head].state;
      return { vocabulary: [...this.#heads[head].vocabulary], bayes: structuredClone({ classFeatures, classTotals, totalExamples, smoothing }) };
    };
    return { format: FORMAT, version: FORMAT_VERSION, options: this.options, examples: this.examples, heads: Object.fromEntries(HEADS.map((head) => [head, state(head)])) as Record<Head, HeadState> };
  }
}

/**
 * natural's BayesClassifier.getClassifications (apparatus's probabilityOfClass), reading only the
 * item's features instead of its whole 0/1 vector over the vocabulary: the same sums in the same
 * order (vocabulary index descending), so the same floating-point values. The dense loop over
 * every vocabulary entry of every label was the largest cost of scoring in a cold collect.
 * model-natural.test.ts holds this to natural's own getClassifications.
 */
function classifications({ state, logLikelihoods }: LiveHead, indices: readonly number[]): { label: string; value: number }[] {
  const present = [...new Set(indices)].sort((a, b) => b - a);
  const labels: { label: string; value: number }[] = [];
  for (const label in state.classFeatures) {
    const total = state.classTotals[label]!;
    const logs = logLikelihoods.get(label)!;
    let prob = 0;
    for (const i of present) prob += logs[i]!;
    labels.push({ label, value: (total / state.totalExamples) * Math.exp(prob) });
  }
  return labels.sort((x, y) => y.value - x.value);
}

/**
 * How much likelier each vocabulary feature is under `winner` than under the other labels on
 * average. The same expression, in the same order, as it was evaluated per item and feature: a
 * dozen labels' sparse counts read for each of an item's hundred features were a third of scoring.
 */
function liftsFor(state: BayesState, size: number, winner: string): Float64Array {
  const likelihood = (label: string, i: number) => (state.classFeatures[label]?.[i] ?? state.smoothing) / (state.classTotals[label] ?? 1);
  const others = Object.keys(state.classFeatures).filter((label) => label !== winner);
  const lifts = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const rest = others.reduce((sum, label) => sum + likelihood(label, i), 0) / Math.max(1, others.length);
    lifts[i] = likelihood(winner, i) / rest;
  }
  return lifts;
}

/** Features most typical of the winning label against the others (likelihood ratio ≥ 3). */
function topTerms(live: LiveHead, features: readonly string[], indices: readonly number[], winner: string | undefined): string[] {
  if (winner === undefined) return [];
  let table = live.lifts.get(winner);
  if (table === undefined) live.lifts.set(winner, (table = liftsFor(live.state, live.vocabulary.length, winner)));
  const lifts = features.map((feature, k) => ({ feature, lift: table[indices[k]!]! }));
  return lifts.filter((l) => l.lift >= 3).sort((a, b) => b.lift - a.lift).slice(0, 3).map((l) => l.feature);
}

/**
 * natural's textToFeatures scans the whole vocabulary with indexOf for every item (O(V·n)); the
 * same 0/1 vector from a map lookup costs O(V + n). Features are always token arrays here.
 */
function vectorizer(index: ReadonlyMap<string, number>): (observation: string | string[]) => number[] {
  return (observation) => {
    const vector = new Array<number>(index.size).fill(0);
    for (const feature of observation) {
      const i = index.get(feature);
      if (i !== undefined) vector[i] = 1;
    }
    return vector;
  };
}

/** Trains every head on labelled examples. ~1k short items take well under a second. */
export async function trainModel(examples: readonly TrainingExample[], overrides: Partial<ModelOptions> = {}): Promise<Model> {
  const options = { ...DEFAULT_MODEL_OPTIONS, ...overrides };
  const lib = await loadNatural();
  const featureLists = examples.map((example) => itemFeatures(example.title, example.summary, lib.stem, options));
  const heads = {} as Record<Head, HeadState>;
  for (const head of HEADS) {
    const learning = examples.flatMap((example, i) => {
      const label = HEAD_LABELS[head](example);
      return label === undefined ? [] : [{ label, features: featureLists[i]! }];
    });
    const labels = learning.map((l) => l.label);
    const vocabulary = selectFeatures(learning.map((l) => l.features), labels, options.featuresPerHead[head]).sort();
    const index = new Map(vocabulary.map((feature, i) => [feature, i]));
    const bayes = new lib.Bayes(undefined, options.smoothing);
    bayes.textToFeatures = vectorizer(index);
    const repeats = options.balanced.includes(head) ? balancingRepeats(labels) : new Map(labels.map((label) => [label, 1]));
    for (const { label, features: all } of learning) {
      const features = all.filter((f) => index.has(f));
      for (let r = repeats.get(label)!; r > 0; r--) bayes.addDocument(features, label);
    }
    bayes.train();
    const { classFeatures, classTotals, totalExamples, smoothing } = bayes.classifier;
    heads[head] = { vocabulary, bayes: { classFeatures, classTotals, totalExamples, smoothing } };
  }
  return new Model(lib, options, examples.length, heads);
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
  const heads = data.heads;
  if (typeof heads !== 'object' || !HEADS.every((h) => Array.isArray(heads[h]?.vocabulary) && typeof heads[h]?.bayes?.classFeatures === 'object')) {
    throw new ClassifierModelError('classifier model is incomplete');
  }
  return new Model(await loadNatural(), { ...DEFAULT_MODEL_OPTIONS, ...data.options }, data.examples ?? 0, heads);
}

/** Model scores per topic the model was trained on (0..1, summing to 1). */
export function scoreTopics(model: Model, text: ModelText): Map<TopicId, number> {
  return model.score('topic', model.features(text)).scores;
}
