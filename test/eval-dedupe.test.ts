import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/config/defaults.js';
import { evaluateSet } from '../scripts/eval/dedupe.js';
import { loadDemoSet, loadLabelledSet } from '../scripts/eval/labelled.js';
import { evaluateS33r } from '../scripts/eval/s33r-report.js';

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
    // targets (0.945 / 0.732 when recorded: the time anchor of issue 15 costs retellings published
    // days apart, the event signature adds a few and one false merge); docs/ARCHITECTURE.md
    // ("Dedupe") records why. This guards the recorded figures.
    const set = loadLabelledSet('real', realLabels, corpusDir);
    expect(set.unmatched).toEqual([]);
    const report = evaluateSet(set, DEFAULT_SETTINGS.dedupe);
    expect(report.precision).toBeGreaterThanOrEqual(0.94);
    expect(report.recall).toBeGreaterThanOrEqual(0.72);
  });

  const s33rDir = path.resolve(root, '..', 'shared', 'devsets', 's33r');
  const haveS33r = fs.existsSync(s33rDir);
  it.skipIf(!haveS33r)('does not fall below the figures recorded on the S33R tuning part (issue 15)', () => {
    // Recorded 0.647 / 0.584 (threads 0.682 / 0.520: late joins moved React2Shell coverage between
    // the threads it is split into, 0.696 / 0.552 before them); the targets (0.95 / 0.85) are not met
    // (docs/ARCHITECTURE.md, "Dedupe"). The test part is held out: only `npm run eval:dedupe` runs it.
    const [report] = evaluateS33r(root, ['tune'], DEFAULT_SETTINGS.dedupe);
    expect(report!.figures.items).toBeGreaterThan(4_000);
    expect(report!.figures.mismatchedLabels).toBe(0);
    expect(report!.figures.stories.precision).toBeGreaterThanOrEqual(0.64);
    expect(report!.figures.stories.recall).toBeGreaterThanOrEqual(0.58);
    expect(report!.figures.threads.precision).toBeGreaterThanOrEqual(0.68);
    expect(report!.figures.threads.recall).toBeGreaterThanOrEqual(0.51);
  });
  if (!haveS33r) console.warn(`skipping the S33R evaluation: ${s33rDir} is absent`);

  if (!haveReal) console.warn('skipping the real-corpus evaluation: ../shared/corpus/feeds or data/labels/dedupe-corpus.tsv is absent');
});
