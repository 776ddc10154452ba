import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassifierModelError, type TrainingExample } from '../../model/index.js';
import { createClassifier, loadModel, loadTrainingSet, scoreTopics, serializeModel, SHIPPED_TRAINING_DIR, trainFromShippedSet, trainModel, type Model } from './index.js';

const texts = [
  { title: 'Critical flaw in mail gateway exploited before patch', summary: 'Attackers used CVE-2026-1111 to run code on unpatched appliances.' },
  { title: 'Police arrest ransomware affiliate in Spain', summary: 'Europol said the suspect deployed encryptors against hospitals.' },
  { title: 'Parliament passes budget', summary: '' },
  { title: '', summary: '' },
];

let model: Model;
beforeAll(async () => {
  model = await trainFromShippedSet();
});

describe('model', () => {
  it('trains from the shipped set quickly, on every topic of the default taxonomy', async () => {
    const started = performance.now();
    const fresh = await trainFromShippedSet();
    expect(performance.now() - started).toBeLessThan(5000);
    expect(fresh.examples).toBeGreaterThanOrEqual(900);
    expect(fresh.labels('topic').sort()).toEqual(['data-breach', 'incident', 'industry', 'malware', 'nation-state', 'other', 'phishing-fraud', 'policy-legal', 'ransomware', 'vulnerability']);
  });

  it('scores topics between 0 and 1, summing to 1', () => {
    const scores = scoreTopics(model, texts[0]!);
    const values = [...scores.values()];
    expect(values.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect([...scores].sort((a, b) => b[1] - a[1])[0]![0]).toBe('vulnerability');
  });

  it('survives a JSON round trip with identical scores and classifications', async () => {
    const json: unknown = JSON.parse(JSON.stringify(serializeModel(model)));
    const loaded = await loadModel(json);
    const [a, b] = [createClassifier({ model }), createClassifier({ model: loaded })];
    for (const text of texts) {
      expect(scoreTopics(loaded, text)).toEqual(scoreTopics(model, text));
      expect(b.classify({ ...text, feedKind: 'news' })).toEqual(a.classify({ ...text, feedKind: 'news' }));
    }
    expect(serializeModel(loaded)).toEqual(serializeModel(model));
  });

  it('trains the same model from the same examples', async () => {
    const examples = await loadTrainingSet(SHIPPED_TRAINING_DIR);
    const again = await trainModel(examples);
    expect(serializeModel(again)).toEqual(serializeModel(model));
  });

  it('learns from extra examples such as editor corrections', async () => {
    const correction: TrainingExample = { title: 'Quokkaware botnet hijacks smart fridges', summary: 'Quokkaware spreads through fridge firmware.', topics: ['malware'], section: 'news', relevant: true, source: 'correction:1' };
    const corrected = await trainFromShippedSet(Array.from({ length: 5 }, () => correction));
    expect(corrected.examples).toBe(model.examples + 5);
    expect(scoreTopics(corrected, { title: 'Quokkaware returns', summary: '' }).get('malware')).toBeGreaterThan(scoreTopics(model, { title: 'Quokkaware returns', summary: '' }).get('malware')!);
  });

  it.each([
    ['null', null],
    ['another format', { format: 'other' }],
    ['a future version', { format: 'secdigest-classifier', version: 99 }],
    ['a naive Bayes model of version 1 (retrain it)', { format: 'secdigest-classifier', version: 1, heads: {} }],
    ['missing heads', { format: 'secdigest-classifier', version: 2, vocabulary: [], heads: {} }],
  ])('refuses %s with a typed error', async (_, json) => {
    await expect(loadModel(json)).rejects.toBeInstanceOf(ClassifierModelError);
  });
});

describe('model storage', () => {
  it('refuses weights that do not match the vocabulary', async () => {
    const json = JSON.parse(JSON.stringify(serializeModel(model))) as { vocabulary: string[] };
    json.vocabulary.push('extra-feature');
    await expect(loadModel(json)).rejects.toBeInstanceOf(ClassifierModelError);
  });

  it('stores every head over one vocabulary, in well under a megabyte', () => {
    const json = JSON.stringify(serializeModel(model));
    expect(json.length).toBeLessThan(1_000_000);
    expect(model.labels('relevance')).toEqual(['no', 'yes']);
    expect(model.labels('section')).toEqual(['news', 'press-release']);
  });
});

describe('loadTrainingSet', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'secdigest-training-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads every .jsonl file of a directory, noting where each example came from', async () => {
    await writeFile(path.join(dir, 'a.jsonl'), '{"title":"T1","summary":"S1","topics":["malware","incident"],"section":"news","relevant":true}\n\n');
    await writeFile(path.join(dir, 'b.jsonl'), '{"title":"T2","topics":["other"],"section":"press-release","relevant":false}\n');
    await writeFile(path.join(dir, 'notes.txt'), 'not training data');
    expect(await loadTrainingSet(dir)).toEqual([
      { title: 'T1', summary: 'S1', topics: ['malware', 'incident'], section: 'news', relevant: true, source: 'a.jsonl:1' },
      { title: 'T2', summary: '', topics: ['other'], section: 'press-release', relevant: false, source: 'b.jsonl:1' },
    ]);
  });

  it('names the file and line of every bad example', async () => {
    await writeFile(path.join(dir, 'c.jsonl'), '{"title":"ok","topics":["other"],"section":"news","relevant":true}\nnot json\n{"title":"x","topics":[],"section":"news","relevant":true}\n{"title":"x","topics":["other"],"section":"blog","relevant":"yes"}\n');
    const error = await loadTrainingSet(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClassifierModelError);
    expect((error as Error).message).toMatch(/3 bad line\(s\)/);
    expect((error as Error).message).toContain('c.jsonl:2: not valid JSON');
    expect((error as Error).message).toContain('c.jsonl:3: "topics" must be a non-empty list');
    expect((error as Error).message).toContain('c.jsonl:4: "section" must be one of news, press-release');
  });

  it('validates every shipped example', async () => {
    const examples = await loadTrainingSet(SHIPPED_TRAINING_DIR);
    expect(examples.length).toBeGreaterThanOrEqual(900);
  });
});
