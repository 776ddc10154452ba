import fs from 'node:fs';
import { generateOpml, parseOpml } from 'feedsmith';
import { appendFeeds, feedIdFrom, type NewFeed } from '../config/feeds-file.js';
import { FEED_KINDS, FeedError, UsageError, type Config, type FeedKind, type FetchOutcome } from '../model/index.js';
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
    id: options.id ?? feedIdFrom(name, taken),
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
 * `secdigest feeds import FILE.opml`: appends the OPML's feeds that feeds.yaml lacks. An
 * outline's `category` becomes the kind when it names one (our own export writes it there),
 * else `defaultKind`; the folder an outline sits in becomes a tag.
 */
export function importOpml(configPath: string, config: Config | null, opml: string, defaultKind: FeedKind): ImportResult {
  let document;
  try {
    document = parseOpml(opml);
  } catch (cause) {
    throw new UsageError(`not a readable OPML file: ${(cause as Error).message}`, { cause });
  }
  const taken = new Set(config?.feeds.map((f) => f.id) ?? []);
  const known = config?.feeds.map((f) => f.url) ?? [];
  const result: ImportResult = { added: [], skipped: [] };
  for (const { outline, folder } of flatten(document.body?.outlines ?? [], null)) {
    const url = outline.xmlUrl!;
    if (!/^https?:\/\//i.test(url)) {
      result.skipped.push({ url, reason: 'not an http(s) URL' });
      continue;
    }
    if ([...known, ...result.added.map((f) => f.url)].some((k) => sameUrl(k, url))) {
      result.skipped.push({ url, reason: 'already in the feed list' });
      continue;
    }
    const name = outline.title || outline.text || new URL(url).hostname;
    const kind = (FEED_KINDS as readonly string[]).includes(outline.category ?? '') ? (outline.category as FeedKind) : defaultKind;
    const id = feedIdFrom(name, taken);
    taken.add(id);
    result.added.push({ id, name, url, kind, ...(folder ? { tags: [feedIdFrom(folder, new Set())] } : {}) });
  }
  if (result.added.length > 0) {
    const text = fs.existsSync(configPath) ? fs.readFileSync(configPath, 'utf8') : 'feeds:\n';
    writeFileAtomic(configPath, appendFeeds(text, result.added, configPath));
  }
  return result;
}

interface OpmlOutline {
  text?: string;
  title?: string;
  xmlUrl?: string;
  category?: string;
  outlines?: OpmlOutline[];
}

function* flatten(outlines: OpmlOutline[], folder: string | null): Generator<{ outline: OpmlOutline; folder: string | null }> {
  for (const outline of outlines) {
    if (outline.xmlUrl) yield { outline, folder };
    if (outline.outlines) yield* flatten(outline.outlines, outline.text ?? outline.title ?? folder);
  }
}

/** `secdigest feeds export --format opml`: every configured feed, its kind in `category`. */
export function exportOpml(config: Config, now: Date): string {
  return generateOpml({
    head: { title: 'secdigest feeds', dateCreated: now },
    body: {
      outlines: config.feeds.map((feed) => ({ text: feed.name, title: feed.name, type: 'rss', xmlUrl: feed.url, category: feed.kind })),
    },
  });
}

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}
