/** A link to a site's home page says nothing about which story an item tells (broken feeds do that). */
export function isSiteRoot(canonicalUrl: string): boolean {
  try {
    const url = new URL(canonicalUrl);
    return (url.pathname === '/' || url.pathname === '') && url.search === '';
  } catch {
    return true;
  }
}
