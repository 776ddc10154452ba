import type { DedupeSettings } from '../../model/index.js';
import { nameOverlap, namesMissingFrom } from './entities.js';
import type { Features } from './features.js';

/** Why two items are, or are not, one story: shown by the evaluation, asserted in tests. */
export type VerdictReason =
  /** Similar enough (similarity at or above `similarity`). */
  | 'similar'
  /** A CVE id in common and similarity at or above `cveSimilarity`. */
  | 'shared-cve'
  /** Both name CVE ids, none in common: two vulnerabilities. */
  | 'different-cves'
  /** Each headline names something the other item never mentions, and their names mostly differ. */
  | 'different-names'
  /** A round-up, an opinion or explainer piece, or a lawsuit next to its incident, not similar enough. */
  | 'different-kind'
  | 'dissimilar';

export interface Verdict {
  same: boolean;
  /** Weighted cosine similarity, 0..1. */
  score: number;
  reason: VerdictReason;
}

/**
 * Cosine similarity of the items' token sets where a token counts √weight on each side, so a
 * shared token weighs √(wa·wb): "Tarnwell" shared as a name in both counts 2.5, a shared "patch"
 * 0.5. Short texts rarely repeat words, so sets lose little against term counts.
 */
export function similarity(a: Features, b: Features): number {
  if (a.mass === 0 || b.mass === 0) return 0;
  const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
  let shared = 0;
  for (const [token, weight] of small.weights) {
    const other = large.weights.get(token);
    if (other !== undefined) shared += Math.sqrt(weight * other);
  }
  return shared / Math.sqrt(a.mass * b.mass);
}

/**
 * A round-up or a feature piece (opinion, explainer, service page) takes its own angle: it is not
 * another item's duplicate unless nearly a copy of it. A lawsuit is a story apart from its incident.
 */
function differentKinds(a: Features, b: Features): boolean {
  if (a.kind === 'roundup' || b.kind === 'roundup' || a.kind === 'feature' || b.kind === 'feature') return true;
  return (a.kind === 'legal') !== (b.kind === 'legal');
}

/**
 * Headlines that each name something the other item never mentions are a template filled in
 * twice (law-firm alerts for two victims, funding rounds of two start-ups), unless the two items
 * share most of their names (`nameOverlap`) and are similar at `conflictSimilarity` anyway: a
 * retelling that adds a detail to its headline.
 */
function differentNames(a: Features, b: Features, settings: DedupeSettings): boolean {
  if (namesMissingFrom(a.titleNames, b.weights).length === 0 || namesMissingFrom(b.titleNames, a.weights).length === 0) return false;
  // Each headline's subject (its first name) is one the other item never mentions: "Quorvex named
  // a Leader …" and "Tamsin Security named a Leader …".
  if (a.subject && b.subject && !b.weights.has(a.subject) && !a.weights.has(b.subject)) return true;
  return nameOverlap(a.names, b.names) < settings.nameOverlap || similarity(a, b) < settings.conflictSimilarity;
}

/** The verification step on an LSH candidate pair (issue 4): the rules in order, first match wins. */
export function verify(a: Features, b: Features, settings: DedupeSettings): Verdict {
  const score = similarity(a, b);
  const verdict = (same: boolean, reason: VerdictReason): Verdict => ({ same, score, reason });
  let sharedCve = false;
  if (a.cves.size > 0 && b.cves.size > 0) {
    for (const cve of a.cves) if (b.cves.has(cve)) sharedCve = true;
    // Two different vulnerabilities, however alike the advisories' wording.
    if (!sharedCve) return verdict(false, 'different-cves');
  }
  if (differentKinds(a, b) && score < settings.conflictSimilarity) return verdict(false, 'different-kind');
  if (sharedCve) return score >= settings.cveSimilarity ? verdict(true, 'shared-cve') : verdict(false, 'dissimilar');
  if (differentNames(a, b, settings)) return verdict(false, 'different-names');
  return score >= settings.similarity ? verdict(true, 'similar') : verdict(false, 'dissimilar');
}
