/**
 * Classification figures for `npm run bench`: what it costs to get a model (import, train from the
 * shipped set, or load a serialized one) and how many items per second it classifies.
 */
export interface ClassifyFigures {
  /** Importing the classify stage, natural's two files included (the first import in the process). */
  importMs: number;
  trainMs: number;
  trainedOn: number;
  /** JSON.parse of a serialized model plus loadModel: the cost when a trained model is cached. */
  loadMs: number;
  /** What commands pay: the stored shipped model (data/model), digest of the training files included. */
  shippedMs: number;
  shippedFrom: 'stored' | 'trained';
  modelKb: number;
  items: number;
  classifyMs: number;
  itemsPerSec: number;
}

const since = (start: number) => Math.round(performance.now() - start);

/** Measures model load and classifies the shipped training set repeated to at least `minItems` items. */
export async function benchClassify(minItems = 4000): Promise<ClassifyFigures> {
  let start = performance.now();
  const classify = await import('../../src/pipeline/classify/index.js');
  const importMs = since(start);

  start = performance.now();
  const model = await classify.trainFromShippedSet();
  const trainMs = since(start);

  const json = JSON.stringify(classify.serializeModel(model));
  start = performance.now();
  const loaded = await classify.loadModel(JSON.parse(json));
  const loadMs = since(start);

  start = performance.now();
  const shipped = await classify.shippedModel();
  const shippedMs = since(start);

  const examples = await classify.loadTrainingSet(classify.SHIPPED_TRAINING_DIR);
  const kinds = ['news', 'vendor', 'government', 'press'] as const;
  const inputs = Array.from({ length: Math.ceil(minItems / examples.length) }, (_, round) =>
    examples.map((e, i) => ({ title: e.title, summary: e.summary, feedKind: kinds[(i + round) % kinds.length] })),
  ).flat();
  const classifier = classify.createClassifier({ model: loaded });
  // Warm up the way a collect does after its first feeds: the JIT and the stem cache have seen a few
  // hundred items (a cold first pass measured the compiler, not the classifier).
  for (const input of inputs.slice(0, 500)) classifier.classify(input);
  start = performance.now();
  for (const input of inputs) classifier.classify(input);
  const classifyMs = Math.max(1, performance.now() - start);

  return {
    importMs,
    trainMs,
    trainedOn: model.examples,
    loadMs,
    shippedMs,
    shippedFrom: shipped.from,
    modelKb: Math.round(json.length / 1024),
    items: inputs.length,
    classifyMs: Math.round(classifyMs),
    itemsPerSec: Math.round((inputs.length / classifyMs) * 1000),
  };
}
