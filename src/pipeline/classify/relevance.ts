import type { FeedKind } from '../../model/index.js';
import type { ClassifierTuning } from './tuning.js';

export interface RelevanceSignals {
  /** The trained model's probability that an editor would consider the item (0..1). */
  model: number;
  modelTerms: readonly string[];
  /** Weight of the security terms an editor added in settings (title hit 2, summary hit 1), and the terms found. */
  addedTerms: number;
  addedExamples: readonly string[];
  cves: readonly string[];
  gangs: readonly string[];
  feedKind: FeedKind | undefined;
  english: boolean;
  title: string;
  /** A wire that carries only security companies' releases credits the text (wire.ts), or undefined. */
  securityWire?: string | undefined;
  /** The text opens like a forum post asking its readers for help (sense.ts `shape:ask`). */
  asksReaders?: boolean;
}

export interface RelevanceDecision {
  relevant: boolean;
  score: number;
  evidence: string[];
}

/**
 * What is never newsletter material, whatever its topic: plugs for a podcast, webinar or sponsor,
 * job ads, calls for papers. Read from the headline only: a news story may mention a webinar.
 */
const PROMOTIONS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'webinar', pattern: /\bwebinars?\b|\bwebcast\b|\b(?:virtual|live) (?:event|session|panel)\b|\blivestream\b/i },
  { name: 'podcast', pattern: /\bpodcast\b|\b(?:episode|ep\.)\s*#?\d+\b/i },
  { name: 'registration call', pattern: /\b(?:register (?:now|today|here)|save your (?:seat|spot)|reserve your (?:seat|spot)|sign up (?:now|today)|join us (?:on|for|at|live))\b/i },
  { name: 'conference presence', pattern: /\b(?:at|to) (?:Black Hat|RSAC|RSA Conference|DEF CON|Infosecurity Europe|BSides\w*|Gartner Security|Ignite|re:Invent|it-sa|Cyber Week)\b|\b(?:visit|meet) us at\b|\bbooth\b/i },
  { name: 'sponsored', pattern: /^\s*\[?(?:sponsored|advertorial|partner content|promoted)\b/i },
  {
    name: 'job posting',
    pattern: /\bwe(?:['’]re| are) hiring\b|\bjoin our team\b|\bjobs? (?:available|of the week)\b|\b(?:job|career) (?:posting|listing)s?\b|\bnow hiring\b|\bhiring:/i,
  },
  { name: 'call for papers', pattern: /\bcall for (?:papers|speakers|proposals|talks)\b|\bcalls? for papers\b|\bCFP\b/i },
];

const logit = (p: number) => Math.log(Math.max(1e-9, p) / Math.max(1e-9, 1 - p));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * A probability that an editor would consider the item: the model's, moved by the feed kind's
 * prior odds and calibrated (tuning.ts), raised by security terms an editor added in settings
 * (the model never saw those), lowered for a forum post asking its readers for help, then precise
 * rules: a CVE id, a ransomware gang or a security-only wire's credit makes an item relevant; a
 * promotion or job ad in the headline makes it irrelevant.
 */
export function decideRelevance(s: RelevanceSignals, tuning: ClassifierTuning['relevance']): RelevanceDecision {
  const prior = tuning.feedKindPrior[s.feedKind ?? 'news'];
  let score = sigmoid(tuning.calibration.scale * (logit(s.model) + prior) + tuning.calibration.shift);
  const evidence: string[] = [`model: relevant ${s.model.toFixed(2)}${s.modelTerms.length > 0 ? ` (${s.modelTerms.join(', ')})` : ''}`];
  if (prior !== 0) evidence.push(`feed kind: ${s.feedKind} (${prior > 0 ? '+' : ''}${prior} log-odds)`);
  if (s.addedTerms > 0) {
    // Noisy-OR: an editor's term can only add to the model's belief.
    score = 1 - (1 - score) * (1 - tuning.addedTermWeight * (1 - Math.exp(-s.addedTerms / tuning.securityScale)));
    evidence.push(`security terms: ${s.addedExamples.slice(0, 3).join(', ')}`);
  }
  if (s.asksReaders === true) {
    // "Hi all, … any recommendations?": a reader's question, whatever security words it uses
    // (issue 16: forum questions are not newsletter material). The model weighs the shape too, but
    // one feature among a question's many security words; a disclosure posted with a greeting
    // still passes when the rest of its evidence is strong.
    score = sigmoid(logit(score) - tuning.askPenalty);
    evidence.push(`forum question: asks readers for help (-${tuning.askPenalty} log-odds)`);
  }
  const promotion = PROMOTIONS.find((p) => p.pattern.test(s.title));
  if (s.cves.length > 0 || s.gangs.length > 0 || s.securityWire !== undefined) {
    score = Math.max(score, 0.9);
    evidence.push(s.cves.length > 0 ? `rule: names ${s.cves[0]}` : s.gangs.length > 0 ? `rule: names ransomware gang ${s.gangs[0]}` : `rule: ${s.securityWire} (a wire for security companies only)`);
  } else if (promotion !== undefined) {
    score = Math.min(score, 0.2);
    evidence.push(`promotion: ${promotion.name} in title`);
  }
  if (!s.english) evidence.push('language: not English');
  const rounded = Math.round(score * 1000) / 1000;
  return { relevant: rounded >= tuning.threshold, score: rounded, evidence };
}
