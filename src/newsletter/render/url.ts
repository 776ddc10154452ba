/**
 * Links in exports: an allow-list of schemes (http and https), decided after parsing with the
 * WHATWG URL parser, which also strips the tabs, newlines and leading spaces that hide a
 * `java\tscript:` from a naive prefix check. Anything else, relative URLs included, is no link.
 */
export function safeHttpUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // WHATWG hosts may hold " ' ` { } and more (only a few code points are forbidden), and `href`
  // leaves them as they are: a quote in the host would end an attribute. Real hosts are LDH
  // labels (underscores seen in the wild), IPv4, or bracketed IPv6; anything else is no link.
  if (!/^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?|\[[0-9a-f:.]+\])$/.test(url.hostname)) return null;
  // Credentials never go out in a newsletter (items stored before canonical URLs dropped them).
  url.username = '';
  url.password = '';
  // `href` is serialised: in path, query and fragment spaces, quotes, `<` and `>` are
  // percent-encoded; the host is punycode and was checked above.
  return url.href;
}

/**
 * A safe URL as a Markdown link destination `(…)`. WHATWG leaves parentheses and backslashes as
 * they are, and either would end or alter the destination, so they are percent-encoded (same
 * resource). CommonMark decodes entity references in destinations, so an `&` that starts one is
 * backslash-escaped rather than encoded (encoding would change the query string).
 */
export function markdownDestination(href: string): string {
  return href
    .replace(/[()\\ <>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`) // all ≥ 0x20: two digits
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}
