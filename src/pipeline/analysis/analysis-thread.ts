import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Classification } from '../../model/index.js';
import { serializeModel } from '../classify/index.js';
import type { ClassifiableItem, ReadyClassifier } from './classifier.js';
import type { ThreadRequest, ThreadSetup } from './classify-thread-entry.js';

/** What the thread returns for a batch: labels, and the items it failed on (left unclassified). */
export interface ThreadLabels {
  byItem: Map<string, Classification>;
  failures: { itemId: string; message: string }[];
}

/**
 * The classifier on a second core: the analysis stage hands it a batch and files the batch in
 * stories on the main thread meanwhile (clustering and classification take similar time, so a large
 * analysis pass takes about the longer of the two instead of their sum).
 */
export interface ClassifierThread {
  classify(items: readonly ClassifiableItem[]): Promise<ThreadLabels>;
  close(): Promise<void>;
}

/** Whether a pass of `pending` items in batches of `batchSize` is worth a thread (~0.1 s to start). */
export function wantsClassifierThread(pending: number, batchSize: number): boolean {
  return pending > batchSize && availableParallelism() > 1;
}

/**
 * Starts the thread with the ready classifier's model. Run from TypeScript sources (tsx, vitest),
 * the thread registers tsx's loader first; built code runs the compiled entry directly.
 */
export async function startClassifierThread(ready: ReadyClassifier): Promise<ClassifierThread> {
  if (!ready.source) throw new Error('this classifier cannot be rebuilt in a thread (no model)');
  const setup: ThreadSetup = { model: serializeModel(ready.source.model), modelId: ready.modelId, settings: ready.source.settings };
  const entry = new URL(import.meta.url.endsWith('.ts') ? './classify-thread-entry.ts' : './classify-thread-entry.js', import.meta.url);
  const worker = entry.pathname.endsWith('.ts')
    ? new Worker(
        `const { workerData } = require('node:worker_threads');
         import(workerData.tsx).then((tsx) => { tsx.register(); return import(workerData.entry); });`,
        { eval: true, workerData: { ...setup, entry: entry.href, tsx: tsxLoader() } },
      )
    : new Worker(entry, { workerData: setup });

  const waiting = new Map<number, { resolve: (labels: ThreadLabels) => void; reject: (error: Error) => void }>();
  let failed: Error | undefined;
  const fail = (error: Error) => {
    failed ??= error;
    for (const { reject } of waiting.values()) reject(failed);
    waiting.clear();
  };
  let started!: () => void;
  const ready$ = new Promise<void>((resolve, reject) => {
    started = resolve;
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the classifier thread exited with code ${code} before it was ready`)));
  });
  worker.on('message', (message: { ready?: true; seq?: number } & Partial<ThreadLabels>) => {
    if (message.ready) return started();
    const request = waiting.get(message.seq!);
    waiting.delete(message.seq!);
    request?.resolve({ byItem: message.byItem!, failures: message.failures! });
  });
  worker.on('error', (error) => fail(error));
  worker.on('exit', (code) => fail(new Error(`the classifier thread exited with code ${code}`)));
  await ready$;

  let seq = 0;
  return {
    classify(items) {
      if (failed) return Promise.reject(failed);
      const request: ThreadRequest = { seq: ++seq, items: items.map(({ id, title, summary, categories, feedKind }) => ({ id, title, summary, ...(categories ? { categories } : {}), ...(feedKind ? { feedKind } : {}) })) };
      return new Promise((resolve, reject) => {
        waiting.set(request.seq, { resolve, reject });
        worker.postMessage(request);
      });
    },
    async close() {
      failed ??= new Error('the classifier thread was closed');
      await worker.terminate();
    },
  };
}

/** tsx's loader API (a dev dependency: only TypeScript sources start the thread through it). */
function tsxLoader(): string {
  return import.meta.resolve('tsx/esm/api');
}
