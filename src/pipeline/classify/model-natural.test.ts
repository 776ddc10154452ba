import Bayes from 'natural/lib/natural/classifiers/bayes_classifier.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainingExample } from '../../model/index.js';
import { balancingRepeats, HEAD_LABELS, HEADS, type Head } from './heads.js';
import { serializeModel, trainModel, type Model, type ModelText } from './model.js';

/**
 * model.ts scores with its own sparse loop and says it computes what natural's
 * BayesClassifier#getClassifications computes. This trains a plain natural classifier (its own
 * addDocument, textToFeatures and getClassifications) on the same features and compares: same
 * ranking, and the model's 0..1 scores at temperature 1 equal natural's values normalized to sum to 1.
 */
const example = (title: string, summary: string, topic: string, section: 'news' | 'press-release', relevant = true): TrainingExample => ({ title, summary, topics: [topic], section, relevant });

// Invented for this test: a few short items per label, with shared words so classes overlap.
const EXAMPLES: TrainingExample[] = [
  example('Router firmware flaw lets attackers run code', 'A buffer overflow in the admin page is exploited; patch now.', 'vulnerability', 'news'),
  example('Browser update fixes exploited memory bug', 'The vendor patched a use-after-free flaw reported by researchers.', 'vulnerability', 'news'),
  example('Patch for VPN appliance flaw released', 'Unauthenticated attackers could bypass login on the appliance.', 'vulnerability', 'news'),
  example('Hospital chain hit by ransomware gang', 'Encrypted servers forced clinics to divert ambulances; the gang demands a ransom.', 'ransomware', 'news'),
  example('Ransomware gang leaks school district files', 'The gang published stolen files after the district refused to pay the ransom.', 'ransomware', 'news'),
  example('Retailer says customer records exposed', 'An unprotected database exposed names, emails and order histories of customers.', 'data-breach', 'news'),
  example('Insurer notifies millions after data theft', 'Attackers copied customer records, including policy numbers, from a file server.', 'data-breach', 'news'),
  example('Phishing kit targets bank customers with fake login pages', 'Text messages lure victims to pages that steal passwords.', 'phishing-fraud', 'news'),
  example('Security vendor launches managed detection service', 'The company announced a new service for small businesses.', 'industry', 'press-release'),
  example('Firewall maker reports record quarterly revenue', 'The company said demand for its appliance line grew.', 'industry', 'press-release', false),
  example('Football club signs new striker', 'The club announced the transfer on Friday.', 'other', 'news', false),
  example('City council approves new bus routes', 'Residents asked for more routes to the hospital.', 'other', 'news', false),
];

// Mixed texts: clear cases, overlaps, words never seen in training, and empty text (priors only).
const INPUTS: ModelText[] = [
  { title: 'Attackers exploit unpatched router flaw', summary: 'Patch the firmware now.' },
  { title: 'Ransomware gang leaks hospital records', summary: 'Customer records and files were published after the ransom went unpaid.' },
  { title: 'Fake bank login pages steal passwords', summary: '' },
  { title: 'Company announces new appliance', summary: 'The vendor said the service launches for customers.' },
  { title: 'Council signs club transfer', summary: 'Residents approve.' },
  { title: 'Quokka zeppelin marmalade', summary: 'Entirely unfamiliar words.' },
  { title: '', summary: '' },
];

const TEMPERATURE_ONE = { topic: 1, section: 1, newsRelevance: 1, pressRelevance: 1 };

/** A plain natural classifier trained on the same labels, repeats and (selected) features. */
function naturalHead(model: Model, head: Head): { bayes: InstanceType<typeof Bayes>; vocabulary: Set<string> } {
  const vocabulary = new Set(serializeModel(model).heads[head].vocabulary);
  const labelled = EXAMPLES.flatMap((item) => {
    const label = HEAD_LABELS[head](item);
    return label === undefined ? [] : [{ label, features: model.features(item).filter((f) => vocabulary.has(f)) }];
  });
  const repeats = model.options.balanced.includes(head) ? balancingRepeats(labelled.map((l) => l.label)) : undefined;
  const bayes = new Bayes(undefined, model.options.smoothing);
  for (const { label, features } of labelled) {
    for (let r = repeats?.get(label) ?? 1; r > 0; r--) bayes.addDocument(features, label);
  }
  bayes.train();
  return { bayes, vocabulary };
}

describe.each([
  ['unbalanced', [] as Head[]],
  ['balanced', [...HEADS]],
])('model scores against natural getClassifications (%s training)', (_, balanced) => {
  let model: Model;
  beforeAll(async () => {
    model = await trainModel(EXAMPLES, { temperature: TEMPERATURE_ONE, balanced });
  });

  it.each(HEADS.map((head) => [head]))('%s head: same ranking and normalized probabilities', (head) => {
    const { bayes, vocabulary } = naturalHead(model, head);
    expect(model.labels(head).length).toBeGreaterThanOrEqual(2);
    for (const text of INPUTS) {
      const features = model.features(text);
      const expected = bayes.getClassifications(features.filter((f) => vocabulary.has(f)));
      const sum = expected.reduce((total, c) => total + c.value, 0);
      expect(sum).toBeGreaterThan(0);
      const actual = [...model.score(head, features).scores];
      expect(actual.map(([label]) => label), `${head}: ${text.title}`).toEqual(expected.map((c) => c.label));
      actual.forEach(([label, score], i) => {
        const want = expected[i]!.value / sum;
        expect(Math.abs(score - want), `${head} ${label}: ${text.title}`).toBeLessThanOrEqual(1e-12 + 1e-9 * want);
      });
    }
  });

  it('compares varied rankings, not one ranking over and over', () => {
    const rankings = INPUTS.map((text) => [...model.score('topic', model.features(text)).scores.keys()].join());
    expect(new Set(rankings).size).toBeGreaterThanOrEqual(5);
  });
});
