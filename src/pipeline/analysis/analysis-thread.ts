import { Worker } from 'node:worker_threads';
import type { Classification } from '../../model/index.js';
import { serializeModel } from '../classify/index.js';
import { fromWire, prepareItem, type PreparedItem, type PreparedWire } from '../dedupe/index.js';
import type { ClassifiableItem, ReadyClassifier } from './classifier.js';
import { CLAIM, PREPARE_CHUNK, type ThreadReply, type ThreadRequest, type ThreadSetup } from './analysis-thread-protocol.js';

/** What the thread returns for a batch: labels, and the items it failed on (left unclassified). */
export interface ThreadLabels {
  byItem: ReadonlyMap<string, Classification>;
  failures: { itemId: string; message: string }[];
}

/**
 * The analysis stage's second core. For each batch it classifies the items and, between slices of
 * that, prepares their text for the clusterer (features, copy keys: a third of filing an item)
 * from the last chunk back, while the main thread files the items in stories from the first,
 * preparing each chunk the thread has not taken (CLAIM). The two threads so share a batch's work
 * whatever their speeds.
 */
export interface AnalysisThread {
  /**
   * Hands the thread a batch: its items to classify, and their texts in filing order to prepare.
   * `prepared(i)` is the i-th text prepared: here, when the thread has not taken its chunk yet, else
   * the thread's (rejecting if the thread fails, as `labels` does).
   */
  batch(items: readonly ClassifiableItem[], texts: readonly { title: string; summary: string }[]): { labels: Promise<ThreadLabels>; prepared: (index: number) => Promise<PreparedItem> };
  /** The same sharing of `texts` without classification (a stored window being loaded). */
  prepareTexts(texts: readonly { title: string; summary: string }[]): (index: number) => Promise<PreparedItem>;
  close(): Promise<void>;
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
  /** The chunks each request still waits for from the thread (by request, then by chunk). */
  const chunks = new Map<number, Map<number, Deferred<PreparedWire[]>>>();
  let failed: Error | undefined;
  const fail = (error: Error) => {
    failed ??= error;
    for (const request of labels.values()) request.reject(failed);
    for (const request of chunks.values()) for (const chunk of request.values()) chunk.reject(failed);
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
      request?.get(reply.chunk)?.resolve(reply.items);
      request?.delete(reply.chunk);
      if (request?.size === 0) chunks.delete(reply.seq);
      return;
    }
    labels.get(reply.seq)?.resolve({ byItem: reply.byItem, failures: reply.failures });
    labels.delete(reply.seq);
  });
  worker.on('error', (error) => fail(error));
  worker.on('exit', (code) => fail(new Error(`the analysis thread exited with code ${code}`)));
  await ready$;

  let seq = 0;
  /**
   * Shares `texts` out in chunks with the thread (`send` posts the request with its claims): the
   * returned function prepares here a chunk the thread has not claimed, else awaits the thread's.
   */
  const share = (texts: readonly { title: string; summary: string }[], send: (seq: number, claims: Int32Array) => void) => {
    const count = Math.ceil(texts.length / PREPARE_CHUNK);
    const claims = new Int32Array(new SharedArrayBuffer(count * Int32Array.BYTES_PER_ELEMENT));
    const fromThread = Array.from({ length: count }, () => deferred<PreparedWire[]>());
    const waiting = new Map(fromThread.map((chunk, i) => [i, chunk]));
    // Requests may overlap (a batch's, then the stored window its filing loads): each has its own.
    const at = ++seq;
    if (failed) for (const chunk of fromThread) chunk.reject(failed);
    else {
      if (count > 0) chunks.set(at, waiting);
      send(at, claims);
    }
    const here = new Map<number, PreparedItem[]>();
    return async (index: number): Promise<PreparedItem> => {
      const chunk = Math.floor(index / PREPARE_CHUNK);
      let mine = here.get(chunk);
      if (mine === undefined && Atomics.compareExchange(claims, chunk, CLAIM.free, CLAIM.main) === CLAIM.free) {
        // The thread will not send this chunk.
        waiting.delete(chunk);
        if (waiting.size === 0) chunks.delete(at);
        const start = chunk * PREPARE_CHUNK;
        here.set(chunk, (mine = texts.slice(start, start + PREPARE_CHUNK).map(({ title, summary }) => prepareItem(title, summary))));
      }
      return mine ? mine[index % PREPARE_CHUNK]! : fromWire((await fromThread[chunk]!.promise)[index % PREPARE_CHUNK]!);
    };
  };
  const pairs = (texts: readonly { title: string; summary: string }[]): [string, string][] => texts.map(({ title, summary }) => [title, summary]);
  return {
    batch(items, texts) {
      const request = deferred<ThreadLabels>();
      const prepared = share(texts, (at, claims) => {
        labels.set(at, request);
        worker.postMessage({
          kind: 'batch',
          seq: at,
          items: items.map(({ id, title, summary, categories, feedKind }) => ({ id, title, summary, ...(categories ? { categories } : {}), ...(feedKind ? { feedKind } : {}) })),
          texts: pairs(texts),
          claims,
        } satisfies ThreadRequest);
      });
      if (failed) request.reject(failed);
      return { labels: request.promise, prepared };
    },
    prepareTexts(texts) {
      return share(texts, (at, claims) => worker.postMessage({ kind: 'prepare', seq: at, texts: pairs(texts), claims } satisfies ThreadRequest));
    },
    async close() {
      failed ??= new Error('the analysis thread was closed');
      await worker.terminate();
    },
  };
}
