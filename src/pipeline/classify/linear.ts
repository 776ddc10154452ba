/**
 * Multinomial logistic regression over sparse 0/1 features (issue 16): what each head of the model
 * is. Chosen over naive Bayes because it weighs features *against each other*: "hacked" can be
 * strong evidence of security news and "hacked … to death" strong evidence against it, where Bayes
 * multiplied both as if independent and let the common word win. Its outputs are probabilities
 * of a regularised log-loss fit, which is what makes the relevance threshold a probability.
 *
 * Written here rather than natural's LogisticRegressionClassifier, which learns from dense vectors
 * over the whole vocabulary: measured on the shipped set, one binary head took 0.18 s on 100
 * examples, 0.83 s on 200 and 3.1 s on 400 (quadratic: about a minute for all of them) and
 * classified ~4,000 items/s with its own tokenizer. This trains three heads in ~0.5 s.
 */

/** One training row: the indices of its features, its label's index and its weight. */
export interface LinearRow {
  features: Int32Array;
  label: number;
  weight: number;
}

export interface LinearOptions {
  /** Passes over the rows (in a seeded shuffled order: the same rows always give the same weights). */
  epochs: number;
  /** AdaGrad's base step. */
  learningRate: number;
  /** L2 penalty per weight: keeps rare features from deciding alone, and the probabilities modest. */
  l2: number;
  seed: number;
}

/**
 * Trained weights. With two labels only the difference of their logits matters, so a binary head
 * keeps one column: logit(label 1) − logit(label 0). Float32: what is stored is what is scored.
 */
export interface LinearWeights {
  labels: string[];
  /** Columns per feature: labels.length, or 1 for a binary head. */
  columns: number;
  /** featureCount × columns, row-major. */
  weights: Float32Array;
  bias: Float32Array;
}

/** mulberry32: a small seeded generator, so training is reproducible without a dependency. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(n: number, next: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

/**
 * Softmax regression by AdaGrad SGD, the L2 penalty applied to the weights each row touches
 * (scaled by 1/rows per touch, so a feature seen in every row is penalised about as the full
 * objective would). Sparse rows make each step cost features × labels.
 */
export function trainLinear(rows: readonly LinearRow[], featureCount: number, labels: readonly string[], options: LinearOptions): LinearWeights {
  const k = labels.length;
  const w = new Float64Array(featureCount * k);
  const g2 = new Float64Array(featureCount * k);
  const b = new Float64Array(k);
  const bg2 = new Float64Array(k);
  const z = new Float64Array(k);
  const decay = options.l2 / Math.max(1, rows.length);
  const next = random(options.seed);
  const eps = 1e-8;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const order = shuffled(rows.length, next);
    for (let r = 0; r < order.length; r++) {
      const row = rows[order[r]!]!;
      const features = row.features;
      for (let c = 0; c < k; c++) z[c] = b[c]!;
      for (let f = 0; f < features.length; f++) {
        const base = features[f]! * k;
        for (let c = 0; c < k; c++) z[c]! += w[base + c]!;
      }
      let top = -Infinity;
      for (let c = 0; c < k; c++) if (z[c]! > top) top = z[c]!;
      let sum = 0;
      for (let c = 0; c < k; c++) sum += (z[c] = Math.exp(z[c]! - top));
      for (let c = 0; c < k; c++) {
        // The gradient of the row's weighted log-loss with respect to its logit c.
        const grad = row.weight * (z[c]! / sum - (c === row.label ? 1 : 0));
        bg2[c]! += grad * grad;
        b[c]! -= (options.learningRate * grad) / Math.sqrt(bg2[c]! + eps);
        for (let f = 0; f < features.length; f++) {
          const i = features[f]! * k + c;
          const step = grad + decay * row.weight * w[i]!;
          g2[i]! += step * step;
          w[i]! -= (options.learningRate * step) / Math.sqrt(g2[i]! + eps);
        }
      }
    }
  }
  if (k === 2) {
    const weights = new Float32Array(featureCount);
    for (let f = 0; f < featureCount; f++) weights[f] = w[f * 2 + 1]! - w[f * 2]!;
    return { labels: [...labels], columns: 1, weights, bias: Float32Array.of(b[1]! - b[0]!) };
  }
  return { labels: [...labels], columns: k, weights: Float32Array.from(w), bias: Float32Array.from(b) };
}

/** Logits of one item (feature indices into the head's rows); a binary head gives [0, logit]. */
export function logits(head: LinearWeights, features: ArrayLike<number>): Float64Array {
  const k = head.columns;
  const out = new Float64Array(k === 1 ? 2 : k);
  const offset = k === 1 ? 1 : 0;
  for (let c = 0; c < k; c++) out[c + offset] = head.bias[c]!;
  for (let f = 0; f < features.length; f++) {
    const base = features[f]! * k;
    for (let c = 0; c < k; c++) out[c + offset]! += head.weights[base + c]!;
  }
  return out;
}

/** Softmax of logits, as probabilities in label order. */
export function softmax(z: Float64Array): Float64Array {
  let top = -Infinity;
  for (const v of z) if (v > top) top = v;
  let sum = 0;
  const out = new Float64Array(z.length);
  for (let i = 0; i < z.length; i++) sum += (out[i] = Math.exp(z[i]! - top));
  for (let i = 0; i < z.length; i++) out[i]! /= sum;
  return out;
}

/** A feature's weight for a label (for evidence): its column, or ± the binary column. */
export function weightOf(head: LinearWeights, feature: number, label: number): number {
  if (head.columns === 1) return (label === 1 ? 1 : -1) * head.weights[feature]!;
  return head.weights[feature * head.columns + label]!;
}
