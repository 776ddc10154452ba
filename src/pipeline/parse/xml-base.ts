/**
 * `xml:base` (XML Base, RFC 3986 §5.1): a relative reference in a feed resolves against the
 * nearest `xml:base`, itself resolved against its parent's, up to the document's own URL.
 * feedsmith reports the attribute on the feed (the root element) and on each entry.
 */

/** Stands in for the document URL when it is unknown, and is taken off again afterwards. */
const PLACEHOLDER_ORIGIN = 'https://document.invalid';

/**
 * `reference` resolved against `bases`, outermost first (the document URL, the feed's
 * `xml:base`, the entry's). Without any base the reference is returned unchanged. When the
 * chain does not reach an absolute URL the result is the path it reached (`/blog/post`), which
 * normalize then resolves against the feed's URL. A reference that cannot be resolved (a base
 * such as `urn:…`) is returned as written.
 */
export function resolveReference(reference: string | undefined, bases: readonly (string | undefined)[]): string | undefined {
  if (reference === undefined) return undefined;
  const chain = bases.map((base) => base?.trim()).filter((base): base is string => Boolean(base));
  if (chain.length === 0) return reference;
  let url: URL;
  try {
    let base = new URL(`${PLACEHOLDER_ORIGIN}/`);
    for (const next of chain) base = new URL(next, base);
    url = new URL(reference, base);
  } catch {
    return reference;
  }
  return url.origin === PLACEHOLDER_ORIGIN ? `${url.pathname}${url.search}${url.hash}` : url.href;
}
