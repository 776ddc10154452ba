import { describe, expect, it } from 'vitest';
import { logits, softmax, trainLinear, weightOf, type LinearRow } from './linear.js';

const OPTIONS = { epochs: 30, learningRate: 0.1, l2: 1, seed: 1 };
const row = (features: number[], label: number, weight = 1): LinearRow => ({ features: Int32Array.from(features), label, weight });

describe('trainLinear', () => {
  // Feature 0 says label 0, feature 1 label 1, feature 2 label 2; feature 3 is in every row.
  const rows = [row([0, 3], 0), row([0, 3], 0), row([1, 3], 1), row([1, 3], 1), row([2, 3], 2), row([2, 3], 2)];

  it('learns which feature says which label, with probabilities that sum to 1', () => {
    const head = trainLinear(rows, 4, ['a', 'b', 'c'], OPTIONS);
    for (const label of [0, 1, 2]) {
      const p = softmax(logits(head, [label, 3]));
      expect(p.reduce((sum, x) => sum + x, 0)).toBeCloseTo(1, 9);
      expect(p.indexOf(Math.max(...p))).toBe(label);
    }
    expect(weightOf(head, 0, 0)).toBeGreaterThan(weightOf(head, 0, 1));
  });

  it('keeps one column for two labels: the difference of their logits', () => {
    const head = trainLinear([row([0], 0), row([1], 1)], 2, ['no', 'yes'], OPTIONS);
    expect(head.columns).toBe(1);
    const [no, yes] = softmax(logits(head, [1]));
    expect(yes!).toBeGreaterThan(0.5);
    expect(no! + yes!).toBeCloseTo(1, 9);
    expect(weightOf(head, 1, 1)).toBe(-weightOf(head, 1, 0));
  });

  it('trains the same weights from the same rows and seed', () => {
    expect(trainLinear(rows, 4, ['a', 'b', 'c'], OPTIONS)).toEqual(trainLinear(rows, 4, ['a', 'b', 'c'], OPTIONS));
  });

  it('lets a heavier row count for more, and the penalty keep weights modest', () => {
    const light = trainLinear([row([0], 0), row([0], 1, 1)], 1, ['x', 'y'], OPTIONS);
    const heavy = trainLinear([row([0], 0), row([0], 1, 5)], 1, ['x', 'y'], OPTIONS);
    expect(softmax(logits(heavy, [0]))[1]!).toBeGreaterThan(softmax(logits(light, [0]))[1]!);
    const strong = trainLinear(rows, 4, ['a', 'b', 'c'], { ...OPTIONS, l2: 100 });
    const weak = trainLinear(rows, 4, ['a', 'b', 'c'], OPTIONS);
    expect(Math.abs(weightOf(strong, 0, 0))).toBeLessThan(Math.abs(weightOf(weak, 0, 0)));
  });
});
