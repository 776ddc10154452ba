import type { App } from '../app.js';
import { UsageError, type Draft } from '../model/index.js';
import { renderDraft } from '../newsletter/index.js';
import { buildSite, checkSiteUrl, existingFiles, inspectSiteDirectory, MANIFEST_FILE, siteBaseUrl, SITE_URL_EXPECT, writeSite } from '../publish/index.js';
import type { DraftRepository } from '../storage/index.js';
import { configuredRenderOptions } from './render-options.js';

export interface PublishOptions {
  /** `--out`: the site directory (default settings.publish.dir, `site`). */
  out?: string | undefined;
  /** `--site-url`: the site's public http(s) URL (default settings.publish.siteUrl). */
  siteUrl?: string | undefined;
}

export interface PublishResult {
  /** The site directory, as given. */
  dir: string;
  /** The sent issues published, newest first. */
  issues: number[];
  /** Files written, relative to `dir`: index.html, atom.xml, then the issue pages. */
  files: string[];
  /** Pages an earlier publish wrote of issues no longer sent, removed. */
  removed: string[];
  /** The normalized site URL used, or null. */
  siteUrl: string | null;
}

/**
 * Writes the archive site and Atom feed of every sent issue into a directory (issue 18). Files are
 * written atomically; the pages of issues no longer sent are removed when an earlier publish wrote
 * them (its manifest says so), and a directory holding such files that publish never wrote is
 * refused rather than overwritten. A bad flag is a UsageError; a file that cannot be written is
 * SecdigestError('output').
 */
export async function publishSite(app: Pick<App, 'storage' | 'config' | 'now'>, options: PublishOptions = {}): Promise<PublishResult> {
  const settings = app.config.settings.publish;
  const dir = options.out ?? settings.dir;
  if (dir.trim() === '') throw new UsageError('--out must name a directory');
  const siteUrl = resolveSiteUrl(options.siteUrl, settings.siteUrl);
  const target = inspectSiteDirectory(dir);
  if (target.kind === 'not-a-directory') throw new UsageError(`--out ${dir} is not a directory: name a directory for the site`);

  // As `export --format html` renders it (the editor's template too), without placeholders: readers see this.
  const renderWith = configuredRenderOptions(app.config, ['html'], { forReaders: true });
  const site = buildSite({
    name: app.config.settings.draft.newsletterName,
    siteUrl,
    issues: await sentDrafts(app.storage.drafts),
    renderIssue: (draft) => renderDraft(draft, 'html', renderWith),
    now: app.now(),
  });

  const previous = target.kind === 'directory' ? target.manifest : [];
  if (previous === undefined) {
    const foreign = existingFiles(dir, site.files);
    if (foreign.length > 0) {
      throw new UsageError(`${dir} already holds ${foreign.join(', ')}, not written by secdigest publish (no ${MANIFEST_FILE}): choose another --out or remove ${foreign.length === 1 ? 'it' : 'them'}`);
    }
  }
  const { removed } = writeSite(dir, site.files, previous ?? []);
  return { dir, issues: site.issues, files: site.files.map((f) => f.path), removed, siteUrl };
}


/** `--site-url` when given (checked: exit 2 with the reason), else the setting (checked when feeds.yaml was read). */
export function resolveSiteUrl(flag: string | undefined, fromSettings: string | null): string | null {
  if (flag === undefined) return fromSettings === null ? null : (siteBaseUrl(fromSettings) ?? null);
  const check = checkSiteUrl(flag);
  if (!check.ok) throw new UsageError(`--site-url must be ${SITE_URL_EXPECT}; "${flag}" is not: ${check.reason}`);
  return check.base;
}

/**
 * Every sent draft, full: the summaries say which are sent, each is then loaded. A draft marked
 * not sent between the two reads is left out (its loaded copy says so).
 */
async function sentDrafts(drafts: Pick<DraftRepository, 'list' | 'load'>): Promise<Draft[]> {
  const sent: Draft[] = [];
  for (const summary of await drafts.list()) {
    if (summary.sentAt === null) continue;
    const draft = await drafts.load(summary.number);
    if (draft && draft.sentAt !== null) sent.push(draft);
  }
  return sent;
}
