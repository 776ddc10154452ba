/** Feed media types first; generic XML and JSON next; anything else last (servers mislabel feeds). */
export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

/** Node's fetch (undici) decompresses all three itself, counting decompressed bytes as we read. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

export interface HeaderOptions {
  userAgent: string;
  etag?: string | null;
  lastModified?: string | null;
  /**
   * Validators belong to the feed's own server: they are sent only while every hop so far stayed on
   * the original host (`URL.host`, so an http→https upgrade on the default ports keeps them):
   * validators are opaque values minted by that server (RFC 9110 §8.8).
   */
  conditional: boolean;
  /** The feed's configured headers (FetchRequest.headers); they may replace User-Agent and Accept. */
  feedHeaders?: Readonly<Record<string, string>> | undefined;
  /**
   * Whether every hop so far stayed on the feed URL's origin (scheme, host and port). The feed's
   * headers are credentials for that origin: like a browser dropping Authorization on a cross-origin
   * redirect (Fetch standard, "HTTP-redirect fetch"), they are not sent once the chain has left it,
   * even back to it later, and not to the https:// twin of an http:// feed URL either.
   */
  sameOrigin: boolean;
}

/** Headers the fetcher owns; config/feed-rules.ts refuses them, and they are skipped here too. */
const MANAGED = new Set(['host', 'content-length', 'if-none-match', 'if-modified-since', 'accept-encoding', 'connection']);

export function requestHeaders(options: HeaderOptions): Headers {
  const headers = new Headers({
    'User-Agent': options.userAgent,
    Accept: FEED_ACCEPT,
    'Accept-Encoding': ACCEPT_ENCODING,
  });
  if (options.sameOrigin && options.feedHeaders) {
    for (const [name, value] of Object.entries(options.feedHeaders)) {
      if (!MANAGED.has(name.toLowerCase())) headers.set(name, value);
    }
  }
  if (options.conditional) {
    if (options.etag) headers.set('If-None-Match', options.etag);
    if (options.lastModified) headers.set('If-Modified-Since', options.lastModified);
  }
  return headers;
}
