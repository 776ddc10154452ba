import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/config/defaults.js';
import { evaluateSet } from '../scripts/eval/dedupe.js';
import { loadDemoSet, loadLabelledSet } from '../scripts/eval/labelled.js';

/** The `npm run eval:dedupe` pipeline, on the demo corpus and (when present) the labelled real items. */
const root = fileURLToPath(new URL('..', import.meta.url));
const corpusDir = fileURLToPath(new URL('../shared/corpus/feeds/', new URL('..', import.meta.url)));
const realLabels = fileURLToPath(new URL('../data/labels/dedupe-corpus.tsv', import.meta.url));
const haveReal = fs.existsSync(corpusDir) && fs.existsSync(realLabels);

describe('dedupe evaluation', () => {
  it('meets the targets on the demo corpus: pairwise precision >= 0.97, recall >= 0.90', () => {
    const set = loadDemoSet(root);
    expect(set.unmatched).toEqual([]);
    const report = evaluateSet(set, DEFAULT_SETTINGS.dedupe);
    expect(report.precision).toBeGreaterThanOrEqual(0.97);
    expect(report.recall).toBeGreaterThanOrEqual(0.9);
  });

  it.skipIf(!haveReal)('does not fall below the figures recorded on the labelled real items', () => {
    // The real corpus (mostly world news told in one-sentence summaries) does not reach the issue's
    // targets yet (0.950 / 0.803 when recorded); docs/ARCHITECTURE.md ("Dedupe") records why. This
    // guards the recorded figures.
    const set = loadLabelledSet('real', realLabels, corpusDir);
    expect(set.unmatched).toEqual([]);
    const report = evaluateSet(set, DEFAULT_SETTINGS.dedupe);
    expect(report.precision).toBeGreaterThanOrEqual(0.95);
    expect(report.recall).toBeGreaterThanOrEqual(0.8);
  });

  if (!haveReal) it('skips the real corpus: ../shared/corpus/feeds or data/labels/dedupe-corpus.tsv is absent', () => {});
});
