import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Classification } from '../../model/index.js';
import { serializeModel } from '../classify/index.js';
import { fromWire, type PreparedItem, type PreparedWire } from '../dedupe/index.js';
import type { ClassifiableItem, ReadyClassifier } from './classifier.js';
import { PREPARE_CHUNK, type ThreadReply, type ThreadRequest, type ThreadSetup } from './analysis-thread-protocol.js';

/** What the thread returns for a batch: labels, and the items it failed on (left unclassified). */
export interface ThreadLabels {
  byItem: ReadonlyMap<string, Classification>;
  failures: { itemId: string; message: string }[];
}

/**
 * The analysis stage's second core. For each batch it prepares the items' text for the clusterer
 * (features, copy keys: a third of filing an item) a chunk at a time, then classifies the batch,
 * while the main thread files the items in stories as their chunks arrive. Filing is the longer
 * job, so a large pass takes about as long as the main thread's filing alone.
 */
export interface AnalysisThread {
  /** The i-th text prepared, in the order given; each chunk's promise rejects if the thread fails. */
  prepareTexts(texts: readonly { title: string; summary: string }[]): (index: number) => Promise<PreparedItem>;
  classify(items: readonly ClassifiableItem[]): Promise<ThreadLabels>;
  close(): Promise<void>;
}

/** Whether a pass of `pending` items in batches of `batchSize` is worth a thread (~0.1 s to start). */
export function wantsAnalysisThread(pending: number, batchSize: number): boolean {
  return pending > batchSize && availableParallelism() > 1;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A chunk nobody awaited (the pass stopped) must not become an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * Starts the thread with the ready classifier's model. Run from TypeScript sources (tsx, vitest),
 * the thread registers tsx's loader first; built code runs the compiled entry directly.
 */
export async function startAnalysisThread(ready: ReadyClassifier): Promise<AnalysisThread> {
  if (!ready.source) throw new Error('this classifier cannot be rebuilt in a thread (no model)');
  const setup: ThreadSetup = { model: serializeModel(ready.source.model), modelId: ready.modelId, settings: ready.source.settings };
  const entry = new URL(import.meta.url.endsWith('.ts') ? './analysis-thread-entry.ts' : './analysis-thread-entry.js', import.meta.url);
  const worker = entry.pathname.endsWith('.ts')
    ? new Worker(
        `const { workerData } = require('node:worker_threads');
         import(workerData.tsx).then((tsx) => { tsx.register(); return import(workerData.entry); });`,
        { eval: true, workerData: { ...setup, entry: entry.href, tsx: import.meta.resolve('tsx/esm/api') } },
      )
    : new Worker(entry, { workerData: setup });

  const labels = new Map<number, Deferred<ThreadLabels>>();
  const chunks = new Map<number, Deferred<PreparedWire[]>[]>();
  let failed: Error | undefined;
  const fail = (error: Error) => {
    failed ??= error;
    for (const request of labels.values()) request.reject(failed);
    for (const request of chunks.values()) for (const chunk of request) chunk.reject(failed);
    labels.clear();
    chunks.clear();
  };
  let started!: () => void;
  const ready$ = new Promise<void>((resolve, reject) => {
    started = resolve;
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the analysis thread exited with code ${code} before it was ready`)));
  });
  worker.on('message', (reply: ThreadReply) => {
    if (reply.kind === 'ready') return started();
    if (reply.kind === 'prepared') {
      const request = chunks.get(reply.seq);
      request?.[reply.chunk]?.resolve(reply.items);
      if (request && reply.chunk === request.length - 1) chunks.delete(reply.seq);
      return;
    }
    labels.get(reply.seq)?.resolve({ byItem: reply.byItem, failures: reply.failures });
    labels.delete(reply.seq);
  });
  worker.on('error', (error) => fail(error));
  worker.on('exit', (code) => fail(new Error(`the analysis thread exited with code ${code}`)));
  await ready$;

  let seq = 0;
  const send = (request: ThreadRequest) => worker.postMessage(request);
  return {
    prepareTexts(texts) {
      const request = Array.from({ length: Math.ceil(texts.length / PREPARE_CHUNK) }, () => deferred<PreparedWire[]>());
      if (failed) for (const chunk of request) chunk.reject(failed);
      else if (request.length > 0) {
        chunks.set(++seq, request);
        send({ kind: 'prepare', seq, texts: texts.map(({ title, summary }) => [title, summary]) });
      }
      return async (index) => fromWire((await request[Math.floor(index / PREPARE_CHUNK)]!.promise)[index % PREPARE_CHUNK]!);
    },
    classify(items) {
      if (failed) return Promise.reject(failed);
      const request = deferred<ThreadLabels>();
      labels.set(++seq, request);
      send({ kind: 'classify', seq, items: items.map(({ id, title, summary, categories, feedKind }) => ({ id, title, summary, ...(categories ? { categories } : {}), ...(feedKind ? { feedKind } : {}) })) });
      return request.promise;
    },
    async close() {
      failed ??= new Error('the analysis thread was closed');
      await worker.terminate();
    },
  };
}
