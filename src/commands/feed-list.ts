import fs from 'node:fs';
import { appendFeeds, feedIdFrom, type NewFeed } from '../config/feeds-file.js';
import { feedUrlKey, hostOf, readOpml, writeOpml } from '../config/opml.js';
import { isHttpUrl } from '../config/fields.js';
import { FeedError, UsageError, type Config, type FeedKind, type FetchOutcome } from '../model/index.js';
import { discoverFeeds } from '../pipeline/discover/index.js';
import type { Fetcher } from '../pipeline/fetch/index.js';
import { decodeBody, parseFeedDocument } from '../pipeline/parse/index.js';
import { writeFileAtomic } from '../files/atomic-file.js';

export interface AddFeedOptions {
  kind: FeedKind;
  id?: string;
  name?: string;
  weight?: number;
  tags?: string[];
}

export interface AddFeedResult {
  feed: NewFeed;
  /** The page the feed was discovered on, when the URL given was a web page. */
  discoveredFrom: string | null;
  format: string;
  items: number;
}

/**
 * `secdigest feeds add URL`: adds a feed to feeds.yaml after proving it parses. Given a web page
 * instead of a feed, it follows the page's <link rel="alternate"> to the feed.
 */
export async function addFeed(
  configPath: string,
  config: Config,
  url: string,
  options: AddFeedOptions,
  fetcher: Fetcher,
): Promise<AddFeedResult> {
  let body = bodyOf(await fetcher.fetchFeed({ url }), url);
  let feedUrl = body.finalUrl;
  let discoveredFrom: string | null = null;
  let parsed;
  try {
    parsed = parseFeedDocument(body.bytes, body.contentType);
  } catch (error) {
    if (!(error instanceof FeedError) || error.code !== 'not-a-feed') throw error;
    const candidates = discoverFeeds(decodeBody(body.bytes, body.contentType), body.finalUrl);
    if (candidates.length === 0) {
      throw new UsageError(`${url} is not a feed and the page advertises none (no <link rel="alternate"> to RSS, Atom or JSON Feed)`);
    }
    discoveredFrom = body.finalUrl;
    feedUrl = candidates[0]!.url;
    body = bodyOf(await fetcher.fetchFeed({ url: feedUrl }), feedUrl);
    parsed = parseFeedDocument(body.bytes, body.contentType);
  }
  const existing = config.feeds.find((f) => sameUrl(f.url, feedUrl));
  if (existing) throw new UsageError(`${feedUrl} is already in ${configPath} as "${existing.id}"`);
  const name = options.name ?? parsed.title ?? new URL(feedUrl).hostname;
  const taken = new Set(config.feeds.map((f) => f.id));
  if (options.id && taken.has(options.id)) throw new UsageError(`feed id "${options.id}" is already used in ${configPath}`);
  const feed: NewFeed = {
    id: options.id ?? feedIdFrom(name, taken, new URL(feedUrl).hostname),
    name,
    url: feedUrl,
    kind: options.kind,
    ...(options.weight !== undefined ? { weight: options.weight } : {}),
    ...(options.tags?.length ? { tags: options.tags } : {}),
  };
  writeFileAtomic(configPath, appendFeeds(fs.readFileSync(configPath, 'utf8'), [feed], configPath));
  return { feed, discoveredFrom, format: parsed.format, items: parsed.entries.length };
}

function bodyOf(outcome: FetchOutcome, url: string): { bytes: Buffer; contentType: string | null; finalUrl: string } {
  if (outcome.kind === 'fetched') return { bytes: outcome.body, contentType: outcome.contentType, finalUrl: outcome.finalUrl };
  if (outcome.kind === 'failed') throw new UsageError(`cannot fetch ${url}: [${outcome.error.code}] ${outcome.error.message}`);
  throw new UsageError(`cannot fetch ${url}: HTTP ${outcome.status} (${outcome.kind})`);
}

export interface ImportResult {
  added: NewFeed[];
  skipped: { url: string; reason: string }[];
}

/**
 * `secdigest feeds import FILE.opml`: appends the OPML's feeds that feeds.yaml lacks (config/opml.ts
 * reads what our export and other readers write). An id, kind, tags, weight and `enabled: false`
 * the file gives are kept; otherwise the id comes from the title (transliterated, else the URL's
 * host) and the kind from a category or folder naming one, else `defaultKind`. One feed URL spelled
 * twice (http and https, a trailing slash) is one feed: the second is skipped and reported.
 */
export function importOpml(configPath: string, config: Config | null, opml: string, defaultKind: FeedKind): ImportResult {
  const entries = readOpml(opml);
  const taken = new Set(config?.feeds.map((f) => f.id) ?? []);
  const known = new Map((config?.feeds ?? []).map((f) => [feedUrlKey(f.url), `already in the feed list as "${f.id}"`]));
  const result: ImportResult = { added: [], skipped: [] };
  const addedHere = new Map<string, NewFeed>();
  for (const entry of entries) {
    const { url } = entry;
    if (!isHttpUrl(url)) {
      result.skipped.push({ url, reason: 'not an http(s) URL' });
      continue;
    }
    const key = feedUrlKey(url);
    const seen = known.get(key);
    if (seen !== undefined) {
      const first = addedHere.get(key);
      // One feed in several folders (Feedly allows it): one feed, with every folder's tags.
      if (first) first.tags = [...new Set([...(first.tags ?? []), ...entry.tags])];
      if (first && !first.tags?.length) delete first.tags;
      result.skipped.push({ url, reason: seen });
      continue;
    }
    const id = entry.id !== undefined && !taken.has(entry.id) ? entry.id : feedIdFrom(entry.name, taken, hostOf(url));
    taken.add(id);
    known.set(key, `the same feed as ${url} earlier in this file (http/https and a trailing slash make no difference; its tags were merged)`);
    const feed: NewFeed = {
      id,
      name: entry.name,
      url,
      kind: entry.kind ?? defaultKind,
      ...(entry.weight !== undefined && entry.weight !== 1 ? { weight: entry.weight } : {}),
      ...(entry.enabled === false ? { enabled: false } : {}),
      ...(entry.tags.length ? { tags: entry.tags } : {}),
      ...(entry.intervalMinutes !== undefined ? { intervalMinutes: entry.intervalMinutes } : {}),
      ...(entry.include ? { include: entry.include } : {}),
      ...(entry.exclude ? { exclude: entry.exclude } : {}),
    };
    addedHere.set(key, feed);
    result.added.push(feed);
  }
  if (result.added.length > 0) {
    const text = fs.existsSync(configPath) ? fs.readFileSync(configPath, 'utf8') : 'feeds:\n';
    writeFileAtomic(configPath, appendFeeds(text, result.added, configPath));
  }
  return result;
}

/**
 * `secdigest feeds export --format opml`: every configured feed with what feeds.yaml says of it in
 * the secdigest namespace (id, kind, weight, enabled, tags, …) and its tags in `category`. Never
 * its headers: they hold secrets.
 */
export function exportOpml(config: Config, now: Date): string {
  return writeOpml(config.feeds, now);
}

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}
