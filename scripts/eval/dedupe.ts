/**
 * The dedupe evaluation: the real matching (the same code `secdigest analyze` runs) over a
 * labelled set, scored pairwise.
 */
import type { DedupeSettings } from '../../src/model/index.js';
import { findStories, verify, extractFeatures } from '../../src/pipeline/dedupe/index.js';
import type { LabelledItem, LabelledSet } from './labelled.js';
import { pairwise, type PairReport } from './pairwise.js';

export interface SetReport extends PairReport<LabelledItem> {
  name: string;
  items: number;
  stories: { labelled: number; found: number };
}

export function evaluateSet(set: LabelledSet, settings: DedupeSettings): SetReport {
  const { assignments } = findStories(set.items.map((l) => l.item), settings);
  const storyOf = new Map(set.items.map((l, i) => [l, assignments[i]!.storyId]));
  const report = pairwise(set.items, (l) => l.story, (l) => storyOf.get(l)!);
  return {
    ...report,
    name: set.name,
    items: set.items.length,
    stories: { labelled: new Set(set.items.map((l) => l.story)).size, found: new Set(assignments.map((a) => a.storyId)).size },
  };
}

/** One line per erroneous pair: similarity, then each item by file, guid and title. */
export function describePair(a: LabelledItem, b: LabelledItem, settings: DedupeSettings): string {
  const verdict = verify(extractFeatures(a.item.title, a.item.summary), extractFeatures(b.item.title, b.item.summary), settings);
  const side = (l: LabelledItem) => `${l.file} ${l.guid}\n      "${l.item.title}" [${l.story}]`;
  return `  similarity ${verdict.score.toFixed(2)} (${verdict.reason})\n    ${side(a)}\n    ${side(b)}`;
}
