/**
 * `.secdigest-site.json`: the files the last `secdigest publish` wrote into the site directory.
 * Only files it lists are ever removed (an issue no longer sent), so the editor's own files beside
 * the site (a CNAME, a logo, a robots.txt) are never touched. Pure: write-site.ts does the I/O.
 */

export const MANIFEST_FILE = '.secdigest-site.json';

/** Paths publish writes, relative to the site directory; nothing else is ever removed, whatever a manifest says. */
const SITE_PATH = /^(?:index\.html|atom\.xml|issues\/[1-9][0-9]{0,15}\.html)$/;

export function isSitePath(path: string): boolean {
  return SITE_PATH.test(path);
}

/**
 * The files a manifest lists that publish could have written. Takes the file's text as found: a
 * damaged or edited manifest gives the paths it still names validly (none at worst), so a bad
 * manifest can cost a stale page, never a file that is not ours (`../../.ssh/id_rsa`).
 */
export function parseManifest(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  const files = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).files : undefined;
  if (!Array.isArray(files)) return [];
  return [...new Set(files.filter((f): f is string => typeof f === 'string' && isSitePath(f)))];
}

export function manifestText(files: readonly string[]): string {
  return `${JSON.stringify({ generator: 'secdigest publish', files: [...new Set(files)].sort() }, null, 2)}\n`;
}

/** Files the last run wrote that this run does not: the pages of issues no longer sent. */
export function staleFiles(previous: readonly string[], current: readonly string[]): string[] {
  const keep = new Set(current);
  return previous.filter((f) => isSitePath(f) && !keep.has(f));
}
