import { setImmediate } from 'node:timers/promises';
import type { DedupeSettings, Settings } from '../../model/index.js';
import type { AnalysisRepository, FileStories } from '../../storage/index.js';
import { assignStory, FeatureCache, fingerprint, type Assignment } from '../dedupe/index.js';
import { classifyItems, type ReadyClassifier } from './classifier.js';
import { signatureOf, toDedupeItem } from './stories.js';

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
const DAY_MS = 86_400_000;

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
  const keysOf = (title: string, summary: string) => fingerprint(title, summary, settings.dedupe).keys;
  const since = new Date(deps.now().getTime() - settings.dedupe.windowDays * DAY_MS).toISOString();
  await store.prepareStoryKeys(signatureOf(settings.dedupe), since, keysOf);
  const ready = await deps.classifier();
  // One cache for the whole pass: members of busy stories are compared with many new items.
  const file = storyFiler(settings.dedupe, new FeatureCache());
  for (;;) {
    if (deps.signal?.aborted) break;
    const batch = await store.pending(deps.batchSize ?? BATCH);
    if (batch.length === 0) break;
    const corrections = await store.correctedLabels(batch.map(({ item }) => item.id));
    const labels = classifyItems(ready, corrections, batch.map(({ item, feedKind }) => ({ ...item, feedKind })), (itemId, error) =>
      deps.onWarning?.(`the classifier failed on item ${itemId} (left unclassified, retried next run): ${error.message}`),
    );
    const filed = await store.writeBatch({ items: batch, labels: labels.byItem, modelId: labels.modelId }, file, keysOf);
    summary.items += batch.length;
    summary.newStories += filed.filter((a) => a.match === 'new').length;
    deps.onProgress?.(summary.items, total);
    // Between batches: the run lock's renewal timer and the signal handlers get their turn.
    await setImmediate();
  }
  summary.pending = await store.countPending();
  summary.durationMs = deps.now().getTime() - started;
  return summary;
}

/**
 * Files new items in stories (pipeline/dedupe), earliest published first, ties in the order given
 * (pending items come as they were stored), not assignStories' tie rule by id: items published in
 * the same second are then filed in the order their feeds were stored, as when each feed run filed
 * its own. (Array sort is stable.)
 */
export function storyFiler(settings: DedupeSettings, cache = new FeatureCache()): FileStories<Assignment> {
  return (index, items) =>
    [...items]
      .sort((a, b) => (a.item.publishedAt < b.item.publishedAt ? -1 : a.item.publishedAt > b.item.publishedAt ? 1 : 0))
      .map(({ item, feedWeight }) => assignStory(toDedupeItem(item, feedWeight), index, settings, cache));
}
