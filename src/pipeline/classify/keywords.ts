import type { Taxonomy, TopicId } from '../../model/index.js';
import { compileLexicon, scanLexicon, tokenize, type Lexicon, type Tokens } from './lexicon.js';

/** A list of keywords compiled for one pass over the text instead of one per keyword. */
export interface KeywordSet {
  /** The keywords, in order of precedence (longest first). */
  keywords: string[];
  /** The same keywords as one pattern, one capture group per keyword: the reference semantics. */
  pattern: RegExp | undefined;
  /** The same matcher over word tokens, when every keyword is plain ASCII words (lexicon.ts). */
  lexicon: Lexicon | undefined;
}

export interface CompiledTopic extends KeywordSet {
  id: TopicId;
}

/** A keyword found in an item: which, as written in the text (first occurrence), and where (a title hit counts double). */
export interface KeywordHit {
  keyword: string;
  text: string;
  inTitle: boolean;
}

/** A keyword's words (split on spaces and hyphens, lower-cased) and whether its last one is a prefix (`*`). */
export function keywordParts(keyword: string): { parts: string[]; prefix: boolean } {
  const prefix = keyword.endsWith('*');
  const body = (prefix ? keyword.slice(0, -1) : keyword).trim().toLowerCase();
  return { parts: body.split(/[\s-]+/), prefix };
}

/**
 * A keyword as a pattern body. A space or hyphen in the keyword matches a space or hyphen in the
 * text ("zero day" finds "zero-day"); a trailing `*` matches any ending.
 */
function keywordBody(keyword: string): string {
  const { parts, prefix } = keywordParts(keyword);
  const escaped = parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\u2010-\\u2013-]+');
  return prefix ? `${escaped}[\\p{L}\\p{N}]*` : escaped;
}

/**
 * Keywords matched case-insensitively on word boundaries (letters and digits of any script, so
 * `rat` does not match inside "ratified"). Longer keywords are tried first, so "ransomware gang"
 * is found as itself rather than as "ransomware".
 */
export function compileKeywords(keywords: readonly string[]): KeywordSet {
  const unique = [...new Set(keywords.map((k) => k.trim()).filter((k) => k !== '' && k !== '*'))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  if (unique.length === 0) return { keywords: [], pattern: undefined, lexicon: undefined };
  const alternatives = unique.map((keyword) => `(${keywordBody(keyword)})`).join('|');
  return {
    keywords: unique,
    pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'giu'),
    lexicon: compileLexicon(unique.map(keywordParts)),
  };
}

export function compileTaxonomy(taxonomy: Taxonomy): CompiledTopic[] {
  return taxonomy.topics.map((topic) => ({ id: topic.id, ...compileKeywords(topic.keywords) }));
}

/**
 * Keyword → the text it matched first, lower-cased; undefined when nothing matched. Most texts
 * match few of a topic's keywords: the map is made only for a first match (the classifier scans
 * each text with every topic's set, and two empty maps a set were most of its garbage).
 */
function matched(set: KeywordSet, scanned: Scanned): Map<string, string> | undefined {
  const text = scanned.text;
  if (set.pattern === undefined || text === '') return undefined;
  let into: Map<string, string> | undefined;
  if (set.lexicon !== undefined) {
    scanLexicon(set.lexicon, (scanned.tokens ??= tokenize(text)), (index, start, end) => {
      const keyword = set.keywords[index]!;
      into ??= new Map();
      if (!into.has(keyword)) into.set(keyword, text.slice(start, end).toLowerCase().replace(/\s+/g, ' '));
    });
    return into;
  }
  for (const match of text.matchAll(set.pattern)) {
    const group = match.findIndex((value, i) => i > 0 && value !== undefined);
    const keyword = set.keywords[group - 1];
    into ??= new Map();
    if (keyword !== undefined && !into.has(keyword)) into.set(keyword, match[0].toLowerCase().replace(/\s+/g, ' '));
  }
  return into;
}

/**
 * A text and, once a lexicon has read it, its tokens: every topic's set scans the same ones. Not
 * from the tokensOf cache: each item's summary (with its categories) is a new string, and hashing
 * it as a key, then keeping eight texts' tokens alive past the item, cost as much as the scans.
 */
interface Scanned {
  text: string;
  tokens?: Tokens;
}

/** Distinct keywords of a set found in the title or the summary, title hits first. */
export function findKeywordSet(set: KeywordSet, title: string, summary: string): KeywordHit[] {
  return hitsOf(set, { text: title }, { text: summary });
}

function hitsOf(set: KeywordSet, title: Scanned, summary: Scanned): KeywordHit[] {
  const inTitle = matched(set, title);
  const inSummary = matched(set, summary);
  const hits: KeywordHit[] = [];
  if (inTitle !== undefined) for (const [keyword, text] of inTitle) hits.push({ keyword, text, inTitle: true });
  if (inSummary !== undefined) for (const [keyword, text] of inSummary) if (inTitle === undefined || !inTitle.has(keyword)) hits.push({ keyword, text, inTitle: false });
  return hits;
}

/** Each topic's keyword hits. */
export function findKeywords(topics: readonly CompiledTopic[], title: string, summary: string): Map<TopicId, KeywordHit[]> {
  const t: Scanned = { text: title };
  const s: Scanned = { text: summary };
  return new Map(topics.map((topic) => [topic.id, hitsOf(topic, t, s)]));
}

/** Weight of a topic's keyword hits: a title hit counts twice, a summary hit once. */
export function keywordWeight(hits: readonly KeywordHit[]): number {
  return hits.reduce((sum, hit) => sum + (hit.inTitle ? 2 : 1), 0);
}
