import { setImmediate } from 'node:timers/promises';
import type { ClassifySettings, Classification, CorrectedLabels, FeedKind, ItemClassifications } from '../../model/index.js';
import {
  applyCorrections,
  createClassifier,
  loadModel,
  taxonomyFromSettings,
  shippedModel,
  tuningFromSettings,
  type Classifier,
  type Model,
} from '../classify/index.js';
import type { ClassificationRepository, Storage } from '../../storage/index.js';

/** Where a command's classifier model comes from: the newest one `train` stored. */
export type ModelStore = Pick<ClassificationRepository, 'latestModel'>;

/** A classifier ready to use, and which model it runs. */
export interface ReadyClassifier {
  classifier: Classifier;
  /** The stored model's id (written with each item's labels), or null for the shipped set's. */
  modelId: number | null;
  /** Why a stored model was not used (it could not be read: e.g. made by another version). */
  warning?: string;
  /** What it was built from, so the analysis thread can build the same one (analysis-thread.ts). */
  source?: { model: Model; settings: ClassifySettings };
}

/** A model as the classifier of the configured taxonomy and tuning. */
export function classifierOf(model: Model, modelId: number | null, settings: ClassifySettings): ReadyClassifier {
  return { classifier: createClassifier({ model, taxonomy: taxonomyFromSettings(settings), tuning: tuningFromSettings(settings) }), modelId, source: { model, settings } };
}

/** Test seam: how the shipped-set model is obtained (tests reuse one trained model). */
export interface ClassifierSource {
  trainShipped?: () => Promise<Model>;
}

/**
 * The classifier for a command: the newest model `secdigest train` stored, else one trained from
 * the shipped set (~0.4 s). natural is loaded here, on first use only (model.ts), so commands that
 * never classify never pay for it. A stored model that cannot be loaded falls back to the shipped
 * set with a warning rather than stopping a collection.
 */
export async function readyClassifier(models: ModelStore | undefined, settings: ClassifySettings, source: ClassifierSource = {}): Promise<ReadyClassifier> {
  let warning: string | undefined;
  if (models) {
    try {
      const stored = await models.latestModel();
      if (stored) return classifierOf(await loadModel(stored.model), stored.id, settings);
    } catch (error) {
      warning = `stored classifier model not used (${(error as Error).message}): using the shipped training set; run \`secdigest train\``;
    }
  }
  const ready = classifierOf(await (source.trainShipped ?? trainShippedOnce)(), null, settings);
  return warning ? { ...ready, warning } : ready;
}

/**
 * The classifier, loaded (or trained, ~0.5 s) on first call only, so an hourly run that gets nothing
 * but 304s never pays for it. A stored model it could not use is reported once through `onWarning`.
 */
export function lazyClassifier(models: ModelStore, settings: ClassifySettings, options: { source?: ClassifierSource; onWarning?: (message: string) => void } = {}): () => Promise<ReadyClassifier> {
  let ready: Promise<ReadyClassifier> | undefined;
  return () =>
    (ready ??= readyClassifier(models, settings, options.source).then((loaded) => {
      if (loaded.warning) options.onWarning?.(loaded.warning);
      return loaded;
    }));
}

/**
 * The shipped set is the same for the life of a process, so its model is loaded once (stored by
 * `npm run model:shipped`, ~15 ms; trained, ~0.6 s, when a training file changed since): a
 * long-running `schedule` (and an in-process test run) pays it at its first collect, not at every
 * one. The model is read-only once loaded.
 */
let shipped: Promise<Model> | undefined;
function trainShippedOnce(): Promise<Model> {
  shipped ??= shippedModel().then(({ model }) => model).catch((error: unknown) => {
    shipped = undefined;
    throw error;
  });
  return shipped;
}

/** What the classifier reads of an item, with its id. */
export interface ClassifiableItem {
  id: string;
  title: string;
  summary: string;
  categories?: string[];
  feedKind?: FeedKind | undefined;
}

/**
 * Classifies items and lays their editors' corrections on top (a corrected field stays as the
 * editor set it). An item the classifier fails on is left out (stored unclassified, retried by the
 * next collect) rather than failing its whole batch, and reported through `onFailure`.
 */
export function classifyItems(
  ready: ReadyClassifier,
  corrections: ReadonlyMap<string, CorrectedLabels>,
  items: readonly ClassifiableItem[],
  onFailure?: (itemId: string, error: Error) => void,
): ItemClassifications {
  const byItem = new Map<string, Classification>();
  for (const item of items) {
    try {
      const classification = ready.classifier.classify({
        title: item.title,
        summary: item.summary,
        ...(item.feedKind ? { feedKind: item.feedKind } : {}),
        ...(item.categories ? { categories: item.categories } : {}),
      });
      byItem.set(item.id, applyCorrections(classification, corrections.get(item.id)));
    } catch (error) {
      // Left unclassified (topic NULL): visible in the database, retried next run.
      onFailure?.(item.id, error as Error);
    }
  }
  return { modelId: ready.modelId, byItem };
}

export interface ReclassifyScope {
  /** Items published at or after this ISO time (plus every unclassified one). Absent: unclassified only. */
  publishedSince?: string;
  all?: boolean;
  /** Stops between pages (shutdown): the pages written stay, the rest waits for the next run. */
  signal?: AbortSignal;
  /** An item the classifier failed on (left unclassified). */
  onWarning?: (message: string) => void;
}

const PAGE = 500;

/**
 * (Re)classifies stored items and writes their labels, a page of 500 per transaction so a long run
 * never holds the write lock for long. It yields to the event loop between pages: a reclassification
 * of a large database (after a schema upgrade) takes minutes, and the run lock's renewal timer and
 * the signal handlers must still get their turn, or another collect could take over the expired
 * lease while this one is still working. Returns how many were written.
 */
export async function classifyStoredItems(
  storage: Pick<Storage, 'classification' | 'analysis'>,
  ready: ReadyClassifier,
  scope: ReclassifyScope = {},
): Promise<number> {
  const { signal, onWarning, ...which } = scope;
  let written = 0;
  let afterId = '';
  for (;;) {
    if (signal?.aborted) return written;
    const page = await storage.classification.toClassify({ ...which, afterId, limit: PAGE });
    if (page.length === 0) return written;
    const labels = classifyItems(ready, await storage.analysis.correctedLabels(page.map((item) => item.id)), page, (itemId, error) => onWarning?.(`the classifier failed on item ${itemId} (left unclassified): ${error.message}`));
    await storage.classification.writeLabels(labels.byItem, labels.modelId);
    written += labels.byItem.size;
    afterId = page.at(-1)!.id;
    await setImmediate();
  }
}
