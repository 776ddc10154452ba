import { stripBoilerplate, stripContext, stripTitleBoilerplate } from './boilerplate.js';
import { headlineNames, itemKind, type ItemKind } from './entities.js';
import { DOMAIN_TERMS, STOPWORDS } from './stopwords.js';
import { tokenize, type Token } from './tokens.js';

/**
 * What comparing items reads of an item's token weights, in the features' own token order: a Map
 * for an item being filed, a view over its sorted vector for a story's member (token-vector.ts).
 */
export interface TokenWeights extends Iterable<[string, number]> {
  readonly size: number;
  get(token: string): number | undefined;
  has(token: string): boolean;
  keys(): IterableIterator<string>;
}

/**
 * What dedupe compares: the salient tokens of an item's title and summary, each with a weight
 * that says how much sharing it means. A shared CVE id or amount says far more than a shared
 * "ransomware"; function words, reporting verbs and dates say nothing and are dropped.
 */
export interface Features {
  /** Token → weight (the highest its occurrences earned). */
  weights: TokenWeights;
  /** Sum of the weights. */
  mass: number;
  /**
   * The same tokens and weights as arrays, in the map's order: the clusterer's inner loops walk
   * them (a for-loop over arrays instead of a map's entry iterator).
   */
  tokenList: readonly string[];
  weightList: Float64Array;
  /** CVE ids, upper case. */
  cves: ReadonlySet<string>;
  /** Names the headline is about (entities.ts). */
  titleNames: ReadonlySet<string>;
  /** Every token weighed as a name, headline and text. */
  names: ReadonlySet<string>;
  /**
   * Acronyms in the headline ("ISPM", "SIEM", "SMA"), whatever their weight: in a templated
   * announcement they are the slot that changes from one release to the next.
   */
  titleCodes: ReadonlySet<string>;
  /**
   * The headline's words, names and numbers of weight ≥ 1, once each: what the event signature
   * compares by their rarity in the window (an array: a set per stored item cost ~100 MB per 100,000).
   */
  titleWords: readonly string[];
  /** The headline's first name: usually what it is about. */
  subject: string | undefined;
  kind: ItemKind;
}

/**
 * What `verify` compares two items by: the features without the token arrays, which only the
 * clusterer's search walks (for the item being filed). A story's member keeps no more than this.
 */
export type ComparedFeatures = Omit<Features, 'tokenList' | 'weightList'>;

/** How much one shared token of each kind counts; see docs/ARCHITECTURE.md ("Dedupe"). */
export const WEIGHTS = {
  cve: 4,
  /** Amounts, counts, versions: "2300000", "23", "9.8". */
  number: 2,
  /** Single digits are common ("two flaws", "6 hospitals"). */
  smallNumber: 1,
  year: 0.25,
  /** A capitalized word where no sentence starts, or an acronym: a company, product, place, group. */
  name: 2.5,
  word: 1,
  /** Vocabulary every security story uses (stopwords.ts). */
  domain: 0.5,
} as const;

/** A headline in Title Case capitalizes everything: its capitals say nothing about names. */
function isTitleCase(title: string): boolean {
  const words = title.match(/\p{L}[\p{L}'’-]{3,}/gu) ?? [];
  if (words.length < 3) return false;
  const capitalized = words.filter((w) => w.charAt(0) !== w.charAt(0).toLowerCase()).length;
  return capitalized / words.length >= 0.7;
}

/** All-caps text (a shouting headline or dateline) has no acronyms to find either. */
function isShouting(text: string): boolean {
  if (/\p{Ll}/u.test(text)) return false;
  return (text.match(/\p{Lu}/gu)?.length ?? 0) >= 12;
}

/**
 * How far capitals mean names in a stretch of text: everywhere but at sentence starts (`prose`),
 * only in acronyms and CamelCase (`title-case`, where every word is capitalized), or nowhere
 * (`shouting`, all caps).
 */
type Casing = 'prose' | 'title-case' | 'shouting';

function casingOf(text: string, headline: boolean): Casing {
  if (isShouting(text)) return 'shouting';
  return headline && isTitleCase(text) ? 'title-case' : 'prose';
}

function isName(token: Token, casing: Casing): boolean {
  if (casing === 'shouting' || DOMAIN_TERMS.has(token.text)) return false;
  return casing === 'prose' ? token.capitalized : token.distinctive;
}

function weightOf(token: Token, casing: Casing): number {
  switch (token.kind) {
    case 'cve':
      return WEIGHTS.cve;
    case 'year':
      return WEIGHTS.year;
    case 'number':
      return /^\d$/.test(token.text) ? WEIGHTS.smallNumber : WEIGHTS.number;
    case 'word':
      // "US" and "IT" as acronyms are names, not the function words "us" and "it" (longer ones
      // such as "LLP" or "INC" stay the boilerplate they are).
      if (STOPWORDS.has(token.text) && !(token.acronym && token.text.length === 2 && casing !== 'shouting')) return 0;
      if (isName(token, casing)) return WEIGHTS.name;
      return DOMAIN_TERMS.has(token.text) ? WEIGHTS.domain : WEIGHTS.word;
  }
}

/** Features of an item from its title and summary (plain text, as normalize produced them). */
export function extractFeatures(title: string, summary: string): Features {
  const weights = new Map<string, number>();
  const cves = new Set<string>();
  const add = (tokens: readonly Token[], casing: Casing) => {
    for (const token of tokens) {
      const weight = weightOf(token, casing);
      if (weight === 0) continue;
      if (token.kind === 'cve') cves.add(token.text);
      if (weight > (weights.get(token.text) ?? 0)) weights.set(token.text, weight);
    }
  };
  const cleanTitle = stripContext(stripTitleBoilerplate(title));
  const titleTokens = tokenize(cleanTitle);
  add(titleTokens, casingOf(cleanTitle, true));
  const body = stripContext(stripBoilerplate(summary));
  const bodyTokens = tokenize(body);
  add(bodyTokens, casingOf(body, false));
  // The word a text opens with, capitalized in the headline too, is its subject's name even where
  // both capitals are ambiguous: the company a release opens with ("Quorvex, the cloud …", after
  // its dateline) under a Title Case headline.
  const opening = bodyTokens[0];
  if (opening?.kind === 'word' && opening.upper && weights.get(opening.text) === WEIGHTS.word && !isShouting(cleanTitle) &&
      titleTokens.some((t) => t.text === opening.text && t.upper)) {
    weights.set(opening.text, WEIGHTS.name);
  }
  // Likewise the word a headline opens with, when the text writes it with a capital too (even at
  // the start of a sentence): "Microsoft is named a Leader …" / "… Microsoft was recognized …".
  const lead = titleTokens[0];
  if (lead?.kind === 'word' && lead.upper && weights.get(lead.text) === WEIGHTS.word && !isShouting(cleanTitle) &&
      bodyTokens.some((t) => t.text === lead.text && t.upper)) {
    weights.set(lead.text, WEIGHTS.name);
  }
  let mass = 0;
  const tokenList = new Array<string>(weights.size);
  const weightList = new Float64Array(weights.size);
  let at = 0;
  for (const [token, weight] of weights) {
    mass += weight;
    tokenList[at] = token;
    weightList[at++] = weight;
  }
  const names = new Set([...weights].filter(([, weight]) => weight === WEIGHTS.name).map(([token]) => token));
  const titleNames = headlineNames(titleTokens, weights, WEIGHTS.name);
  const subject = titleTokens.find((t) => titleNames.has(t.text) && t.kind === 'word')?.text;
  const titleCodes = isShouting(cleanTitle) ? new Set<string>() : new Set(titleTokens.filter((t) => t.acronym && weights.has(t.text)).map((t) => t.text));
  const titleWords = [...new Set(titleTokens.filter((t) => t.kind !== 'year' && (weights.get(t.text) ?? 0) >= 1).map((t) => t.text))];
  return { weights, mass, tokenList, weightList, cves, titleNames, titleWords, titleCodes, names, subject, kind: itemKind(title) };
}
