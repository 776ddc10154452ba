import type { FeedKind } from '../../model/index.js';

/**
 * The weights and thresholds that turn model scores, keywords and rules into decisions. Defaults
 * were chosen on the S33R tuning part and the labelled corpora (`npm run eval:classify`), preferring
 * values in a flat region of all of them; none of them is about a particular item.
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
    /** Topic of a press release that no other topic claims (topics.ts), when the taxonomy has it. */
    releaseTopic: string;
  };
  relevance: {
    /**
     * `relevant` is `relevanceScore >= threshold`. The score is a calibrated probability, so the
     * threshold is one too: 0.6 files an item as relevant when at least 3 in 5 such items are.
     */
    threshold: number;
    /**
     * Added to the model's log-odds by kind of feed. Vendor research blogs and government advisory
     * feeds are security sources by definition (feeds.yaml), so their items start closer to
     * relevant; news feeds may be general outlets and wires carry every industry: nothing.
     */
    feedKindPrior: Record<FeedKind, number>;
    /**
     * Platt scaling of the model's log-odds, `sigmoid(scale × z + shift)`: the model learns from our
     * invented examples, whose words are clearer than real feeds', and was too sure of itself on
     * real items; fitted on the S33R tuning part (docs/ARCHITECTURE.md).
     */
    calibration: { scale: number; shift: number };
    /** How far security terms an editor added can raise the score: 1 − (1 − p)(1 − w·evidence). */
    addedTermWeight: number;
    /** Added-term weight at which that evidence reaches ~63 %. */
    securityScale: number;
    /** Log-odds taken off an item that opens like a forum post asking readers for help (`shape:ask`). */
    askPenalty: number;
  };
  section: {
    /** Added to the model's press-release probability per medium mark ("announced today"). */
    mediumMark: number;
    /** Probability (plus marks) needed for `press-release`, by feed kind; strong marks always win. */
    thresholds: Record<FeedKind, number>;
    /** Probability at which the model decides without a medium mark, by feed kind (see section.ts). */
    modelAlone: Record<FeedKind, number>;
  };
}

export const DEFAULT_TUNING: ClassifierTuning = {
  topic: { modelWeight: 0.6, keywordScale: 3, ruleWeight: 4, minScore: 0.12, releaseTopic: 'industry' },
  relevance: {
    threshold: 0.6,
    feedKindPrior: { vendor: 1, government: 1, news: 0, press: 0 },
    calibration: { scale: 0.58, shift: -0.3 },
    addedTermWeight: 0.5,
    securityScale: 3,
    askPenalty: 1.5,
  },
  // Vendors post research and product news side by side, and `analyze` files every item without a
  // configured feed as `news`: the model and the voice marks decide on both. Government feeds
  // publish advisories, never releases.
  section: { mediumMark: 0.3, thresholds: { press: 0, vendor: 0.6, news: 0.6, government: 1 }, modelAlone: { press: 0, vendor: 0.6, news: 0.95, government: 1 } },
};
