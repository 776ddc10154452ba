import type { DedupeSettings } from '../../model/index.js';
import { nameOverlap, namesMissingFrom } from './entities.js';
import type { ComparedFeatures } from './features.js';

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
  /** Similar only through one shared name: the same subject doing two different things. */
  | 'one-name'
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
export function similarity(a: ComparedFeatures, b: ComparedFeatures): number {
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
 * The similarity left once the heaviest shared token is taken out: what two items have in common
 * besides one name. A vendor's two announcements, or two stories about one country, share their
 * subject and little else; retellings of one event share the subject and what happened.
 */
export function supportSimilarity(a: ComparedFeatures, b: ComparedFeatures): number {
  if (a.mass === 0 || b.mass === 0) return 0;
  let shared = 0;
  let top = 0;
  for (const [token, weight] of a.weights) {
    const other = b.weights.get(token);
    if (other === undefined) continue;
    const part = Math.sqrt(weight * other);
    shared += part;
    if (part > top) top = part;
  }
  return (shared - top) / Math.sqrt(a.mass * b.mass);
}

/** Similarity of a near-verbatim copy (a wire release, a re-post of the same text). */
export const NEAR_COPY = 0.9;

/**
 * A round-up or a feature piece (opinion, explainer, gallery, service page) takes its own angle:
 * it is another item's duplicate only as a near-verbatim copy. `conflictSimilarity` was the bar
 * here once; two of one feed's Olympic service pages ("See the schedule …", "Which countries have
 * the most medals …") cleared it at 0.53.
 */
function ownAngle(a: ComparedFeatures, b: ComparedFeatures): boolean {
  return a.kind === 'roundup' || b.kind === 'roundup' || a.kind === 'feature' || b.kind === 'feature';
}

/** A lawsuit is a story apart from its incident unless the two are told alike. */
function legalBesideReport(a: ComparedFeatures, b: ComparedFeatures): boolean {
  return (a.kind === 'legal') !== (b.kind === 'legal');
}

/**
 * Headlines that each name something the other item never mentions are a template filled in
 * twice (law-firm alerts for two victims, funding rounds of two start-ups), unless the two items
 * share most of their names (`nameOverlap`) and are similar at `conflictSimilarity` anyway: a
 * retelling that adds a detail to its headline.
 */
function differentNames(a: ComparedFeatures, b: ComparedFeatures, score: number, settings: DedupeSettings, context: VerifyContext): boolean {
  // A name common in the window is the setting, not the subject: "… as Trump's threat looms"
  // next to "… in Geneva talks" is no conflict in a week when dozens of stories name Trump.
  a = withoutCommonNames(a, context);
  b = withoutCommonNames(b, context);
  // Each headline carries an acronym the other item never mentions: one template, two slots
  // ("… GigaOm ISPM Radar" and "… GigaOm SIEM Radar").
  if (codesMissing(a, b) && codesMissing(b, a)) return true;
  if (namesMissingFrom(a.titleNames, b.weights).length === 0 || namesMissingFrom(b.titleNames, a.weights).length === 0) return false;
  // Each headline's subject (its first name) is one the other item never mentions: "Quorvex named
  // a Leader …" and "Tamsin Security named a Leader …".
  if (a.subject && b.subject && !b.weights.has(a.subject) && !a.weights.has(b.subject)) return true;
  return nameOverlap(a.names, b.names) < settings.nameOverlap || score < settings.conflictSimilarity;
}

/** What verify knows beyond the two items: how common a name is in the window (assign.ts). */
export interface VerifyContext {
  isCommon(name: string): boolean;
}

const NO_CONTEXT: VerifyContext = { isCommon: () => false };

/**
 * withoutCommonNames per context (one new item's comparisons): the new item is compared with up to
 * a hundred members, and its own names were filtered again for each.
 */
const stripped = new WeakMap<VerifyContext, WeakMap<ComparedFeatures, ComparedFeatures>>();

/** The item as differentNames sees it: headline names and subject without the window's common names. */
function withoutCommonNames(f: ComparedFeatures, context: VerifyContext): ComparedFeatures {
  if (context === NO_CONTEXT) return f;
  let known = stripped.get(context);
  if (known === undefined) stripped.set(context, (known = new WeakMap()));
  let result = known.get(f);
  if (result === undefined) known.set(f, (result = stripCommonNames(f, context)));
  return result;
}

function stripCommonNames(f: ComparedFeatures, context: VerifyContext): ComparedFeatures {
  const titleNames = new Set([...f.titleNames].filter((name) => !context.isCommon(name)));
  const subject = f.subject !== undefined && context.isCommon(f.subject) ? undefined : f.subject;
  return titleNames.size === f.titleNames.size && subject === f.subject ? f : { ...f, titleNames, subject };
}

function codesMissing(a: ComparedFeatures, b: ComparedFeatures): boolean {
  for (const code of a.titleCodes) if (!b.weights.has(code)) return true;
  return false;
}

/** The verification step on an LSH candidate pair (issue 4): the rules in order, first match wins. */
export function verify(a: ComparedFeatures, b: ComparedFeatures, settings: DedupeSettings, context: VerifyContext = NO_CONTEXT): Verdict {
  const score = similarity(a, b);
  const verdict = (same: boolean, reason: VerdictReason): Verdict => ({ same, score, reason });
  let sharedCve = false;
  if (a.cves.size > 0 && b.cves.size > 0) {
    for (const cve of a.cves) if (b.cves.has(cve)) sharedCve = true;
    // Two different vulnerabilities, however alike the advisories' wording.
    if (!sharedCve) return verdict(false, 'different-cves');
  }
  if (ownAngle(a, b) ? score < NEAR_COPY : legalBesideReport(a, b) && score < settings.conflictSimilarity) return verdict(false, 'different-kind');
  if (sharedCve) return score >= settings.cveSimilarity ? verdict(true, 'shared-cve') : verdict(false, 'dissimilar');
  if (differentNames(a, b, score, settings, context)) return verdict(false, 'different-names');
  if (score < settings.similarity) return verdict(false, 'dissimilar');
  // One shared name is not a story (a vendor's two announcements, two reports about one country).
  return supportSimilarity(a, b) >= settings.supportSimilarity ? verdict(true, 'similar') : verdict(false, 'one-name');
}
