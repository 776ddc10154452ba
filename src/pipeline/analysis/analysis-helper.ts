import { availableParallelism } from 'node:os';
import type { Classification } from '../../model/index.js';
import { prepareItem, type PreparedItem } from '../dedupe/index.js';
import { startAnalysisThread, type AnalysisThread } from './analysis-thread.js';
import { classifyItems, type ClassifiableItem, type ReadyClassifier } from './classifier.js';
import type { Preparer } from './stories.js';

/**
 * Stored members of a window worth starting the thread for when the batch alone is not: featurizing
 * them takes ~0.4 s or more on one core, the thread ~0.1 s to start.
 */
export const WINDOW_FOR_THREAD = 5_000;

/** When a pass starts the analysis thread: at once, or when a stored window this large is loaded (Infinity: never). */
export interface ThreadPlan {
  now: boolean;
  forWindow: number;
}

/**
 * The one policy: `thread: false` never, `true` at once; by default, on a machine with a second
 * core, at once when more than one batch is pending, else for a stored window of `windowForThread`.
 */
export function threadPlan(pending: number, batchSize: number, asked: { thread?: boolean; windowForThread?: number } = {}): ThreadPlan {
  if (asked.thread !== undefined) return { now: asked.thread, forWindow: Infinity };
  const secondCore = availableParallelism() > 1;
  return { now: secondCore && pending > batchSize, forWindow: secondCore ? (asked.windowForThread ?? WINDOW_FOR_THREAD) : Infinity };
}

/**
 * The analysis thread's work with a fallback: on the thread when asked and it starts, else (or
 * once it fails) in this thread. Labels come without the editors' corrections.
 */
export interface AnalysisHelper {
  batch(items: readonly ClassifiableItem[], texts: readonly { title: string; summary: string }[]): {
    labels: Promise<{ byItem: ReadonlyMap<string, Classification>; failures: { itemId: string; message: string }[] }>;
    /** Absent without a thread: the clusterer prepares each item itself. */
    prepared?: (index: number) => Promise<PreparedItem>;
  };
  /** A stored window's texts shared with the thread; undefined without one. */
  prepareTexts: Preparer;
  close(): Promise<void>;
}

export async function startAnalysisHelper(
  ready: ReadyClassifier,
  when: ThreadPlan,
  onWarning?: (message: string) => void,
  /** Test seam: how the thread is started. */
  startThread: (ready: ReadyClassifier) => Promise<AnalysisThread> = startAnalysisThread,
): Promise<AnalysisHelper> {
  const inProcess = (items: readonly ClassifiableItem[]) => {
    const failures: { itemId: string; message: string }[] = [];
    const { byItem } = classifyItems(ready, new Map(), items, (itemId, error) => failures.push({ itemId, message: error.message }));
    return { byItem, failures };
  };
  let thread: AnalysisThread | undefined;
  let starting: Promise<AnalysisThread | undefined> | undefined;
  const start = () =>
    (starting ??= (async () => {
      if (!ready.source) return undefined;
      try {
        thread = await startThread(ready);
      } catch (error) {
        onWarning?.(`analysing on the main thread: the analysis thread did not start (${(error as Error).message})`);
      }
      return thread;
    })());
  if (when.now) await start();
  const here = (texts: readonly { title: string; summary: string }[], index: number) => prepareItem(texts[index]!.title, texts[index]!.summary);
  return {
    batch(items, texts) {
      // Labels are only read once the batch is filed: classifying here first changes nothing.
      if (!thread) return { labels: Promise.resolve(inProcess(items)) };
      const onThread = thread.batch(items, texts);
      return {
        // A thread that failed mid-batch: the rest is prepared here, and the batch classified here.
        prepared: (index) => onThread.prepared(index).catch(() => here(texts, index)),
        labels: onThread.labels.catch(async (error: unknown) => {
          onWarning?.(`analysing on the main thread: the analysis thread failed (${(error as Error).message})`);
          const dead = thread;
          thread = undefined;
          await dead?.close();
          return inProcess(items);
        }),
      };
    },
    prepareTexts(texts) {
      if (!thread && (starting !== undefined || texts.length < when.forWindow)) return undefined;
      // Started here for a large stored window (~0.1 s): it then serves the rest of the pass.
      const sharing = (thread ? Promise.resolve(thread) : start()).then((started) => started?.prepareTexts(texts));
      return async (index) => {
        const share = await sharing;
        return share ? share(index).catch(() => here(texts, index)) : here(texts, index);
      };
    },
    close: async () => (await starting)?.close(),
  };
}
