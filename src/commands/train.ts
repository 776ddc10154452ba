import type { App } from '../app.js';
import { UsageError, type Correction, type Section } from '../model/index.js';
import {
  correctionExamples,
  loadTrainingSet,
  serializeModel,
  SHIPPED_TRAINING_DIR,
  trainModel,
  withCorrections,
  type CorrectedText,
} from '../pipeline/classify/index.js';
import { latestLabels, type StoredClassification } from '../storage/index.js';
import { classifierOf, classifyStoredItems, readyClassifier, type ClassifierSource, type ReadyClassifier } from '../pipeline/analysis/classifier.js';

export interface TrainOptions {
  /** Reclassify items published in the last N days (default: the dedupe window, settings.dedupe.windowDays). */
  days?: number;
  /** Reclassify every stored item. */
  all?: boolean;
  /** Stops the reclassification between pages (Ctrl+C): the model stays stored, the pages done stay labelled. */
  signal?: AbortSignal;
  /** Where the shipped set is read from (tests). */
  trainingDir?: string;
  classifierSource?: ClassifierSource;
}

/** What `secdigest train` did; printed by the CLI. */
export interface TrainSummary {
  modelId: number;
  /** Examples the model learned from: shipped ones kept plus corrections × their weight. */
  examples: number;
  shipped: number;
  /** Corrections stored, and the items (or copied texts) they make examples of. */
  corrections: number;
  correctedItems: number;
  /** Shipped examples replaced by a correction of the same headline. */
  overridden: number;
  trainMs: number;
  /** Items whose labels were rewritten, and from when (null: every item). */
  reclassified: number;
  reclassifiedSince: string | null;
  durationMs: number;
  warning?: string;
}

const DAY_MS = 86_400_000;

/**
 * `secdigest train`: retrains the classifier from the shipped set plus editors' corrections
 * (pipeline/classify/feedback.ts has the rule), stores the model (the newest is what collect and
 * analyze use), and reclassifies the items of the dedupe window, the ones the next draft draws
 * from, plus any unclassified item. Older items keep their labels unless `all`.
 */
export async function runTrain(app: App, options: TrainOptions = {}): Promise<TrainSummary> {
  const started = performance.now();
  const now = app.now();
  if (options.days !== undefined && (!Number.isInteger(options.days) || options.days < 1)) {
    throw new UsageError(`--days must be a whole number of at least 1 (got ${options.days})`);
  }
  const { classification } = app.storage;
  const corrections = await classification.corrections();
  const shipped = await loadTrainingSet(options.trainingDir ?? SHIPPED_TRAINING_DIR);

  // The labels a correction leaves alone come from the item, else from the model in use now.
  let current: ReadyClassifier | undefined;
  const texts = await Promise.all(
    groupCorrections(corrections).map(async (group) => ({ group, stored: group.itemId ? await classification.labels(group.itemId) : undefined })),
  );
  if (texts.some((text) => !text.stored)) current = await readyClassifier(classification, app.config.settings.classify, options.classifierSource);
  const corrected = texts.map(({ group, stored }) => toCorrectedText(group, stored, current));

  const trainStarted = performance.now();
  const shippedModelTopics = new Set(shipped.map((example) => example.topics[0]!));
  const { examples, overridden } = withCorrections(shipped, correctionExamples(corrected, shippedModelTopics));
  const model = await trainModel(examples);
  const trainMs = Math.round(performance.now() - trainStarted);
  const modelId = await classification.saveModel({
    createdAt: now.toISOString(),
    examples: examples.length,
    corrections: corrections.length,
    model: serializeModel(model),
  });

  // The model just trained, as stored: no need to read it back.
  const ready = classifierOf(model, modelId, app.config.settings.classify);
  const days = options.days ?? app.config.settings.dedupe.windowDays;
  const since = options.all ? null : new Date(now.getTime() - days * DAY_MS).toISOString();
  const scope = since === null ? { all: true } : { publishedSince: since };
  const reclassified = await classifyStoredItems(app.storage, ready, options.signal ? { ...scope, signal: options.signal } : scope);

  const warning = current?.warning;
  return {
    modelId,
    examples: examples.length,
    shipped: shipped.length,
    corrections: corrections.length,
    correctedItems: corrected.length,
    overridden,
    trainMs,
    reclassified,
    reclassifiedSince: since,
    durationMs: Math.round(performance.now() - started),
    ...(warning ? { warning } : {}),
  };
}

interface CorrectionGroup {
  itemId: string | null;
  title: string;
  summary: string;
  corrections: Correction[];
}

/** One group per item (or per copied text once the item is gone), corrections oldest first. */
function groupCorrections(corrections: readonly Correction[]): CorrectionGroup[] {
  const groups = new Map<string, CorrectionGroup>();
  for (const correction of corrections) {
    const key = correction.itemId ?? `text:${correction.title}\n${correction.summary}`;
    const group = groups.get(key) ?? { itemId: correction.itemId, title: correction.title, summary: correction.summary, corrections: [] };
    // The newest copy of the text: an entry may have been updated between two corrections.
    group.title = correction.title;
    group.summary = correction.summary;
    group.corrections.push(correction);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function toCorrectedText(group: CorrectionGroup, stored: StoredClassification | undefined, current: ReadyClassifier | undefined): CorrectedText {
  const base = stored ?? current!.classifier.classify({ title: group.title, summary: group.summary });
  return {
    title: group.title,
    summary: group.summary,
    corrected: latestLabels(group.corrections),
    current: { topic: base.topic, section: base.section as Section, relevant: base.relevant },
    source: `correction:${group.corrections.at(-1)!.id}`,
  };
}
