/**
 * `npm run eval:classify`: the classifier, trained on the shipped set only, scored against hand
 * labels it never saw: the real corpus in ../shared/corpus/feeds (data/labels/classify-corpus.tsv)
 * and the bundled demo corpus (data/demo/LABELS.tsv).
 *
 *   --evidence   print each miss's evidence too
 *   --json       print only the headline figures, as JSON
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClassifier, trainFromShippedSet } from '../src/pipeline/classify/index.js';
import { loadDemoCorpus, loadRealCorpus, type LabelledSet } from './eval/labelled-items.js';
import { figures, report, type Scored } from './eval/report.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = path.resolve(root, '..', 'shared', 'corpus', 'feeds');
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

const sets: { name: string; set: LabelledSet }[] = [];
if (fs.existsSync(path.join(corpusDir, 'MANIFEST.tsv'))) {
  sets.push({ name: 'real corpus (../shared/corpus/feeds)', set: loadRealCorpus(path.join(root, 'data', 'labels', 'classify-corpus.tsv'), corpusDir) });
} else {
  console.error(`${path.relative(root, corpusDir)} not found: skipping the real-corpus evaluation (the demo corpus is still scored)`);
}
sets.push({ name: 'demo corpus (data/demo)', set: loadDemoCorpus(path.join(root, 'data', 'demo')) });

const results = sets.map(({ name, set }) => ({ name, set, scored: score(set) }));
if (json) {
  console.log(JSON.stringify({ trainedOn: model.examples, trainMs, sets: results.map((r) => ({ name: r.name, ...figures(r.scored) })) }, null, 2));
} else {
  console.log(`model: trained on ${model.examples} shipped examples in ${trainMs} ms, ${model.vocabularySize} distinct features`);
  for (const { name, set, scored } of results) {
    console.log('');
    if (set.missing.length > 0) console.log(`warning: ${set.missing.length} label rows match no item: ${set.missing.slice(0, 5).map((m) => `${m.file} ${m.guid}`).join('; ')}`);
    console.log(report(name, scored, { evidence }).join('\n'));
  }
}
