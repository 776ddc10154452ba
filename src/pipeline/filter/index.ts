import type { FeedConfig, Item } from '../../model/index.js';

/**
 * A feed's keyword filter (feeds.yaml `include` / `exclude`, issue 19): an item is kept when its
 * title or summary has one of the `include` words or phrases (when the feed lists any) and none of
 * the `exclude` ones. A keyword matches as a whole word or phrase, in any case: "ransomware"
 * matches "Ransomware gang …" but not "antiransomware"; "data breach" matches "DATA  Breach".
 */
export interface KeywordFilter {
  keep(item: Pick<Item, 'title' | 'summary'>): boolean;
}

export interface FilterOutcome {
  kept: Item[];
  /** How many items the filter dropped (reported as the run's `itemsFiltered`). */
  filtered: number;
}

/** The feed's filter, or undefined when it has none (every item kept). */
export function compileFilter(feed: Pick<FeedConfig, 'include' | 'exclude'>): KeywordFilter | undefined {
  const include = feed.include?.length ? feed.include.map(keywordPattern) : undefined;
  const exclude = (feed.exclude ?? []).map(keywordPattern);
  if (!include && exclude.length === 0) return undefined;
  return {
    keep(item) {
      const text = `${item.title}\n${item.summary}`.normalize('NFKC');
      if (include && !include.some((p) => p.test(text))) return false;
      return !exclude.some((p) => p.test(text));
    },
  };
}

/** Pure: the items the filter keeps, in order, and how many it dropped. */
export function filterItems(items: readonly Item[], filter: KeywordFilter | undefined): FilterOutcome {
  if (!filter) return { kept: [...items], filtered: 0 };
  const kept = items.filter((item) => filter.keep(item));
  return { kept, filtered: items.length - kept.length };
}

/**
 * A whole word or phrase: no letter or digit just before or after it, any run of white space
 * between its words, any case (Unicode-aware: "sécurité" matches "SÉCURITÉ").
 */
function keywordPattern(keyword: string): RegExp {
  const words = keyword.normalize('NFKC').trim().split(/\s+/).map(escapeRegExp);
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join('\\s+')}(?![\\p{L}\\p{N}])`, 'iu');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
