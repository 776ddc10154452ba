import type { TopicId, TopicScore } from '../../model/index.js';
import { keywordWeight, type KeywordHit } from './keywords.js';
import type { ClassifierTuning } from './tuning.js';

/** What the topic decision is made from. */
export interface TopicSignals {
  /** Topic ids in taxonomy order, with their priorities. */
  topics: readonly { id: TopicId; priority: number }[];
  fallback: TopicId;
  /** The trained model's scores (sum to 1 over the topics it was trained on). */
  model: ReadonlyMap<TopicId, number>;
  /** The model's own best topic and the item's words that pushed it most. */
  modelWinner?: TopicId;
  modelTerms: readonly string[];
  keywords: ReadonlyMap<TopicId, readonly KeywordHit[]>;
  cves: readonly string[];
  gangs: readonly string[];
  english: boolean;
  /** The section decision found a press release (section.ts). */
  pressRelease?: boolean;
}

export interface TopicDecision {
  topics: TopicScore[];
  /** The best topic, or the fallback when none made its case. */
  primary: TopicId;
  evidence: string[];
}

const RULE_TOPICS: Record<string, 'cves' | 'gangs'> = { vulnerability: 'cves', ransomware: 'gangs' };

const round = (x: number) => Math.round(x * 1000) / 1000;

function ruleEvidence(topic: TopicId, signals: TopicSignals): string[] {
  if (RULE_TOPICS[topic] === 'cves') return signals.cves.slice(0, 3).map((cve) => `rule: ${cve}`);
  if (RULE_TOPICS[topic] === 'gangs') return signals.gangs.slice(0, 3).map((gang) => `rule: ransomware gang ${gang}`);
  return [];
}

/**
 * Scores every topic 0..1: for a topic the model knows, w × model score + (1 − w) × keyword and
 * rule evidence (w = `modelWeight`); a topic the model has never seen (added by an editor) gets its
 * keyword evidence alone. Non-English text gets the fallback topic: neither the model nor the
 * keywords can read it.
 */
export function decideTopics(signals: TopicSignals, tuning: ClassifierTuning['topic']): TopicDecision {
  const scored = signals.topics.map(({ id, priority }) => {
    const hits = signals.keywords.get(id) ?? [];
    const rules = ruleEvidence(id, signals).length > 0 ? tuning.ruleWeight : 0;
    const evidence = 1 - Math.exp(-(keywordWeight(hits) + rules) / tuning.keywordScale);
    const model = signals.model.get(id);
    const score = model === undefined ? evidence : tuning.modelWeight * model + (1 - tuning.modelWeight) * evidence;
    return { id, priority, score: round(score), hits };
  });
  if (!signals.english) {
    for (const topic of scored) topic.score = topic.id === signals.fallback ? 1 : 0;
  }
  scored.sort((a, b) => b.score - a.score || b.priority - a.priority);
  const best = scored[0];
  const fallback = scored.find((t) => t.id === signals.fallback);
  // A company's own release that is about nothing the other topics cover is about the company: a
  // launch, a ranking, a deal (the labelling rules' `industry`). Every relevant release in the
  // labelled sets lists it; the others are breach notices and gang claims, which have their topic.
  const release = signals.pressRelease === true && signals.english ? scored.find((t) => t.id === tuning.releaseTopic) : undefined;
  if (release !== undefined && fallback !== undefined && (best === fallback || (best !== undefined && best.score < tuning.minScore))) {
    return { topics: scored.map(({ id, score }) => ({ id, score })), primary: release.id, evidence: [`press release about no other topic: ${release.id}`] };
  }
  if (signals.english && best !== undefined && fallback !== undefined && best !== fallback && best.score < tuning.minScore) {
    return { topics: scored.map(({ id, score }) => ({ id, score })), primary: fallback.id, evidence: [`no topic scores ${tuning.minScore} or more (best: ${best.id} ${best.score})`] };
  }
  const evidence: string[] = [];
  if (!signals.english) evidence.push('language: not English');
  else if (best !== undefined) {
    evidence.push(...ruleEvidence(best.id, signals));
    evidence.push(...best.hits.slice(0, 3).map((hit) => `keyword: ${hit.text}`));
    if (signals.modelWinner === best.id && signals.modelTerms.length > 0) evidence.push(`model: top terms ${signals.modelTerms.join(', ')}`);
    if (evidence.length === 0) evidence.push(`model: ${best.id} ${best.score.toFixed(2)}`);
  }
  return { topics: scored.map(({ id, score }) => ({ id, score })), primary: best?.id ?? signals.fallback, evidence };
}
