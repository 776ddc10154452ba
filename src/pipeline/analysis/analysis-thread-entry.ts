/**
 * The analysis thread's own code (analysis-thread.ts starts it): it rebuilds the classifier from
 * the serialized model and settings it is sent, then works through each batch it receives,
 * alternating a slice of classification with one chunk of the clusterer's preparation (taken from
 * the last chunk back, while the main thread has not taken it), and sends each prepared chunk as
 * it is done and the labels at the end. A `prepare` request (a stored window) is preparation only. Messages are plain data; a failure on one item is reported
 * with the item, as classifyItems does in process.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Classification } from '../../model/index.js';
import { loadModel } from '../classify/index.js';
import { prepareItem, toWire } from '../dedupe/index.js';
import { CLAIM, PREPARE_CHUNK, type ThreadReply, type ThreadRequest, type ThreadSetup } from './analysis-thread-protocol.js';
import { classifierOf, classifyItems } from './classifier.js';

const setup = workerData as ThreadSetup;
const ready = classifierOf(await loadModel(setup.model), setup.modelId, setup.settings);
const port = parentPort!;
const reply = (message: ThreadReply) => port.postMessage(message);

port.on('message', (request: ThreadRequest) => {
  const { seq, texts, claims } = request;
  let back = claims.length - 1;
  /** Prepares the last chunk nobody has taken; false once the main thread has reached the back. */
  const prepareOne = (): boolean => {
    if (back < 0 || Atomics.compareExchange(claims, back, CLAIM.free, CLAIM.thread) !== CLAIM.free) return false;
    const start = back * PREPARE_CHUNK;
    reply({ kind: 'prepared', seq, chunk: back--, items: texts.slice(start, start + PREPARE_CHUNK).map(([title, summary]) => toWire(prepareItem(title, summary))) });
    return true;
  };
  if (request.kind === 'prepare') {
    while (prepareOne());
    return;
  }
  const { items } = request;
  const byItem = new Map<string, Classification>();
  const failures: { itemId: string; message: string }[] = [];
  let preparing = true;
  for (let start = 0; start < items.length; start += PREPARE_CHUNK) {
    if (preparing) preparing = prepareOne();
    const slice = classifyItems(ready, new Map(), items.slice(start, start + PREPARE_CHUNK), (itemId, error) => failures.push({ itemId, message: error.message }));
    for (const [id, label] of slice.byItem) byItem.set(id, label);
  }
  reply({ kind: 'classified', seq, byItem, failures });
  while (preparing) preparing = prepareOne();
});
reply({ kind: 'ready' });
