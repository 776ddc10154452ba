import { ClassifierModelError, type Classification, type ClassifyInput, type Taxonomy } from '../../model/index.js';
import { extractCves } from './cve.js';
import { findGangs } from './gangs.js';
import { compileKeywords, compileTaxonomy, findKeywords, findKeywordSet, keywordWeight } from './keywords.js';
import { isProbablyEnglish } from './language.js';
import type { Model } from './model.js';
import { decideRelevance } from './relevance.js';
import { decideSection } from './section.js';
import { DEFAULT_TAXONOMY, taxonomyProblems } from './taxonomy.js';
import { decideTopics } from './topics.js';
import { DEFAULT_TUNING, type ClassifierTuning } from './tuning.js';
import { findVictims } from './victims.js';
import { findPressMarks, securityWire } from './wire.js';
import { asksReaders } from './sense.js';

export { DEFAULT_TAXONOMY, taxonomyProblems } from './taxonomy.js';
export { taxonomyFromSettings, tuningFromSettings } from './configured.js';
export { applyCorrections } from './corrections.js';
export { CORRECTION_WEIGHT, correctionExamples, withCorrections, type CorrectedText } from './feedback.js';
export { DEFAULT_TUNING, type ClassifierTuning } from './tuning.js';
export { extractCves, MAX_RANGE } from './cve.js';
export { findGangs } from './gangs.js';
export { findVictims } from './victims.js';
export { DEFAULT_MODEL_OPTIONS, Model, loadModel, scoreTopics, serializeModel, trainModel, type ModelOptions, type SerializedModel } from './model.js';
export { loadTrainingSet, parseTrainingExample, SHIPPED_TRAINING_DIR, trainFromShippedSet } from './training.js';
export { SHIPPED_MODEL_FILE, shippedModel, trainingDigest, writeShippedModel } from './shipped-model.js';
export type { Classification, ClassifyInput, Taxonomy, TrainingExample } from '../../model/index.js';

export interface Classifier {
  classify(input: ClassifyInput): Classification;
}

export interface ClassifierOptions {
  model: Model;
  taxonomy?: Taxonomy;
  tuning?: ClassifierTuning;
}

/** Plain text of a field that may be missing or not a string (input from storage or JSON). */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * The classification stage: topic, relevance, section and entities of one item, with the evidence
 * behind each. Pure and deterministic: the same input and model always give the same output.
 */
export function createClassifier({ model, taxonomy = DEFAULT_TAXONOMY, tuning = DEFAULT_TUNING }: ClassifierOptions): Classifier {
  const problems = taxonomyProblems(taxonomy);
  if (problems.length > 0) throw new ClassifierModelError(`invalid taxonomy: ${problems.join('; ')}`);
  const topics = compileTaxonomy(taxonomy);
  // The model has learned the default security terms' words; only an editor's own terms are new
  // evidence (scanning the default list for evidence alone was a tenth of classifying an item).
  const defaultTerms = new Set(DEFAULT_TAXONOMY.securityTerms ?? []);
  const addedTerms = compileKeywords((taxonomy.securityTerms ?? []).filter((term) => !defaultTerms.has(term)));
  const order = taxonomy.topics.map(({ id, priority }) => ({ id, priority }));

  return {
    classify(input) {
      const title = text(input.title);
      const summary = text(input.summary);
      const all = `${title}\n${summary}`;
      const english = isProbablyEnglish(all);
      const cves = extractCves(all);
      const gangs = findGangs(all);
      const features = model.features({ title, summary });
      const explain = (terms: string[]) => model.describe(terms, { title, summary });
      const topicModel = model.score('topic', features);
      const sectionModel = model.score('section', features);

      const marks = findPressMarks(title, summary);
      const section = decideSection({
        feedKind: input.feedKind,
        marks,
        model: sectionModel.scores.get('press-release') ?? 0,
        modelTerms: sectionModel.scores.get('press-release')! >= 0.5 ? explain(sectionModel.topTerms) : [],
      }, tuning.section);

      const added = addedTerms.pattern === undefined ? [] : findKeywordSet(addedTerms, title, summary);
      const relevanceModel = model.score('relevance', features);
      // A head that learned only one label has no opinion: 0.5.
      const relevanceProbability = relevanceModel.scores.get('yes') ?? 0.5;
      const relevance = decideRelevance({
        model: relevanceProbability,
        modelTerms: explain(relevanceModel.topTerms),
        addedTerms: keywordWeight(added),
        addedExamples: [...new Set(added.map((hit) => hit.text))],
        cves,
        gangs,
        feedKind: input.feedKind,
        english,
        title,
        securityWire: securityWire(marks),
        asksReaders: asksReaders(summary),
      }, tuning.relevance);

      const modelWinner = [...topicModel.scores].sort((a, b) => b[1] - a[1])[0]?.[0];
      const decision = decideTopics({
        topics: order,
        fallback: taxonomy.fallback,
        model: topicModel.scores,
        modelWinner,
        modelTerms: explain(topicModel.topTerms),
        // Feed categories ("Ransomware", "Vulnerabilities") are the publisher's own filing: keyword evidence.
        keywords: findKeywords(topics, title, `${summary}\n${(input.categories ?? []).filter((c) => typeof c === 'string').join('. ')}`),
        cves,
        gangs,
        english,
        // Only a release by its marks (or a wire feed): the model alone also files some vendor research there.
        pressRelease: section.section === 'press-release' && (input.feedKind === 'press' || marks.strong.length > 0 || marks.medium.length > 0),
      }, tuning.topic);
      const best = decision.primary;
      const topicEvidence = [...decision.evidence];
      // Off-topic items are filed under the fallback topic, whatever they are about.
      if (!relevance.relevant && best !== taxonomy.fallback) topicEvidence.unshift(`not relevant: filed under ${taxonomy.fallback} (would be ${best})`);

      return {
        topic: relevance.relevant ? best : taxonomy.fallback,
        topics: decision.topics,
        relevant: relevance.relevant,
        relevanceScore: relevance.score,
        section: section.section,
        cves,
        victims: findVictims(title, summary),
        evidence: { topic: topicEvidence, relevance: relevance.evidence, section: section.evidence },
      };
    },
  };
}
