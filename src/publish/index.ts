import type { Draft } from '../model/draft.js';
import { atomFeed } from './atom.js';
import { publishedIssues } from './issue.js';
import { archivePage, issuePage } from './pages.js';
import { siteBaseUrl } from './site-url.js';

/**
 * The publish stage (issue 18): the sent issues as a static archive site and an Atom feed
 * (`buildSite`, pure), and writing it into a directory (`writeSite`, the I/O edge).
 */
export { CONTENT_SECURITY_POLICY } from './pages.js';
export { headlineOf, NO_HEADLINE } from './issue.js';
export { MANIFEST_FILE, isSitePath, parseManifest } from './manifest.js';
export { checkSiteUrl, siteBaseUrl, SITE_URL_EXPECT, type SiteUrlCheck } from './site-url.js';
export { existingFiles, inspectSiteDirectory, writeSite, type SiteDirectory } from './write-site.js';

export interface SiteInput {
  /** The newsletter's name (settings.draft.newsletterName), plain text. */
  name: string;
  /** The site's public URL (http/https), for absolute links and ids in atom.xml; none: a URN id, no links. */
  siteUrl?: string | null | undefined;
  /** The sent drafts; any not sent is left out. Published newest (highest number) first. */
  issues: readonly Draft[];
  /** One issue as an HTML fragment: the export's renderer (`renderDraft(draft, 'html', options)`). */
  renderIssue: (draft: Draft) => string;
  /** atom.xml's `updated` when there is no issue yet. */
  now: Date;
}

/** A file of the site: its path relative to the site directory (`/`-separated) and its text. */
export interface SiteFile {
  path: string;
  text: string;
}

export interface Site {
  /** The issues published, newest first. */
  issues: number[];
  /** index.html, atom.xml, then the issue pages newest first. */
  files: SiteFile[];
}

/** Builds every file of the site from the sent drafts. Throws TypeError for a site URL checkSiteUrl refuses. */
export function buildSite(input: SiteInput): Site {
  const base = input.siteUrl ? siteBaseUrl(input.siteUrl) : undefined;
  if (input.siteUrl && base === undefined) throw new TypeError(`not a usable site URL: ${input.siteUrl}`);
  const issues = publishedIssues(input.issues, input.renderIssue, input.now);
  return {
    issues: issues.map((i) => i.number),
    files: [
      { path: 'index.html', text: archivePage(input.name, issues) },
      { path: 'atom.xml', text: atomFeed({ name: input.name, base, issues, now: input.now }) },
      ...issues.map((i) => ({ path: i.path, text: issuePage(input.name, i) })),
    ],
  };
}
