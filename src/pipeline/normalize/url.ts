import { sha256Hex } from './digest.js';

/**
 * Query keys removed from canonical URLs (matched case-insensitively).
 *
 * Miniflux's list (internal/reader/urlcleaner/urlcleaner.go, which cites AdGuard's
 * TrackParamFilter, Firefox query-stripping, Neat-URL and Brave's query_filter), plus the
 * BBC / AT Internet keys seen on real security-news links (`ns_*`, `ito`, `at_medium`,
 * `at_campaign`, `feedref`) that no common list removes. `rss` and `rss_source` are left
 * alone: no list we know treats them as tracking, and some sites route on them.
 */
export const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  // Facebook
  'fbclid', '_openstat', 'fb_action_ids', 'fb_action_types', 'fb_ref', 'fb_source', 'fb_comment_id',
  // Google click ids and GA4 campaign keys
  'gclid', 'dclid', 'gbraid', 'wbraid', 'gclsrc', 'srsltid',
  'campaign_id', 'campaign_medium', 'campaign_name', 'campaign_source', 'campaign_term', 'campaign_content',
  // Yandex, Twitter, Microsoft
  'yclid', 'ysclid', 'twclid', 'msclkid',
  // Mailchimp, Wicked Reports, HubSpot, Olytics, Vero, Marketo, Adobe, Beehiiv, Branch
  'mc_cid', 'mc_eid', 'mc_tc', 'wickedid',
  'hsa_cam', '_hsenc', '__hssc', '__hstc', '__hsfp', '_hsmi', 'hsctatracking',
  'rb_clickid', 'oly_anon_id', 'oly_enc_id', 'vero_id', 'vero_conv', 'mkt_tok', 'sc_cid', '_bhlid',
  '_branch_match_id', '_branch_referrer', '__readwiselocation',
  // BBC / AT Internet (not in Miniflux)
  'ito', 'at_medium', 'at_campaign', 'feedref',
]);

/** Whole key families: Urchin (utm_), Matomo (mtm_), Humble Bundle (hmb_), itm_, BBC (ns_). */
const TRACKING_PREFIXES = ['utm_', 'mtm_', 'hmb_', 'itm_', 'ns_'] as const;

/** Ghost appends `?ref=<its own host>` to outbound links; removed only when it names the feed's site. */
const OUTBOUND_REF_PARAM = 'ref';

/** Links longer than this are not article links (browsers and servers choke well before it). */
const MAX_URL_CHARS = 8_192;

function isTrackingKey(key: string): boolean {
  const lower = key.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/** Parses an absolute http(s) URL; anything else (other schemes, garbage) is null. */
function parseHttpUrl(text: string, base?: string | URL): URL | null {
  if (text.length > MAX_URL_CHARS) return null;
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}

/**
 * Resolves an entry link to an absolute http(s) URL. Relative links are resolved against the
 * site URL (itself resolved against the feed URL), else the feed URL. `javascript:`, `data:`,
 * `mailto:` and every other scheme give null: only web links survive.
 */
export function resolveLink(link: string | undefined, feedUrl: string, siteUrl?: string): string | null {
  const trimmed = link?.trim();
  if (!trimmed) return null;
  const feedBase = parseHttpUrl(feedUrl);
  const siteBase = siteUrl?.trim() ? parseHttpUrl(siteUrl.trim(), feedBase ?? undefined) : null;
  return parseHttpUrl(trimmed, siteBase ?? feedBase ?? undefined)?.href ?? null;
}

function decodeQueryPart(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part;
  }
}

function bareHost(host: string): string {
  return host.toLowerCase().replace(/^www\./, '');
}

/**
 * The key the same article gets wherever it is linked from: absolute http(s), scheme and host
 * lower-cased and default port dropped (WHATWG URL does both), no fragment, tracking parameters
 * removed, the remaining parameters sorted by key (stably, so repeated keys keep their order) and
 * kept byte for byte. `ownHosts` are the feed's and site's hosts, for Ghost's `ref`.
 * `www.` and trailing slashes are kept: servers may treat them as different resources.
 */
export function canonicalizeUrl(absoluteUrl: string, ownHosts: readonly string[] = []): string | null {
  const url = parseHttpUrl(absoluteUrl.trim());
  if (!url) return null;
  url.hash = '';
  // A user name or password is not part of what a link names, and must never reach a newsletter.
  url.username = '';
  url.password = '';
  const own = new Set(ownHosts.filter((h) => h !== '').map(bareHost));
  const kept: { key: string; raw: string }[] = [];
  for (const raw of url.search.slice(1).split('&')) {
    if (raw === '') continue;
    const eq = raw.indexOf('=');
    const key = decodeQueryPart(eq === -1 ? raw : raw.slice(0, eq));
    if (isTrackingKey(key)) continue;
    if (key.toLowerCase() === OUTBOUND_REF_PARAM && eq !== -1) {
      const value = decodeQueryPart(raw.slice(eq + 1));
      if (own.has(bareHost(value))) continue;
    }
    kept.push({ key, raw });
  }
  // Array.prototype.sort is stable (ES2019); compare code units, not locale, so it is deterministic.
  kept.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  url.search = kept.length > 0 ? `?${kept.map((p) => p.raw).join('&')}` : '';
  return url.href;
}

/** First 16 hex chars of the SHA-256 of a canonical URL: the cross-feed exact-duplicate key. */
export function urlHash(canonicalUrl: string): string {
  return sha256Hex(canonicalUrl, 16);
}

/** Hostname of an http(s) URL, or null; used to recognise the feed's own host in `ref`. */
export function hostOf(url: string | undefined): string | null {
  return url ? (parseHttpUrl(url.trim())?.hostname ?? null) : null;
}
