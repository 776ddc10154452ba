import * as cheerio from 'cheerio';
import { cleanText } from '../newsletter/render/escape.js';
import { decodeBody } from '../pipeline/parse/decode.js';
import { safeHttpUrl } from '../newsletter/render/url.js';
import { ReviewError } from './errors.js';

/** What the review page reads of a link the editor adds by hand. */
export interface PageInfo {
  title: string | undefined;
  /** The site's name (og:site_name, application-name), else the host without `www.`. */
  source: string;
  /** article:published_time when the page gives a valid one (UTC ISO 8601). */
  publishedAt: string | undefined;
}

export interface PageFetchOptions {
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
  /** Bytes of HTML read at most; the title is in the head, so the rest is never needed. */
  maxBytes?: number;
}

export type PageFetcher = (url: string) => Promise<PageInfo>;

/**
 * A link an editor typed, as an absolute http(s) URL, or ReviewError('bad-request') saying why not.
 * A user name or password is refused: it would be printed in the newsletter, and fetch refuses such
 * a URL anyway (Fetch standard, Request constructor: "If parsedURL includes credentials, then throw
 * a TypeError"), so the editor hears it in their own terms.
 */
export function editorLink(raw: string): string {
  const url = safeHttpUrl(raw.trim());
  if (!url) throw new ReviewError('bad-request', 'The link must be an absolute http(s) URL.');
  const { username, password } = new URL(raw.trim()); // safeHttpUrl drops them: look at what was typed
  if (username || password) throw new ReviewError('bad-request', 'The link must not contain a user name or password.');
  return url;
}

/**
 * Reads a page's title, site name and publication time. http(s) only and without a user name or
 * password (ReviewError('bad-request'), before any request), with a total timeout and a size cap
 * (the body is read up to `maxBytes`, then cancelled). Fails with ReviewError('unreachable') for
 * anything that is not a readable HTML page.
 */
export function createPageFetcher(options: PageFetchOptions = {}): PageFetcher {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxBytes = options.maxBytes ?? 512 * 1024;
  return async (raw) => {
    const url = editorLink(raw);
    let text: string;
    try {
      const response = await fetchImpl(url, {
        signal: AbortSignal.timeout(timeoutMs),
        headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1' },
        redirect: 'follow',
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const type = response.headers.get('content-type') ?? '';
      if (type && !/html/i.test(type)) throw new Error(`not an HTML page (${type})`);
      text = decodeBody(await readCapped(response, maxBytes), type || null);
    } catch (cause) {
      const reason = (cause as Error).name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : (cause as Error).message;
      throw new ReviewError('unreachable', `Could not read the page (${reason}): type the title by hand.`, { cause });
    }
    return readPageInfo(text, url);
  };
}

/**
 * The first `maxBytes` of the body; the rest is never read (the title is in the head). Not the
 * fetch stage's readCappedBody: that one refuses a body over the cap (too-large), a page wants
 * its prefix.
 */
async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, maxBytes);
}

/** Pure: a page's HTML and address to its title, source and time. */
export function readPageInfo(htmlText: string, url: string): PageInfo {
  const $ = cheerio.load(htmlText);
  const meta = (selector: string): string | undefined => {
    const value = cleanText($(selector).first().attr('content') ?? '');
    return value || undefined;
  };
  const title =
    meta('meta[property="og:title"]') ?? meta('meta[name="twitter:title"]') ?? (cleanText($('title').first().text()) || undefined);
  const host = new URL(url).hostname.replace(/^www\./, '');
  const source = meta('meta[property="og:site_name"]') ?? meta('meta[name="application-name"]') ?? host;
  const published = meta('meta[property="article:published_time"]');
  const time = published && /^\d{4}-\d\d-\d\dT/.test(published) ? Date.parse(published) : NaN;
  return { title: title?.slice(0, 300), source: source.slice(0, 100), publishedAt: Number.isNaN(time) ? undefined : new Date(time).toISOString() };
}
