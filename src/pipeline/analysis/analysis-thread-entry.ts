/**
 * The analysis thread's own code (analysis-thread.ts starts it): it rebuilds the classifier from
 * the serialized model and settings it is sent, then answers requests in the order they come:
 * `prepare` (the clusterer's work on each item's text, sent back a chunk at a time so the main
 * thread can start filing) and `classify`. Messages are plain data; a failure on one item is
 * reported with the item, as classifyItems does in process.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadModel } from '../classify/index.js';
import { prepareItem, toWire } from '../dedupe/index.js';
import { PREPARE_CHUNK, type ThreadReply, type ThreadRequest, type ThreadSetup } from './analysis-thread-protocol.js';
import { classifierOf, classifyItems } from './classifier.js';

const setup = workerData as ThreadSetup & { entry?: string };
const ready = classifierOf(await loadModel(setup.model), setup.modelId, setup.settings);
const port = parentPort!;
const reply = (message: ThreadReply) => port.postMessage(message);
port.on('message', (request: ThreadRequest) => {
  if (request.kind === 'prepare') {
    const { seq, texts } = request;
    for (let start = 0, chunk = 0; start < texts.length; start += PREPARE_CHUNK, chunk++) {
      reply({ kind: 'prepared', seq, chunk, items: texts.slice(start, start + PREPARE_CHUNK).map(([title, summary]) => toWire(prepareItem(title, summary))) });
    }
    return;
  }
  const failures: { itemId: string; message: string }[] = [];
  const { byItem } = classifyItems(ready, new Map(), request.items, (itemId, error) => failures.push({ itemId, message: error.message }));
  reply({ kind: 'classified', seq: request.seq, byItem, failures });
});
reply({ kind: 'ready' });
