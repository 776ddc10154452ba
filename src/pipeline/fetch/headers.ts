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
}

export function requestHeaders(options: HeaderOptions): Headers {
  const headers = new Headers({
    'User-Agent': options.userAgent,
    Accept: FEED_ACCEPT,
    'Accept-Encoding': ACCEPT_ENCODING,
  });
  if (options.conditional) {
    if (options.etag) headers.set('If-None-Match', options.etag);
    if (options.lastModified) headers.set('If-Modified-Since', options.lastModified);
  }
  return headers;
}
