import { FeedError } from '../../model/index.js';
import { discardBody } from './body.js';
import { describeStatus } from './messages.js';
import { checkHttpUrl } from './url-check.js';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** RFC 9110 §15.4.2 and RFC 9538 §3: the resource has moved for good. */
const PERMANENT_STATUSES = new Set([301, 308]);

/**
 * Sends one GET; `onOriginalHost` is true while every hop so far stayed on the feed's own host,
 * `onOriginalOrigin` while every hop stayed on its origin (scheme, host and port).
 */
export type SendRequest = (url: URL, onOriginalHost: boolean, onOriginalOrigin: boolean) => Promise<Response>;

export type RedirectResult =
  | {
      ok: true;
      response: Response;
      /** The URL that produced `response`. */
      url: URL;
      /** Set when at least one hop was followed and every hop was 301/308 (FreshRSS's rule). */
      permanentRedirect?: string;
    }
  | { ok: false; status: number; error: FeedError };

/**
 * Follows redirects by hand (the request is made with `redirect: 'manual'`) so that every target is
 * checked like the feed URL and the hop count and permanence are known. Bodies of redirect
 * responses are discarded. Transport errors from `send` propagate to the caller.
 */
export async function followRedirects(start: URL, maxRedirects: number, send: SendRequest): Promise<RedirectResult> {
  const visited = new Set<string>([start.href]);
  let url = start;
  let onOriginalHost = true;
  let onOriginalOrigin = true;
  let allPermanent = true;
  let hops = 0;
  let looped = false;

  for (;;) {
    const response = await send(url, onOriginalHost, onOriginalOrigin);
    if (!REDIRECT_STATUSES.has(response.status)) {
      const permanentRedirect = hops > 0 && allPermanent ? url.href : undefined;
      return { ok: true, response, url, ...(permanentRedirect ? { permanentRedirect } : {}) };
    }
    await discardBody(response);
    hops += 1;
    if (hops > maxRedirects) {
      const what = looped ? 'redirect loop' : 'too many redirects';
      return fail(response.status, 'too-many-redirects', `${what}: ${hops} redirects (limit ${maxRedirects})`);
    }
    const location = response.headers.get('location');
    if (location === null || location.trim() === '') {
      return fail(response.status, 'bad-redirect', `redirect (${describeStatus(response.status)}) without a Location header`);
    }
    const target = checkHttpUrl(location.trim(), url);
    if (!target.ok) return fail(response.status, 'bad-redirect', `redirect to ${target.reason}`);

    allPermanent &&= PERMANENT_STATUSES.has(response.status);
    onOriginalHost &&= target.url.host === start.host;
    onOriginalOrigin &&= target.url.origin === start.origin;
    looped ||= visited.has(target.url.href);
    visited.add(target.url.href);
    url = target.url;
  }
}

function fail(status: number, code: 'too-many-redirects' | 'bad-redirect', message: string): RedirectResult {
  return { ok: false, status, error: new FeedError(code, message, { status }) };
}
