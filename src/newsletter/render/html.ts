import type { Draft } from '../../model/draft.js';
import { cleanText, escapeHtml } from './escape.js';
import type { EntryView, LinkView } from './issue-view.js';
import { paragraphs } from './markdown.js';
import type { FormatKit } from './scope.js';
import { renderIssue } from './templates.js';
import { UNDATED, type RenderOptions } from './view.js';

/**
 * The issue as an HTML fragment to paste into an e-mail editor, through templates/issue.html.liquid
 * (or the editor's template). E-mail clients drop <style> blocks and classes, so every element
 * carries its own inline style (templates read them as `style.*`); there is no script, no class,
 * no image. All text is escaped (& < > " '), links are http(s) only and `rel="noopener"`.
 */

export const STYLE = {
  wrapper: 'font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1f2328; max-width: 640px;',
  h1: 'font-size: 26px; line-height: 1.25; margin: 0 0 20px 0; color: #111111;',
  headline: 'font-size: 22px; line-height: 1.3; margin: 0 0 6px 0; color: #111111;',
  teaser: 'margin: 0 0 16px 0; font-size: 17px; color: #57606a;',
  sponsorLine: 'margin: 0 0 16px 0; font-size: 14px; font-style: italic; color: #57606a;',
  h2: 'font-size: 20px; line-height: 1.3; margin: 28px 0 4px 0; padding-bottom: 4px; border-bottom: 2px solid #b42318; color: #111111;',
  h3: 'font-size: 17px; line-height: 1.3; margin: 20px 0 4px 0; color: #111111;',
  subtitle: 'margin: 0 0 12px 0; font-style: italic; color: #57606a;',
  paragraph: 'margin: 0 0 12px 0;',
  box: 'margin: 0 0 16px 0; padding: 12px 16px; background-color: #f6f8fa; border-left: 4px solid #b42318;',
  rule: 'border: 0; border-top: 1px solid #d0d7de; margin: 24px 0;',
  list: 'margin: 0 0 16px 0; padding-left: 22px;',
  item: 'margin: 0 0 12px 0;',
  briefItem: 'margin: 0 0 4px 0; font-size: 14px;',
  title: 'color: #0b57d0; font-weight: bold; text-decoration: none;',
  plainTitle: 'font-weight: bold;',
  source: 'color: #57606a;',
  blurb: 'color: #1f2328;',
  also: 'font-size: 14px; color: #57606a;',
  alsoLink: 'color: #0b57d0; text-decoration: underline;',
  placeholder: 'margin: 0 0 12px 0; padding: 4px 8px; font-style: italic; color: #9a6700; background-color: #fff8c5;',
  small: 'margin: 16px 0 0 0; font-size: 12px; color: #57606a;',
  empty: 'margin: 0; font-style: italic; color: #57606a;',
} as const;

export function renderHtml(draft: Draft, options?: RenderOptions): string {
  return renderIssue(draft, HTML, options);
}

function text(raw: string): string {
  return escapeHtml(cleanText(raw));
}

function anchor(href: string, html: string, style: string): string {
  return `<a href="${escapeHtml(href)}" rel="noopener" style="${style}">${html}</a>`;
}

function link(label: string, href: string | null, style: string = STYLE.alsoLink): string {
  return href ? anchor(href, text(label), style) : text(label);
}

/** Lines joined by <br>, paragraphs as styled <p>. */
function block(raw: string): string {
  return paragraphs(raw)
    .map((lines) => `<p style="${STYLE.paragraph}">${lines.map(text).join('<br>')}</p>`)
    .join('\n');
}

function links(items: LinkView[]): string {
  return items.map((l) => link(l.label, l.href)).join(', ');
}

function entry(e: EntryView, showVictims: boolean): string {
  const parts: string[] = [];
  const victims = showVictims ? e.victims : [];
  if (victims.length > 0) parts.push(`<strong>${text(victims.join(', '))}</strong>: `);
  const title = text(e.title);
  parts.push(e.href ? anchor(e.href, title, STYLE.title) : `<span style="${STYLE.plainTitle}">${title}</span>`);
  if (e.source) parts.push(` <span style="${STYLE.source}">(${text(e.source)})</span>`);
  if (e.undated) parts.push(` <span style="${STYLE.source}">${UNDATED}</span>`);
  if (e.blurbLines.length > 0) parts.push(`<br><span style="${STYLE.blurb}">${e.blurbLines.map(text).join('<br>')}</span>`);
  if (e.previously.length > 0) {
    const earlier = e.previously.map((p) => `&ldquo;${text(p.title)}&rdquo; (issue #${p.issue})`).join(', ');
    parts.push(`<br><span style="${STYLE.also}">Previously: ${earlier}</span>`);
  }
  if (e.related.length > 0) {
    const related = e.related.map((r) => `${link(r.label, r.href)}${r.source ? ` (${text(r.source)})` : ''}`).join(', ');
    parts.push(`<br><span style="${STYLE.also}">Related: ${related}</span>`);
  }
  if (e.alsoCovered.length > 0) {
    parts.push(`<br><span style="${STYLE.also}">Also covered by: ${links(e.alsoCovered)}${e.alsoMore > 0 ? ` and ${e.alsoMore} more` : ''}</span>`);
  }
  return parts.join('');
}

export const HTML: FormatKit = {
  format: 'html',
  escape: text,
  link: (label, href) => link(label, href),
  block,
  inline: (raw) => paragraphs(raw).flat().map(text).join(' '),
  placeholder: (what, inline) =>
    inline ? `<span style="${STYLE.placeholder}">[${text(what)}]</span>` : `<p style="${STYLE.placeholder}">[${text(what)}]</p>`,
  entry,
  subscribe: (items) => items.map((l) => link(l.label, l.href)).join(' &middot; '),
  style: STYLE,
};
