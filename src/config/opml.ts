import { generateOpml, parseOpml } from 'feedsmith';
import { FEED_KINDS, UsageError, type FeedConfig, type FeedKind } from '../model/index.js';
import { slug } from './feeds-file.js';
import { FEED_ID_PATTERN } from './schema.js';

/*
 * OPML in and out (issue 19). Our export carries what feeds.yaml says of a feed in attributes of
 * our own namespace (OPML 2.0 allows namespaced attributes), so export → import restores the same
 * feeds; `category` carries the tags for other readers. Import also reads what other readers
 * write: Miniflux (`miniflux:disabled`), FreshRSS (`frss:ttl`, negative for a muted feed), Feedly
 * and everyone else (`type="rss" text title xmlUrl htmlUrl`, folders as parent outlines).
 * Headers are never exported: they hold secrets.
 */

export const SECDIGEST_OPML_NS = 'https://secdigest.example/opml';
const MINIFLUX_OPML_NS = 'https://miniflux.app/opml';
const FRESHRSS_OPML_NS = 'https://freshrss.org/opml';

/** Our attributes, in the order they are written. */
const OWN = ['id', 'kind', 'weight', 'enabled', 'tags', 'intervalMinutes', 'include', 'exclude'] as const;

/** Folder names (slugs) that say what kind of source their feeds are. */
const KIND_FOLDERS: Record<string, FeedKind> = {
  vendor: 'vendor',
  vendors: 'vendor',
  government: 'government',
  gov: 'government',
  govt: 'government',
  press: 'press',
  'press-release': 'press',
  'press-releases': 'press',
  news: 'news',
};

/** A feed as an OPML file describes it; what the file does not say is left out. */
export interface OpmlFeed {
  url: string;
  name: string;
  id?: string;
  kind?: FeedKind;
  tags: string[];
  weight?: number;
  enabled?: boolean;
  intervalMinutes?: number;
  include?: string[];
  exclude?: string[];
}

export function writeOpml(feeds: readonly FeedConfig[], now: Date): string {
  const attribute = (name: string) => `secdigest:${name}`;
  const outlines = feeds.map((feed) => {
    const own: Record<string, string | undefined> = {
      id: feed.id,
      kind: feed.kind,
      weight: String(feed.weight),
      enabled: String(feed.enabled),
      tags: feed.tags.length ? JSON.stringify(feed.tags) : undefined,
      intervalMinutes: feed.intervalMinutes === undefined ? undefined : String(feed.intervalMinutes),
      include: feed.include?.length ? JSON.stringify(feed.include) : undefined,
      exclude: feed.exclude?.length ? JSON.stringify(feed.exclude) : undefined,
    };
    // OPML 2.0: category is comma-separated, and a "tag" is a category without a slash.
    const category = feed.tags.filter((t) => !/[,/]/.test(t)).join(',');
    return {
      text: feed.name,
      title: feed.name,
      type: 'rss',
      xmlUrl: feed.url,
      ...(category ? { category } : {}),
      ...Object.fromEntries(OWN.filter((key) => own[key] !== undefined).map((key) => [attribute(key), own[key]])),
    };
  });
  const xml = generateOpml(
    { head: { title: 'secdigest feeds', dateCreated: now }, body: { outlines } },
    { extraOutlineAttributes: OWN.map(attribute) },
  );
  // feedsmith writes no attribute on <opml> itself: declare our namespace there.
  const declared = xml.replace(/<opml version="2\.0">/, `<opml version="2.0" xmlns:secdigest="${SECDIGEST_OPML_NS}">`);
  if (declared === xml) throw new Error('OPML export: the <opml> element was not found to declare the secdigest namespace on');
  return declared;
}

interface Outline {
  text?: string;
  title?: string;
  xmlUrl?: string;
  category?: string;
  outlines?: Outline[];
  [attribute: string]: unknown;
}

/** The feeds of an OPML file, in document order, with the folders above each as tags. */
export function readOpml(opml: string): OpmlFeed[] {
  const prefix = {
    own: prefixOf(opml, SECDIGEST_OPML_NS, 'secdigest'),
    miniflux: prefixOf(opml, MINIFLUX_OPML_NS, 'miniflux'),
    frss: prefixOf(opml, FRESHRSS_OPML_NS, 'frss'),
  };
  // The parser lower-cases attribute names.
  const own = (key: string) => `${prefix.own}:${key.toLowerCase()}`;
  const minifluxDisabled = `${prefix.miniflux}:disabled`;
  const freshrssTtl = `${prefix.frss}:ttl`;
  let document;
  try {
    document = parseOpml(opml, { extraOutlineAttributes: [...OWN.map(own), minifluxDisabled, freshrssTtl] });
  } catch (cause) {
    throw new UsageError(`not a readable OPML file: ${(cause as Error).message}`, { cause });
  }
  const feeds: OpmlFeed[] = [];
  const walk = (outlines: readonly Outline[], folders: readonly string[]) => {
    for (const outline of outlines) {
      const name = (outline.title || outline.text || '').trim();
      if (outline.xmlUrl) feeds.push(feedOf(outline, name, folders, { own, minifluxDisabled, freshrssTtl }));
      // A feed outline with children is rare (Thunderbird) but its children are still feeds.
      if (outline.outlines) walk(outline.outlines, outline.xmlUrl || !name ? folders : [...folders, name]);
    }
  };
  walk((document.body?.outlines ?? []) as Outline[], []);
  return feeds;
}

function feedOf(
  outline: Outline,
  name: string,
  folders: readonly string[],
  names: { own: (key: string) => string; minifluxDisabled: string; freshrssTtl: string },
): OpmlFeed {
  const attr = (key: string) => {
    const value = outline[key];
    return typeof value === 'string' ? value.trim() : undefined;
  };
  const own = (key: (typeof OWN)[number]) => attr(names.own(key));
  const url = outline.xmlUrl!.trim();
  const feed: OpmlFeed = { url, name: name || hostOf(url), tags: [] };

  // Categories: kinds named there (our earlier exports put the kind in `category`), the rest tags.
  const categories = (outline.category ?? '').split(',').map((c) => c.trim()).filter(Boolean);
  const categoryKind = categories.map(asKind).find((k) => k !== undefined);
  const folderKind = [...folders].reverse().map((f) => KIND_FOLDERS[slug(f)]).find((k) => k !== undefined);
  feed.kind = asKind(own('kind')) ?? categoryKind ?? folderKind;

  const ownTags = stringList(own('tags'));
  feed.tags = ownTags ?? unique([
    ...folders.filter((f) => KIND_FOLDERS[slug(f)] === undefined).map(slug),
    ...categories.filter((c) => asKind(c) === undefined).flatMap((c) => c.split('/')).map(slug),
  ].filter(Boolean));

  const id = own('id');
  if (id !== undefined && FEED_ID_PATTERN.test(id)) feed.id = id;
  const weight = Number(own('weight'));
  if (own('weight') !== undefined && Number.isFinite(weight) && weight >= 0 && weight <= 10) feed.weight = weight;
  const interval = Number(own('intervalMinutes'));
  if (own('intervalMinutes') !== undefined && Number.isInteger(interval)) feed.intervalMinutes = interval;
  const include = stringList(own('include'));
  if (include?.length) feed.include = include;
  const exclude = stringList(own('exclude'));
  if (exclude?.length) feed.exclude = exclude;

  // Disabled in the reader it came from: Miniflux writes Go's booleans; FreshRSS mutes with a negative TTL.
  const disabled =
    own('enabled') === 'false' ||
    ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(attr(names.minifluxDisabled) ?? '') ||
    Number(attr(names.freshrssTtl)) < 0;
  if (disabled) feed.enabled = false;
  return feed;
}

/**
 * The prefix a document binds to a namespace (`xmlns:p="uri"` on any element, as FreshRSS puts it
 * on each outline), else the usual one. The parser keeps prefixes, not namespaces.
 */
function prefixOf(opml: string, namespace: string, usual: string): string {
  const escaped = namespace.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const match = new RegExp(`xmlns:([A-Za-z_][\\w.-]*)\\s*=\\s*["']${escaped}/?["']`).exec(opml);
  return (match?.[1] ?? usual).toLowerCase();
}

function asKind(value: string | undefined): FeedKind | undefined {
  const lower = value?.trim().toLowerCase();
  return (FEED_KINDS as readonly string[]).includes(lower ?? '') ? (lower as FeedKind) : undefined;
}

function stringList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) && parsed.every((t) => typeof t === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/**
 * One key for the spellings of one feed URL: http and https, a trailing slash, the host's case
 * and a default port make no difference (the query does).
 */
export function feedUrlKey(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname.replace(/\/+$/, '')}${parsed.search}`;
  } catch {
    return url;
  }
}
