/**
 * `npm run eval:classify`: the classifier, trained on the shipped set only, scored against hand
 * labels it never saw: the real corpus in ../shared/corpus/feeds (data/labels/classify-corpus.tsv)
 * the bundled demo corpus (data/demo/LABELS.tsv), and the issue-16 labels on the S33R archive in
 * ../shared/devsets/s33r: the tuning part (data/labels/s33r-classify-tune.tsv) with its misses, the
 * held-out test part (s33r-classify-test.tsv) as figures only, so that reading its misses can never
 * steer a change.
 *
 *   --evidence       print each miss's evidence too
 *   --json           print only the headline figures, as JSON
 *   --no-held-out    leave the held-out test part out (while changing the classifier)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClassifier, trainFromShippedSet } from '../src/pipeline/classify/index.js';
import { loadDemoCorpus, loadRealCorpus, loadS33rCorpus, type LabelledSet } from './eval/labelled-items.js';
import { figures, report, type Scored } from './eval/report.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = path.resolve(root, '..', 'shared', 'corpus', 'feeds');
const devsetDir = path.resolve(root, '..', 'shared', 'devsets', 's33r');
const heldOut = !process.argv.includes('--no-held-out');
const json = process.argv.includes('--json');
const evidence = process.argv.includes('--evidence');

const started = performance.now();
const model = await trainFromShippedSet();
const trainMs = Math.round(performance.now() - started);
const classifier = createClassifier({ model });

function score(set: LabelledSet): Scored[] {
  return set.items.map((labelled) => ({
    labelled,
    result: classifier.classify({ title: labelled.item.title, summary: labelled.item.summary, feedKind: labelled.feedKind, categories: labelled.item.categories }),
  }));
}

const sets: { name: string; set: LabelledSet; figuresOnly?: boolean }[] = [];
if (fs.existsSync(path.join(corpusDir, 'MANIFEST.tsv'))) {
  sets.push({ name: 'real corpus (../shared/corpus/feeds)', set: loadRealCorpus(path.join(root, 'data', 'labels', 'classify-corpus.tsv'), corpusDir) });
} else {
  console.error(`${path.relative(root, corpusDir)} not found: skipping the real-corpus evaluation (the demo corpus is still scored)`);
}
sets.push({ name: 'demo corpus (data/demo)', set: loadDemoCorpus(path.join(root, 'data', 'demo')) });
if (fs.existsSync(path.join(devsetDir, '2025-11.json'))) {
  const labels = (part: string) => path.join(root, 'data', 'labels', `s33r-classify-${part}.tsv`);
  sets.push({ name: 'S33R tuning part (Nov-Dec 2025)', set: loadS33rCorpus(labels('tune'), devsetDir) });
  if (heldOut) sets.push({ name: 'S33R held-out test part (Jan-Feb 2026)', set: loadS33rCorpus(labels('test'), devsetDir), figuresOnly: true });
} else {
  console.error(`${path.relative(root, devsetDir)} not found: skipping the S33R evaluation`);
}

const results = sets.map(({ name, set, figuresOnly = false }) => ({ name, set, figuresOnly, scored: score(set) }));
if (json) {
  console.log(JSON.stringify({ trainedOn: model.examples, trainMs, sets: results.map((r) => ({ name: r.name, ...figures(r.scored) })) }, null, 2));
} else {
  console.log(`model: trained on ${model.examples} shipped examples in ${trainMs} ms, ${model.vocabularySize} distinct features`);
  for (const { name, set, scored, figuresOnly } of results) {
    console.log('');
    if (set.missing.length > 0) console.log(`warning: ${set.missing.length} label rows match no item: ${set.missing.slice(0, 5).map((m) => `${m.file} ${m.guid}`).join('; ')}`);
    console.log(report(name, scored, { evidence, figuresOnly }).join('\n'));
  }
}
