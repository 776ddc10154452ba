/**
 * Pairwise precision and recall of a clustering against labelled groups: every pair of items is
 * a positive when the labels put both in one story; a predicted positive when the system did.
 */
export interface PairScores {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface PairError<T> {
  a: T;
  b: T;
}

export interface PairReport<T> extends PairScores {
  falseMerges: PairError<T>[];
  misses: PairError<T>[];
}

export function scores(tp: number, fp: number, fn: number): PairScores {
  // No predicted pairs means no false merges: precision 1 (and recall 0 if there were pairs to find).
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
}

/** Compares predicted and labelled groups over every pair of `items`. */
export function pairwise<T>(items: readonly T[], truth: (item: T) => string, predicted: (item: T) => string | number): PairReport<T> {
  const falseMerges: PairError<T>[] = [];
  const misses: PairError<T>[] = [];
  let tp = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i]!;
      const b = items[j]!;
      const same = truth(a) === truth(b);
      const merged = predicted(a) === predicted(b);
      if (same && merged) tp++;
      else if (merged) falseMerges.push({ a, b });
      else if (same) misses.push({ a, b });
    }
  }
  return { ...scores(tp, falseMerges.length, misses.length), falseMerges, misses };
}

/** Pools the counts of several reports (the overall figure). */
export function pooled(reports: readonly PairScores[]): PairScores {
  const sum = (key: 'truePositives' | 'falsePositives' | 'falseNegatives') => reports.reduce((n, r) => n + r[key], 0);
  return scores(sum('truePositives'), sum('falsePositives'), sum('falseNegatives'));
}
