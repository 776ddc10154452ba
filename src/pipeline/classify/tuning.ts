import type { FeedKind } from '../../model/index.js';

/**
 * The weights and thresholds that turn model scores, keywords and rules into decisions. Defaults
 * were chosen with 5-fold cross-validation on the shipped training set together with the labelled
 * corpora (`npm run eval:classify`), preferring values in a flat region of all three; none of them
 * is about a particular item. The relevance threshold is the sharpest: 0.55 or 0.65 cost the real
 * corpus its precision or its recall target.
 */
export interface ClassifierTuning {
  topic: {
    /** Share of a known topic's score from the model; the rest is keyword and rule evidence. */
    modelWeight: number;
    /** Keyword weight (title hit 2, summary hit 1) at which keyword evidence reaches ~63 %. */
    keywordScale: number;
    /** Keyword weight added by a rule (a CVE id for vulnerability, a gang name for ransomware). */
    ruleWeight: number;
    /** Below this best score no topic has made its case, and the item is filed under the fallback. */
    minScore: number;
  };
  relevance: {
    /** How far security vocabulary can raise the model's probability: 1 − (1 − p)(1 − w·vocabulary). */
    vocabularyWeight: number;
    /** Security-term weight at which vocabulary evidence reaches ~63 %. */
    securityScale: number;
    /** `relevant` is `relevanceScore >= threshold`. */
    threshold: number;
    /**
     * Added by kind of feed. Vendor research blogs and government advisory feeds are security
     * sources by definition (feeds.yaml), so their items start closer to relevant; news feeds may be
     * general outlets and wires carry every industry, so those get nothing.
     */
    feedKindPrior: Record<FeedKind, number>;
  };
  section: {
    /** Added to the model's press-release probability per medium mark ("announced today"). */
    mediumMark: number;
    /** Probability (plus marks) needed for `press-release`, by feed kind; strong marks always win. */
    thresholds: Record<FeedKind, number>;
  };
}

export const DEFAULT_TUNING: ClassifierTuning = {
  topic: { modelWeight: 0.75, keywordScale: 3, ruleWeight: 4, minScore: 0.12 },
  relevance: { vocabularyWeight: 0.5, securityScale: 3, threshold: 0.6, feedKindPrior: { vendor: 0.2, government: 0.2, news: 0, press: 0 } },
  // Vendors post research and product news side by side, so the model decides there; news and
  // government feeds rarely carry releases, and the model alone never makes one a release.
  section: { mediumMark: 0.3, thresholds: { press: 0, vendor: 0.75, news: 0.95, government: 1 } },
};
