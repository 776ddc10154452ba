import { cleanText, escapeHtml } from '../newsletter/render/escape.js';
import type { PublishedIssue } from './issue.js';

/**
 * The site's HTML pages: the archive (index.html) and one page per issue. The issue's body is the
 * export's HTML fragment, already escaped by its renderer; every text this file adds (the
 * newsletter's name, headlines, dates) is escaped here. Links between pages are relative, so the
 * site works from any folder and from disk.
 */

/**
 * Only inline styles may apply; nothing else loads or runs: no script, frame, font, form target or
 * `<base>` (`base-uri` and `form-action` do not fall back to default-src, so they are named). A
 * payload that slipped past escaping still could not run. The meta tag must precede the content
 * it governs (CSP 3, §"meta element"), hence right after the charset.
 */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; base-uri 'none'; form-action 'none'";

const STYLE = 'body{margin:0 auto;padding:24px 16px;max-width:680px;font-family:Arial,Helvetica,sans-serif;line-height:1.5;color:#1f2328}nav{margin-bottom:24px;font-size:14px}a{color:#0b57d0}ol{padding-left:0;list-style:none}li{margin:0 0 14px 0}.meta{color:#57606a;font-size:14px}';

interface Page {
  /** Plain text. */
  title: string;
  /** Plain text: the newsletter's name, the title of the Atom feed link. */
  name: string;
  /** `''` for a page at the top of the site, `../` for one in a folder. */
  root: string;
  /** Markup of the page's body, everything in it already escaped. */
  body: string;
}

function page({ title, name, root, body }: Page): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`, // a constant without quotes
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${text(title)}</title>`,
    `<link rel="alternate" type="application/atom+xml" title="${text(name)}" href="${root}atom.xml">`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<nav><a href="${root}index.html">All issues</a> · <a href="${root}atom.xml">Atom feed</a></nav>`,
    '<main>',
    body.trimEnd(),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** index.html: the newsletter's name and its sent issues, newest first, each linking to its page. */
export function archivePage(name: string, issues: readonly PublishedIssue[]): string {
  const list = issues.length === 0
    ? '<p>No issues yet.</p>'
    : ['<ol>', ...issues.map((i) => `<li><a href="${i.path}">Issue #${i.number}</a> <span class="meta">${time(i.date)}</span><br>${text(i.headline)}</li>`), '</ol>'].join('\n');
  return page({ title: `${name} — archive`, name, root: '', body: `<h1>${text(name)}</h1>\n${list}` });
}

/** issues/N.html: the issue as it was sent. */
export function issuePage(name: string, issue: PublishedIssue): string {
  const body = `<p class="meta">Issue #${issue.number} · ${time(issue.date)}</p>\n${issue.fragment}`;
  return page({ title: `${name} — Issue #${issue.number} (${issue.date})`, name, root: '../', body });
}

function time(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `<time datetime="${date}">${date}</time>` : text(date);
}

function text(raw: string): string {
  return escapeHtml(cleanText(raw));
}
