import type { FeedKind } from '../../model/index.js';
import type { ClassifierTuning } from './tuning.js';

export interface RelevanceSignals {
  /** The trained model's probability that an editor would consider the item (0..1). */
  model: number;
  modelTerms: readonly string[];
  /** Weight of the taxonomy's security terms found (title hit 2, summary hit 1). */
  securityKeywords: number;
  securityExamples: readonly string[];
  cves: readonly string[];
  gangs: readonly string[];
  feedKind: FeedKind | undefined;
  english: boolean;
  title: string;
}

export interface RelevanceDecision {
  relevant: boolean;
  score: number;
  evidence: string[];
}

/** Plugs for the outlet's own podcast, webinar or sponsor: not news, whatever the topic. */
const PROMOTIONS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'webinar', pattern: /\bwebinars?\b|\bwebcast\b|\b(?:virtual|live) (?:event|session|panel)\b/i },
  { name: 'podcast', pattern: /\bpodcast\b|\b(?:episode|ep\.)\s*#?\d+\b/i },
  { name: 'registration call', pattern: /\b(?:register (?:now|today|here)|save your (?:seat|spot)|reserve your (?:seat|spot)|sign up (?:now|today)|join us (?:on|for|at|live))\b/i },
  { name: 'conference presence', pattern: /\b(?:at|to) (?:Black Hat|RSAC|RSA Conference|DEF CON|Infosecurity Europe|BSides\w*|Gartner Security|Ignite|re:Invent|it-sa|Cyber Week)\b|\b(?:visit|meet) us at\b|\bbooth\b/i },
  { name: 'sponsored', pattern: /^\s*\[?(?:sponsored|advertorial|partner content|promoted)\b/i },
];

/**
 * The model's probability, raised by security vocabulary and the feed kind's prior, then precise
 * adjustments: a CVE id or a ransomware gang makes an item relevant; a promotion in the headline
 * (webinar, podcast episode, "register now") makes it irrelevant. The model is asked the question that fits the section (see
 * heads.ts): a press release is judged against other industries' releases.
 */
export function decideRelevance(s: RelevanceSignals, tuning: ClassifierTuning['relevance']): RelevanceDecision {
  const vocabulary = 1 - Math.exp(-s.securityKeywords / tuning.securityScale);
  const prior = tuning.feedKindPrior[s.feedKind ?? 'news'];
  // Noisy-OR: security vocabulary can only add to the model's belief; its absence takes nothing away
  // (the term list is short, and much security news names no listed term).
  let score = Math.min(1, 1 - (1 - s.model) * (1 - tuning.vocabularyWeight * vocabulary) + prior);
  const evidence: string[] = [`model: relevant ${s.model.toFixed(2)}${s.modelTerms.length > 0 ? ` (${s.modelTerms.join(', ')})` : ''}`];
  if (s.securityExamples.length > 0) evidence.push(`security terms: ${s.securityExamples.slice(0, 3).join(', ')}`);
  else evidence.push('no security terms');
  if (prior !== 0) evidence.push(`feed kind: ${s.feedKind} (${prior > 0 ? '+' : ''}${prior})`);
  const promotion = PROMOTIONS.find((p) => p.pattern.test(s.title));
  if (s.cves.length > 0 || s.gangs.length > 0) {
    score = Math.max(score, 0.9);
    evidence.push(s.cves.length > 0 ? `rule: names ${s.cves[0]}` : `rule: names ransomware gang ${s.gangs[0]}`);
  } else if (promotion !== undefined) {
    score = Math.min(score, 0.2);
    evidence.push(`promotion: ${promotion.name} in title`);
  }
  if (!s.english) evidence.push('language: not English');
  const rounded = Math.round(score * 1000) / 1000;
  return { relevant: rounded >= tuning.threshold, score: rounded, evidence };
}
