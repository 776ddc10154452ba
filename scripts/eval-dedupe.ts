/**
 * `npm run eval:dedupe`: pairwise precision, recall and F1 of story matching on
 *   (a) the hand-labelled real items (data/labels/dedupe-corpus.tsv; documents read from
 *       ../shared/corpus/feeds/ beside the repository, skipped with a message when absent),
 *   (b) the demo corpus (data/demo/LABELS.tsv), with every false merge and miss, and
 *   (c) the S33R parts (data/labels/s33r-tune.tsv, s33r-test.tsv; items read from
 *       ../shared/devsets/s33r/): stories pairwise and B-cubed, threads pairwise. The test part is
 *       held out: its figures only, never its errors (`--part tune` leaves it out altogether).
 * `--config FILE` evaluates that file's dedupe settings; `--quiet` prints the figures only; `--json`
 * prints one JSON object; `--part tune|test` evaluates one S33R part.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SETTINGS, loadConfig } from '../src/config/index.js';
import { describePair, evaluateSet, type SetReport } from './eval/dedupe.js';
import { loadDemoSet, loadLabelledSet, type LabelledSet } from './eval/labelled.js';
import { pooled, type PairScores } from './eval/pairwise.js';
import { evaluateS33r, formatS33r } from './eval/s33r-report.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const configAt = args.indexOf('--config');
const settings = configAt >= 0 ? loadConfig(args[configAt + 1]!).settings.dedupe : DEFAULT_SETTINGS.dedupe;
const quiet = args.includes('--quiet');
const json = args.includes('--json');
const partAt = args.indexOf('--part');
const parts = partAt >= 0 ? [args[partAt + 1]!] : ['tune', 'test'];

const sets: LabelledSet[] = [];
const corpusDir = path.resolve(root, '..', 'shared', 'corpus', 'feeds');
const realLabels = path.join(root, 'data', 'labels', 'dedupe-corpus.tsv');
if (!fs.existsSync(corpusDir)) console.error(`${path.relative(root, corpusDir)} not found: skipping the real-corpus evaluation`);
else if (!fs.existsSync(realLabels)) console.error(`${path.relative(root, realLabels)} not found: skipping the real-corpus evaluation`);
else sets.push(loadLabelledSet('real', realLabels, corpusDir));
sets.push(loadDemoSet(root));

const reports: SetReport[] = sets.map((set) => evaluateSet(set, settings));
const overall = pooled(reports);

const figures = (s: PairScores) =>
  `precision ${s.precision.toFixed(3)}  recall ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}  (${s.truePositives} true pairs found, ${s.falsePositives} false merges, ${s.falseNegatives} missed)`;

const s33r = evaluateS33r(root, parts, settings);

if (json) {
  const strip = ({ falseMerges, misses, ...rest }: SetReport) => ({ ...rest, falseMerges: falseMerges.length, misses: misses.length });
  console.log(JSON.stringify({ settings, sets: reports.map(strip), overall, s33r: s33r.map((r) => r.figures) }, null, 2));
} else {
  for (const [i, report] of reports.entries()) {
    const set = sets[i]!;
    console.log(`${report.name}: ${report.items} items, ${report.stories.labelled} labelled stories, ${report.stories.found} found`);
    console.log(`  ${figures(report)}`);
    if (set.unmatched.length) console.log(`  ${set.unmatched.length} label rows without an item: ${set.unmatched.map((u) => `${u.file} ${u.guid}`).join(', ')}`);
    if (!quiet) {
      if (report.falseMerges.length) console.log(`  false merges:\n${report.falseMerges.map((p) => describePair(p.a, p.b, settings)).join('\n')}`);
      if (report.misses.length) console.log(`  misses:\n${report.misses.map((p) => describePair(p.a, p.b, settings)).join('\n')}`);
    }
  }
  console.log(`overall: ${figures(overall)}`);
  for (const report of s33r) console.log(formatS33r(report, { errors: !quiet && report.figures.part === 'tune' }));
}
