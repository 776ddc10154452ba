import type { TokenWeights } from './features.js';
import type { Token } from './tokens.js';

/**
 * Strong entities: what an item is about, as opposed to how it is worded. A CVE id in common is
 * strong evidence of one story (Taranis AI groups by them); two different CVE id sets are two
 * stories. Names in a headline tell templated releases apart: "CrowdStrike named a Leader …" and
 * "Microsoft is named a Leader …" share every other word.
 */

/** Kinds of item that are never one event's duplicate, whatever words they share with it. */
export type ItemKind =
  /** A report of one event. */
  | 'report'
  /** A digest of many stories: "Russia-Ukraine war: key events, day 1,455", "Week in review". */
  | 'roundup'
  /** Opinion, analysis, explainers, galleries and service pages taking their own angle. */
  | 'feature'
  /** A lawsuit, class action or law-firm notice about an incident: a story apart from the incident. */
  | 'legal';

const ROUNDUP = /\b(?:key events|round-?up|recap|week in review|this week in|weekly|newsletter|live updates?|live blog|the good, the bad)\b/i;
const FEATURE = /^(?:opinion|column|analysis|explainer|commentary|editorial|review|interview|podcast|webinar|see|how|why|which|who|when|where)\b/i;
const LEGAL = /\b(?:class[- ]action|lawsuits?|suits?|sues|sued|suing|law firm|LLP|attorneys?|investigating claims|settlements?|breach alert)\b/i;

/** What kind of item a headline announces (checked on the raw headline, before any stripping). */
export function itemKind(title: string): ItemKind {
  if (ROUNDUP.test(title)) return 'roundup';
  if (LEGAL.test(title)) return 'legal';
  if (FEATURE.test(title)) return 'feature';
  return 'report';
}

/**
 * The names a headline is about: its CVE ids, and its words weighed as names (capitalized where no
 * sentence starts, acronyms, or — in a Title Case headline, where every word is capitalized —
 * words the summary also capitalizes). `nameWeight` is the weight features.ts gives a name.
 */
export function headlineNames(titleTokens: readonly Token[], weights: ReadonlyMap<string, number>, nameWeight: number): Set<string> {
  const names = new Set<string>();
  for (const token of titleTokens) {
    if (token.kind === 'cve' || (token.kind === 'word' && weights.get(token.text) === nameWeight)) names.add(token.text);
  }
  return names;
}

/** Names of `a`'s headline that `b` never mentions at all. */
export function namesMissingFrom(a: ReadonlySet<string>, b: Pick<TokenWeights, 'has'>): string[] {
  return [...a].filter((name) => !b.has(name));
}

/** Share of the smaller item's names the other one also has (0 when either has none). */
export function nameOverlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const name of small) if (large.has(name)) shared++;
  return shared / small.size;
}
