import { setImmediate } from 'node:timers/promises';
import type { Settings } from '../../model/index.js';
import type { AnalysisRepository } from '../../storage/index.js';
import { applyCorrections } from '../classify/index.js';
import { startAnalysisHelper, threadPlan } from './analysis-helper.js';
import type { ReadyClassifier } from './classifier.js';
import { StoryFiler } from './stories.js';

export interface AnalysisDeps {
  store: AnalysisRepository;
  settings: Pick<Settings, 'dedupe'>;
  /** The classifier, loaded on first use: a run that stored nothing never loads the model. */
  classifier: () => Promise<ReadyClassifier>;
  now: () => Date;
  /** Stops between batches (shutdown): analysed batches stay, the rest stays pending for the next run. */
  signal?: AbortSignal;
  /** Items per batch (default 5,000). */
  batchSize?: number;
  /** An item the classifier failed on (a bug): it is filed in its story, unclassified, and retried next run. */
  onWarning?: (message: string) => void;
  /** Called after each committed batch with the items analysed so far and those pending at the start. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Prepare items for the clusterer and classify them on a second thread while the main one files
   * stories (analysis-thread.ts). By default, on a machine with a second core, from the start when
   * more than one batch is pending, else once a stored window of `windowForThread` members is to be
   * loaded (an hourly run with a month of stored stories); `false` never, `true` from the start.
   */
  thread?: boolean;
  /** Stored members of a window worth starting the thread for (default: analysis-helper.ts WINDOW_FOR_THREAD). */
  windowForThread?: number;
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

/**
 * Items per batch. A batch's items lie all over the items table (they are read earliest published
 * first, stored feed by feed), so each commit rewrites about one page per item, and its WAL pages
 * are checkpointed again: with 2,000 a batch, committing took ~5 s of a 50,000-item cold run
 * (CPU profile), with 5,000 about half that.
 */
const BATCH = 5_000;

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
  const batchSize = deps.batchSize ?? BATCH;
  const helper = await startAnalysisHelper(ready, threadPlan(total, batchSize, deps), deps.onWarning);
  // One clusterer for the whole pass: each batch loads only the stored window it has not seen.
  const filer = new StoryFiler(store, settings.dedupe, helper.prepareTexts);
  try {
    for (;;) {
      if (deps.signal?.aborted) break;
      const batch = await store.pending(batchSize);
      if (batch.length === 0) break;
      const corrections = await store.correctedLabels(batch.map(({ item }) => item.id));
      // With a thread, the stored window is prepared first, then the thread classifies the batch and
      // prepares the items' text from the last chunk back, while this thread files them from the
      // first, preparing what it gets to first.
      await filer.loadWindow(batch);
      const work = helper.batch(batch.map(({ item, feedKind }) => ({ ...item, feedKind })), filer.filingOrder(batch).map(({ item }) => item));
      const { filings, results } = await filer.file(batch, work.prepared);
      const labels = await work.labels;
      for (const { itemId, message } of labels.failures) {
        deps.onWarning?.(`the classifier failed on item ${itemId} (left unclassified, retried next run): ${message}`);
      }
      const byItem = new Map([...labels.byItem].map(([id, label]) => [id, applyCorrections(label, corrections.get(id))]));
      filer.stored(await store.writeBatch({ items: batch, labels: byItem, modelId: ready.modelId, filings }));
      summary.items += batch.length;
      summary.newStories += results.filter((r) => r.match === 'new').length;
      deps.onProgress?.(summary.items, total);
      // Between batches: the run lock's renewal timer and the signal handlers get their turn.
      await setImmediate();
    }
  } finally {
    await helper.close();
  }
  summary.pending = await store.countPending();
  summary.durationMs = deps.now().getTime() - started;
  return summary;
}
