/** The S33R parts of `npm run eval:dedupe`: figures per part, and the tuning part's errors. */
import fs from 'node:fs';
import path from 'node:path';
import type { DedupeSettings } from '../../src/model/index.js';
import { findStories } from '../../src/pipeline/dedupe/index.js';
import { pairwise, type PairScores } from './pairwise.js';
import { bcubed, loadS33rPart, type S33rItem } from './s33r.js';

export interface S33rFigures {
  part: string;
  range: string;
  items: number;
  labelledStories: number;
  stories: Omit<PairScores, never> & { bcubedF1: number };
  threads: PairScores;
  mismatchedLabels: number;
}

export interface S33rReport {
  figures: S33rFigures;
  falseMerges: { a: S33rItem; b: S33rItem }[];
  misses: { a: S33rItem; b: S33rItem }[];
}

export function evaluateS33r(root: string, parts: readonly string[], settings: DedupeSettings): S33rReport[] {
  const devset = path.resolve(root, '..', 'shared', 'devsets', 's33r');
  const reports: S33rReport[] = [];
  for (const part of parts) {
    const labels = path.join(root, 'data', 'labels', `s33r-${part}.tsv`);
    if (!fs.existsSync(labels)) {
      console.error(`${path.relative(root, labels)} not found: skipping the S33R ${part} part`);
      continue;
    }
    if (!fs.existsSync(devset)) {
      console.error(`${path.relative(root, devset)} not found: skipping the S33R ${part} part`);
      continue;
    }
    const loaded = loadS33rPart(part, labels, devset);
    const { assignments } = findStories(loaded.items.map((l) => l.item), settings);
    const storyOf = new Map(loaded.items.map((l, i) => [l, assignments[i]!.storyId]));
    const threadOf = new Map(loaded.items.map((l, i) => [l, assignments[i]!.threadId]));
    const stories = pairwise(loaded.items, (l) => l.story, (l) => storyOf.get(l)!);
    const threads = pairwise(loaded.items, (l) => l.thread, (l) => threadOf.get(l)!);
    const { falseMerges, misses, ...storyScores } = stories;
    const { falseMerges: _m, misses: _n, ...threadScores } = threads;
    reports.push({
      figures: {
        part,
        range: loaded.range,
        items: loaded.items.length,
        labelledStories: new Set(loaded.items.map((l) => l.story)).size,
        stories: { ...storyScores, bcubedF1: bcubed(loaded.items, (l) => l.story, (l) => storyOf.get(l)!).f1 },
        threads: threadScores,
        mismatchedLabels: loaded.mismatched.length,
      },
      falseMerges,
      misses,
    });
  }
  return reports;
}

export function formatS33r(report: S33rReport, options: { errors: boolean }): string {
  const f = report.figures;
  const pr = (s: PairScores) => `precision ${s.precision.toFixed(3)}  recall ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}  (${s.truePositives} found, ${s.falsePositives} false, ${s.falseNegatives} missed)`;
  const lines = [
    `s33r-${f.part} (${f.range}): ${f.items} items, ${f.labelledStories} labelled stories${f.mismatchedLabels ? `, ${f.mismatchedLabels} label rows whose link differs` : ''}`,
    `  stories: ${pr(f.stories)}  B-cubed F1 ${f.stories.bcubedF1.toFixed(3)}`,
    `  threads: ${pr(f.threads)}`,
  ];
  if (options.errors) {
    const show = (p: { a: S33rItem; b: S33rItem }) =>
      `    ${p.a.key} [${p.a.story}] "${p.a.item.title.slice(0, 90)}" ${p.a.item.publishedAt.slice(0, 10)}\n    ${p.b.key} [${p.b.story}] "${p.b.item.title.slice(0, 90)}" ${p.b.item.publishedAt.slice(0, 10)}`;
    lines.push(`  false merges (${report.falseMerges.length}, first 40):`, ...report.falseMerges.slice(0, 40).map(show));
    lines.push(`  misses (${report.misses.length}, first 40):`, ...report.misses.slice(0, 40).map(show));
  }
  return lines.join('\n');
}
