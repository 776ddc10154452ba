import type { StoryLink } from '../model/draft.js';
import { findNoticeVictims, isCommonName } from '../pipeline/classify/notices.js';
import type { RankedStory } from './rank.js';

/**
 * One company, one entry (issue 18, point 5): the same victim's breach, the class action filed
 * over it and a law firm's "DATA BREACH ALERT … on Behalf of Acme Customers" are one story for a
 * reader. The best-ranked stays; the others become its `related` links and leave the draft.
 *
 * Conservative on purpose, since a wrong fold hides a story:
 * - only victims join stories: the classifier's `victims`, or the victim a breach-notice headline
 *   names (pipeline/classify/notices.ts). A vendor whose products have flaws or a company announcing
 *   a product is never a victim there, so it never folds;
 * - a story without a victim joins only when its headline names one of the victims AND
 *   speaks of an incident or its aftermath (breach, attack, lawsuit, class action …) AND does not
 *   speak of flaws, patches or products ("Acme patches zero-day" stays its own entry).
 */

export interface FoldResult {
  /** The stories that stay, in the input order. */
  kept: RankedStory[];
  /** Per kept storyId, the stories folded into it, best-ranked first. */
  related: Map<string, StoryLink[]>;
  /** Folded storyId → the storyId it was folded into. */
  foldedInto: Map<string, string>;
}

const AFTERMATH =
  /\b(?:breach(?:es|ed)?|hack(?:ed|ers?)?|attack(?:s|ed)?|ransomware|class[- ]action|lawsuits?|sue[sd]?|settle(?:s|d|ment)|leak(?:s|ed)?|stole|stolen|theft|data|notif(?:y|ies|ied|ication)|investigat\w*|incident|outage|extort\w*|compromis\w*|disclos\w*|exposed?)\b/i;
const PRODUCT_OR_FLAW =
  /\b(?:flaws?|vulnerabilit(?:y|ies)|patch(?:es|ed)?|bugs?|CVE-\d|zero-days?|exploits?|launch(?:es|ed)?|unveil(?:s|ed)?|announces?|introduc(?:es|ed)|releases?|partners?|partnership|acquir(?:es|ed)|funding|raises)\b/i;
const CORPORATE_SUFFIX = /\s+(?:inc|incorporated|llc|llp|ltd|limited|corp|corporation|co|plc|gmbh|ag|sa|n\.?a)$/;

/** A victim's name as a comparison key: lower case, no punctuation, no "Inc."; undefined if too weak to fold on. */
export function victimKey(name: string): string | undefined {
  const key = name
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^\p{L}\p{N}&]+/gu, ' ')
    .trim()
    .replace(CORPORATE_SUFFIX, '')
    .trim();
  if (key.length < 3 || isCommonName(key)) return undefined;
  return key;
}

function victimKeys(story: RankedStory): Set<string> {
  const names = [...story.candidate.victims, ...findNoticeVictims(story.candidate.title)];
  return new Set(names.map(victimKey).filter((k): k is string => k !== undefined));
}

function keyPattern(key: string): RegExp {
  const words = key.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[^\\p{L}\\p{N}&]+')}(?![\\p{L}\\p{N}])`, 'iu');
}

export function foldByVictim(ranked: readonly RankedStory[]): FoldResult {
  const explicit = ranked.map(victimKeys);
  const allKeys = [...new Set(explicit.flatMap((keys) => [...keys]))].sort();
  // Compiled when a title first contains a key's first word: most keys are never needed.
  const patterns = new Map<string, RegExp>();
  const patternOf = (key: string): RegExp => {
    let pattern = patterns.get(key);
    if (!pattern) patterns.set(key, (pattern = keyPattern(key)));
    return pattern;
  };

  // Union-find over story indexes; the root is always the best-ranked (lowest index) member.
  const parent = ranked.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (a: number, b: number): void => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  const firstWithKey = new Map<string, number>();
  ranked.forEach((story, i) => {
    const keys = new Set(explicit[i]);
    const title = story.candidate.title;
    if (AFTERMATH.test(title) && !PRODUCT_OR_FLAW.test(title)) {
      // A plain substring test of the key's first word rejects most keys before the Unicode regex.
      const lower = title.toLowerCase();
      for (const key of allKeys) if (lower.includes(key.split(' ', 1)[0]!) && patternOf(key).test(title)) keys.add(key);
    }
    for (const key of keys) {
      const first = firstWithKey.get(key);
      if (first === undefined) firstWithKey.set(key, i);
      else union(first, i);
    }
  });

  const kept: RankedStory[] = [];
  const related = new Map<string, StoryLink[]>();
  const foldedInto = new Map<string, string>();
  ranked.forEach((story, i) => {
    const root = find(i);
    if (root === i) {
      kept.push(story);
      return;
    }
    const leader = ranked[root]!.candidate.storyId;
    const c = story.candidate;
    const links = related.get(leader) ?? [];
    links.push({ source: c.source, sourceId: c.sourceId, title: c.title, url: c.url });
    related.set(leader, links);
    foldedInto.set(c.storyId, leader);
  });
  return { kept, related, foldedInto };
}
