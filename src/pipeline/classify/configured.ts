import type { ClassifySettings, Taxonomy } from '../../model/index.js';
import { DEFAULT_TAXONOMY } from './taxonomy.js';
import { DEFAULT_TUNING, type ClassifierTuning } from './tuning.js';

/**
 * The taxonomy an editor configured (`settings.classify`): the default topics with any extra
 * keywords, then the added topics (which the trained model has never seen: they are scored from
 * their keywords alone, see topics.ts). The config layer has already checked that added ids are new
 * and that `keywords:` names existing topics.
 */
export function taxonomyFromSettings(settings: Pick<ClassifySettings, 'topics' | 'keywords' | 'securityTerms'>): Taxonomy {
  const extra = (id: string) => settings.keywords[id] ?? [];
  const topics = [...DEFAULT_TAXONOMY.topics, ...settings.topics].map((topic) => ({
    ...topic,
    keywords: [...topic.keywords, ...extra(topic.id)],
  }));
  return {
    ...DEFAULT_TAXONOMY,
    topics,
    securityTerms: [...(DEFAULT_TAXONOMY.securityTerms ?? []), ...settings.securityTerms],
  };
}

/** The tuning with the configured relevance threshold. */
export function tuningFromSettings(settings: Pick<ClassifySettings, 'relevanceThreshold'>): ClassifierTuning {
  return { ...DEFAULT_TUNING, relevance: { ...DEFAULT_TUNING.relevance, threshold: settings.relevanceThreshold } };
}
