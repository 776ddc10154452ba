import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../../files/atomic-file.js';
import { ClassifierModelError } from '../../model/index.js';
import { DEFAULT_MODEL_OPTIONS, loadModel, serializeModel, type Model, type SerializedModel } from './model.js';
import { SHIPPED_TRAINING_DIR, trainFromShippedSet } from './training.js';

/**
 * The shipped set's model, trained once by `npm run model:shipped` and stored beside the set:
 * loading it takes ~15 ms where training takes ~0.6 s, which every `collect`, `analyze` and
 * `schedule` start paid (issue 16: model load < 50 ms). Three levels up from both
 * `src/pipeline/classify/` and the built `dist/pipeline/classify/`.
 */
export const SHIPPED_MODEL_FILE = fileURLToPath(new URL('../../../data/model/shipped-model.json', import.meta.url));

interface StoredShippedModel {
  /** What it was trained from (trainingDigest): a stored model of other files is not used. */
  trainingDigest: string;
  model: SerializedModel;
}

/**
 * A digest of the shipped training files (names and contents, in name order) and the model options.
 * It cannot see a change to the feature code: a test retrains and compares (shipped-model.test.ts).
 */
export async function trainingDigest(dir = SHIPPED_TRAINING_DIR): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(DEFAULT_MODEL_OPTIONS));
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.jsonl')).sort()) {
    hash.update(`\u0000${name}\u0000`).update(await readFile(path.join(dir, name)));
  }
  return hash.digest('hex');
}

/**
 * The shipped set's model: the stored one when it was trained on the files as they are, else one
 * trained now (a training file edited since `npm run model:shipped`, or no stored model).
 */
export async function shippedModel(file = SHIPPED_MODEL_FILE, dir = SHIPPED_TRAINING_DIR): Promise<{ model: Model; from: 'stored' | 'trained' }> {
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== undefined) {
    let stored: StoredShippedModel;
    try {
      stored = JSON.parse(text) as StoredShippedModel;
    } catch (error) {
      throw new ClassifierModelError(`${file} is not valid JSON (${(error as Error).message}): run npm run model:shipped`, { cause: error });
    }
    if (stored.trainingDigest === (await trainingDigest(dir))) return { model: await loadModel(stored.model), from: 'stored' };
  }
  return { model: await trainFromShippedSet([], { dir }), from: 'trained' };
}

/** Trains the shipped set's model and stores it (atomically: a reader never sees half of it). */
export async function writeShippedModel(file = SHIPPED_MODEL_FILE, dir = SHIPPED_TRAINING_DIR): Promise<void> {
  const stored: StoredShippedModel = { trainingDigest: await trainingDigest(dir), model: serializeModel(await trainFromShippedSet([], { dir })) };
  writeFileAtomic(file, `${JSON.stringify(stored)}\n`);
}
