/**
 * `npm run model:shipped`: trains the classifier on the shipped set (data/training/) and stores the
 * model in data/model/shipped-model.json, which every command then loads instead of training
 * (~15 ms against ~0.6 s). Run it after changing a training file or the classifier's features;
 * `npm test` fails while the stored model is not what training gives.
 */
import path from 'node:path';
import { SHIPPED_MODEL_FILE, writeShippedModel } from '../src/pipeline/classify/index.js';

const started = performance.now();
await writeShippedModel();
console.log(`${path.relative(process.cwd(), SHIPPED_MODEL_FILE)} written in ${Math.round(performance.now() - started)} ms`);
