import * as cheerio from 'cheerio';

export interface DiscoveredFeed {
  url: string;
  title: string | null;
  type: string;
}

/** The feed MIME types a page may advertise with <link rel="alternate">, best first. */
const FEED_TYPES = ['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/json', 'application/rdf+xml'];

/**
 * Feeds a web page advertises with `<link rel="alternate" type="…" href="…">` (the RSS
 * autodiscovery convention), resolved against the page URL (or its <base href>). Only http(s)
 * results; duplicates removed; RSS before Atom before JSON Feed. Pure.
 */
export function discoverFeeds(html: string, pageUrl: string): DiscoveredFeed[] {
  const $ = cheerio.load(html);
  const base = resolve($('base[href]').attr('href') ?? '', pageUrl) ?? pageUrl;
  const found = new Map<string, DiscoveredFeed>();
  $('link[rel][href]').each((_, element) => {
    const link = $(element);
    const rel = (link.attr('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (link.attr('type') ?? '').toLowerCase().split(';')[0]!.trim();
    if (!rel.includes('alternate') || !FEED_TYPES.includes(type)) return;
    const url = resolve(link.attr('href') ?? '', base);
    if (url && !found.has(url)) found.set(url, { url, title: link.attr('title')?.trim() || null, type });
  });
  return [...found.values()].sort((a, b) => FEED_TYPES.indexOf(a.type) - FEED_TYPES.indexOf(b.type));
}

function resolve(href: string, base: string): string | null {
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
