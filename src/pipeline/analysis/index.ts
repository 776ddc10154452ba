import { setImmediate } from 'node:timers/promises';
import type { Settings } from '../../model/index.js';
import type { AnalysisRepository } from '../../storage/index.js';
import { classifyItems, type ReadyClassifier } from './classifier.js';
import { StoryFiler } from './stories.js';

export interface AnalysisDeps {
  store: AnalysisRepository;
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
 * run that was killed) is classified and filed in a story, a batch at a time. The CPU work of
 * classification runs before the batch's write; the write (labels, stories, analysed state) is one
 * transaction of the storage port, so a crash leaves a batch either done or still pending.
 */
export async function analyzePending(deps: AnalysisDeps): Promise<AnalysisSummary> {
  const started = deps.now().getTime();
  const { store, settings } = deps;
  const total = await store.countPending();
  const summary: AnalysisSummary = { items: 0, newStories: 0, pending: total, durationMs: 0 };
  if (total === 0) return summary;
  const ready = await deps.classifier();
  // One clusterer for the whole pass: each batch loads only the stored window it has not seen.
  const filer = new StoryFiler(store, settings.dedupe);
  for (;;) {
    if (deps.signal?.aborted) break;
    const batch = await store.pending(deps.batchSize ?? BATCH);
    if (batch.length === 0) break;
    const corrections = await store.correctedLabels(batch.map(({ item }) => item.id));
    const labels = classifyItems(ready, corrections, batch.map(({ item, feedKind }) => ({ ...item, feedKind })), (itemId, error) =>
      deps.onWarning?.(`the classifier failed on item ${itemId} (left unclassified, retried next run): ${error.message}`),
    );
    const { filings, results } = await filer.file(batch);
    filer.stored(await store.writeBatch({ items: batch, labels: labels.byItem, modelId: labels.modelId, filings }));
    summary.items += batch.length;
    summary.newStories += results.filter((r) => r.match === 'new').length;
    deps.onProgress?.(summary.items, total);
    // Between batches: the run lock's renewal timer and the signal handlers get their turn.
    await setImmediate();
  }
  summary.pending = await store.countPending();
  summary.durationMs = deps.now().getTime() - started;
  return summary;
}
