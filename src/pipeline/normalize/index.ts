import type { CollectSettings, Item, RawEntry } from '../../model/index.js';
import { contentHash, entryGuid, itemId } from './identity.js';
import { resolvePublished } from './dates.js';
import { htmlToText, truncateText } from './text.js';
import { canonicalizeUrl, hostOf, resolveLink, urlHash } from './url.js';

export { canonicalizeUrl, resolveLink, urlHash, TRACKING_PARAMS } from './url.js';
export { cleanText, htmlToText, truncateText } from './text.js';
export { parseFeedDate, resolvePublished, resolvePublishedAt } from './dates.js';
export { contentHash, entryGuid, itemId } from './identity.js';

export interface NormalizeContext {
  feedId: string;
  feedUrl: string;
  /** The site the feed names; relative entry links resolve against it first. */
  siteUrl?: string;
  /** The only clock normalize reads: missing and future dates fall back to it. */
  fetchedAt: Date;
  limits: CollectSettings;
}

export const UNTITLED = '(untitled)';
/** A title borrowed from the summary is a headline, not a paragraph. */
const TITLE_FROM_SUMMARY_MAX_CHARS = 100;
const AUTHOR_MAX_CHARS = 200;
const CATEGORY_MAX_CHARS = 100;
const MAX_CATEGORIES = 20;

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The parser's types are a contract, not a guarantee: non-string fields are treated as absent. */
function sanitizeEntry(entry: RawEntry): RawEntry {
  const categories: unknown = entry.categories;
  return {
    guid: asString(entry.guid),
    link: asString(entry.link),
    title: asString(entry.title),
    summary: asString(entry.summary),
    content: asString(entry.content),
    author: asString(entry.author),
    categories: Array.isArray(categories) ? categories.filter((c): c is string => typeof c === 'string') : [],
    published: asString(entry.published),
    updated: asString(entry.updated),
  };
}

/** First source that yields any text once markup is stripped. */
function firstText(sources: (string | undefined)[], maxChars: number): string {
  for (const source of sources) {
    const text = source === undefined ? '' : htmlToText(source, maxChars);
    if (text !== '') return text;
  }
  return '';
}

/** Cleaned, non-empty, case-insensitively unique (first spelling wins), at most 20. */
function normalizeCategories(categories: string[]): string[] {
  const kept: string[] = [];
  const seen = new Set<string>();
  for (const category of categories) {
    if (kept.length >= MAX_CATEGORIES) break;
    const text = htmlToText(category, CATEGORY_MAX_CHARS);
    const key = text.toLowerCase();
    if (text === '' || seen.has(key)) continue;
    seen.add(key);
    kept.push(text);
  }
  return kept;
}

function ownHosts(ctx: NormalizeContext): string[] {
  const site = resolveLink(ctx.siteUrl, ctx.feedUrl) ?? undefined;
  return [hostOf(ctx.feedUrl), hostOf(site)].filter((h): h is string => h !== null);
}

function normalize(rawEntry: RawEntry, ctx: NormalizeContext): { item: Item; presentable: boolean } {
  const entry = sanitizeEntry(rawEntry);
  const { limits } = ctx;
  const url = resolveLink(entry.link, ctx.feedUrl, ctx.siteUrl);
  const canonicalUrl = url === null ? null : canonicalizeUrl(url, ownHosts(ctx));
  const summary = firstText([entry.summary, entry.content], limits.summaryMaxChars);
  const ownTitle = htmlToText(entry.title ?? '', limits.titleMaxChars);
  const fallbackTitle = truncateText(summary, Math.min(TITLE_FROM_SUMMARY_MAX_CHARS, limits.titleMaxChars));
  const title = ownTitle || fallbackTitle || UNTITLED;
  const guid = entryGuid(entry, canonicalUrl);
  const { publishedAt, dateSource } = resolvePublished(entry.published, entry.updated, ctx.fetchedAt);
  const item: Item = {
    id: itemId(ctx.feedId, guid),
    feedId: ctx.feedId,
    guid,
    url,
    canonicalUrl,
    urlHash: canonicalUrl === null ? null : urlHash(canonicalUrl),
    title,
    // Kept even when it merely repeats the title: later stages decide what to show.
    summary,
    author: htmlToText(entry.author ?? '', AUTHOR_MAX_CHARS) || null,
    categories: normalizeCategories(entry.categories),
    publishedAt,
    dateSource,
    fetchedAt: ctx.fetchedAt.toISOString(),
    contentHash: contentHash(title, summary),
  };
  return { item, presentable: url !== null || ownTitle !== '' || summary !== '' };
}

/** One raw entry as the typed record later stages use. Pure: time comes from `ctx.fetchedAt`. */
export function normalizeEntry(entry: RawEntry, ctx: NormalizeContext): Item {
  return normalize(entry, ctx).item;
}

/**
 * Normalizes a document's entries: skips entries with neither title (nor summary to borrow one
 * from) nor link, drops later entries repeating an earlier guid (first wins), keeps at most
 * `limits.maxItemsPerFeed`.
 */
export function normalizeEntries(entries: RawEntry[], ctx: NormalizeContext): Item[] {
  const items: Item[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    if (items.length >= ctx.limits.maxItemsPerFeed) break;
    const { item, presentable } = normalize(entry, ctx);
    if (!presentable || seen.has(item.guid)) continue;
    seen.add(item.guid);
    items.push(item);
  }
  return items;
}
