import { setImmediate } from 'node:timers/promises';
import type { DedupeSettings, ItemClassifications, Settings } from '../../model/index.js';
import type { Assignment } from '../dedupe/index.js';
import { FeatureCache } from '../dedupe/index.js';
import { countPendingAnalysis, markAnalyzed, pendingItems, writeClassification, type Db } from '../../storage/index.js';
import { classifyItems, type ReadyClassifier } from './classifier.js';
import { fileInStories, prepareStoryKeys, type ItemToFile } from './stories.js';

export interface AnalysisDeps {
  db: Db;
  settings: Pick<Settings, 'dedupe'>;
  /** The classifier, loaded on first use: a run that stored nothing never loads the model. */
  classifier: () => Promise<ReadyClassifier>;
  now: () => Date;
  /** Stops between batches (shutdown): analysed batches stay, the rest stays pending for the next run. */
  signal?: AbortSignal;
  /** Items per batch (default 2,000). */
  batchSize?: number;
  /** An item the classifier failed on (a bug): it is filed in its story, unclassified, and retried next run. */
  onWarning?: (message: string) => void;
  /** Called after each committed batch with the items analysed so far and those pending at the start. */
  onProgress?: (done: number, total: number) => void;
}

/** What one pass of the analysis stage did. */
export interface AnalysisSummary {
  /** Items analysed (labelled and filed in stories). */
  items: number;
  /** Of those, opened a story of their own. */
  newStories: number;
  /** Items still pending (the run was stopped between batches). */
  pending: number;
  durationMs: number;
}

const BATCH = 2_000;

/**
 * The analysis stage: every stored item pending analysis (stored by a feed run, or left pending by a
 * run that was killed) is classified and filed in a story, a batch at a time. The CPU work of a batch
 * (classification, the new items' features) runs before its write transaction opens; the
 * transaction then writes the labels, matches the new items against the stored stories and marks
 * the batch analysed, so a crash leaves a batch either done or still pending, never half.
 */
export async function analyzePending(deps: AnalysisDeps): Promise<AnalysisSummary> {
  const started = deps.now().getTime();
  const { db, settings } = deps;
  const total = countPendingAnalysis(db);
  const summary: AnalysisSummary = { items: 0, newStories: 0, pending: total, durationMs: 0 };
  if (total === 0) return summary;
  prepareStoryKeys(db, settings.dedupe, deps.now());
  const ready = await deps.classifier();
  // One cache for the whole pass: members of busy stories are compared with many new items.
  const cache = new FeatureCache();
  for (;;) {
    if (deps.signal?.aborted) break;
    const batch = pendingItems(db, deps.batchSize ?? BATCH);
    if (batch.length === 0) break;
    const labels = classifyItems(ready, db, batch.map(({ item, feedKind }) => ({ ...item, feedKind })), (itemId, error) =>
      deps.onWarning?.(`the classifier failed on item ${itemId} (left unclassified, retried next run): ${error.message}`),
    );
    for (const { item } of batch) cache.features(item.id, item.title, item.summary);
    const toFile = batch.map(({ item, feedWeight, storyId }) => ({ item, weight: feedWeight, storyId }));
    const filed = db.transaction(() => writeAnalysis(db, toFile, labels, settings.dedupe, cache))();
    summary.items += batch.length;
    summary.newStories += filed.filter((a) => a.match === 'new').length;
    deps.onProgress?.(summary.items, total);
    // Between batches: the run lock's renewal timer and the signal handlers get their turn.
    await setImmediate();
  }
  summary.pending = countPendingAnalysis(db);
  summary.durationMs = deps.now().getTime() - started;
  return summary;
}

/**
 * Writes one analysed batch: the items' labels, their stories, and their analysis state. Call inside
 * one write transaction (`analyze --db` stores its items in the same one).
 */
export function writeAnalysis(db: Db, batch: readonly ItemToFile[], labels: ItemClassifications, settings: DedupeSettings, cache?: FeatureCache): Assignment[] {
  for (const { item } of batch) {
    const classification = labels.byItem.get(item.id);
    // An item the classifier failed on stays unclassified (topic NULL): the next collect retries it.
    if (classification) writeClassification(db, item.id, classification, labels.modelId);
  }
  const assignments = fileInStories(db, batch, settings, cache);
  markAnalyzed(db, batch.map(({ item }) => item.id));
  return assignments;
}
