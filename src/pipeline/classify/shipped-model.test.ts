import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeModel } from './model.js';
import { SHIPPED_MODEL_FILE, shippedModel, trainingDigest, writeShippedModel } from './shipped-model.js';
import { SHIPPED_TRAINING_DIR, trainFromShippedSet } from './training.js';

describe('the stored model of the shipped set', () => {
  it('is what training the shipped set gives now (after changing a training file or the features: npm run model:shipped)', async () => {
    const stored = JSON.parse(fs.readFileSync(SHIPPED_MODEL_FILE, 'utf8')) as { trainingDigest: string; model: unknown };
    expect(stored.trainingDigest, 'data/model/shipped-model.json is stale: run npm run model:shipped').toBe(await trainingDigest());
    expect(stored.model, 'data/model/shipped-model.json is stale: run npm run model:shipped').toEqual(serializeModel(await trainFromShippedSet()));
  });

  it('is used while the training files are those it was trained on, and trained anew once one changes or it is missing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-shipped-'));
    try {
      const training = path.join(dir, 'training');
      fs.cpSync(SHIPPED_TRAINING_DIR, training, { recursive: true });
      const file = path.join(dir, 'model.json');
      expect((await shippedModel(file, training)).from).toBe('trained');
      await writeShippedModel(file, training);
      const stored = await shippedModel(file, training);
      expect(stored.from).toBe('stored');
      expect(serializeModel(stored.model)).toEqual(JSON.parse(fs.readFileSync(file, 'utf8')).model);
      fs.appendFileSync(path.join(training, 'part-a.jsonl'), '{"title": "Quorvex patches a gateway flaw", "topics": ["vulnerability"], "section": "news", "relevant": true}\n');
      expect((await shippedModel(file, training)).from).toBe('trained');
      // A damaged file is an error naming it, not a silent retrain.
      fs.writeFileSync(file, '{"trainingDigest": "abc", "model": ');
      await expect(shippedModel(file, training)).rejects.toThrow(`${file} is not valid JSON`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
