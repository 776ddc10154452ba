import { safeHttpUrl } from '../newsletter/render/url.js';

/** What an accepted site URL must be, completing "… must be": shared by `--site-url` and `settings.publish.siteUrl`. */
export const SITE_URL_EXPECT = 'an absolute http(s) URL without a user name, query or fragment, such as https://news.example.com/';

export type SiteUrlCheck = { ok: true; base: string } | { ok: false; reason: string };

/**
 * The site's public base URL, normalized so that `new URL('issues/3.html', base)` lands under it:
 * the path always ends with `/` (`https://x.example/news` is the folder `news/`). Only plain
 * `http://` / `https://` URLs with a real host: this URL goes into atom.xml's ids and links, which
 * feed readers open, so a `javascript:` or `data:` one must never get there. A reason says why not.
 */
export function checkSiteUrl(raw: string): SiteUrlCheck {
  if (raw !== raw.trim() || raw === '') return { ok: false, reason: 'it is empty or has spaces around it' };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw)?.[1]?.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    return { ok: false, reason: scheme ? `it uses ${scheme}:, only http and https are allowed` : 'it is not absolute (it needs http:// or https://)' };
  }
  if (!/^https?:\/\//i.test(raw)) return { ok: false, reason: 'it needs // after the scheme' };
  const safe = safeHttpUrl(raw);
  if (safe === null) return { ok: false, reason: 'its host is not a valid host name' };
  const url = new URL(raw);
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'it holds a user name or password, which would be published' };
  if (url.search !== '' || url.hash !== '' || raw.includes('?') || raw.includes('#')) return { ok: false, reason: 'it has a query or fragment: name the folder the site is served from' };
  const base = new URL(safe);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return { ok: true, base: base.href };
}

/** The normalized base URL, or undefined when `raw` is not acceptable (see checkSiteUrl). */
export function siteBaseUrl(raw: string): string | undefined {
  const check = checkSiteUrl(raw);
  return check.ok ? check.base : undefined;
}
