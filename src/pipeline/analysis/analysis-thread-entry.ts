/**
 * The classifier thread's own code (classify-thread.ts starts it): it rebuilds the classifier from
 * the serialized model and settings it is sent, then classifies each batch it receives. Messages
 * are plain data; a failure on one item is reported with the item, as classifyItems does in process.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ClassifySettings } from '../../model/index.js';
import { loadModel } from '../classify/index.js';
import { classifierOf, classifyItems, type ClassifiableItem } from './classifier.js';

export interface ThreadSetup {
  model: unknown;
  modelId: number | null;
  settings: ClassifySettings;
}

export interface ThreadRequest {
  seq: number;
  items: ClassifiableItem[];
}

const setup = workerData as ThreadSetup & { entry?: string };
const ready = classifierOf(await loadModel(setup.model), setup.modelId, setup.settings);
const port = parentPort!;
port.on('message', ({ seq, items }: ThreadRequest) => {
  const failures: { itemId: string; message: string }[] = [];
  const { byItem } = classifyItems(ready, new Map(), items, (itemId, error) => failures.push({ itemId, message: error.message }));
  port.postMessage({ seq, byItem, failures });
});
port.postMessage({ ready: true });
