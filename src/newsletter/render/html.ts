import type { Draft, DraftEntry } from '../../model/draft.js';
import { cleanText, escapeHtml } from './escape.js';
import { safeHttpUrl } from './url.js';
import { alsoCovered, displayTitle, previouslyLine, UNDATED, resolveRenderOptions, victimNames, visibleSections, type RenderOptions } from './view.js';

/**
 * The issue as an HTML fragment to paste into an e-mail editor. E-mail clients drop <style>
 * blocks and classes, so every element carries its own inline style; there is no script, no
 * class, no image. All text is escaped (& < > " '), links are http(s) only and `rel="noopener"`.
 */

const STYLE = {
  wrapper: 'font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1f2328; max-width: 640px;',
  h1: 'font-size: 26px; line-height: 1.25; margin: 0 0 20px 0; color: #111111;',
  h2: 'font-size: 20px; line-height: 1.3; margin: 28px 0 4px 0; padding-bottom: 4px; border-bottom: 2px solid #b42318; color: #111111;',
  subtitle: 'margin: 0 0 12px 0; font-style: italic; color: #57606a;',
  list: 'margin: 0 0 16px 0; padding-left: 22px;',
  item: 'margin: 0 0 12px 0;',
  title: 'color: #0b57d0; font-weight: bold; text-decoration: none;',
  plainTitle: 'font-weight: bold;',
  source: 'color: #57606a;',
  blurb: 'color: #1f2328;',
  also: 'font-size: 14px; color: #57606a;',
  alsoLink: 'color: #0b57d0; text-decoration: underline;',
  empty: 'margin: 0; font-style: italic; color: #57606a;',
} as const;

export function renderHtml(draft: Draft, options?: RenderOptions): string {
  const opts = resolveRenderOptions(options);
  const out = [
    `<div style="${STYLE.wrapper}">`,
    `<h1 style="${STYLE.h1}">${text(opts.newsletterName)} — ${text(draft.date)}</h1>`,
  ];
  const sections = visibleSections(draft, opts);
  if (sections.length === 0) out.push(`<p style="${STYLE.empty}">No stories in this issue.</p>`);
  for (const { section, entries, showVictims } of sections) {
    out.push(`<h2 style="${STYLE.h2}">${text(section.title)}</h2>`);
    const subtitle = cleanText(section.subtitle ?? '');
    if (subtitle !== '') out.push(`<p style="${STYLE.subtitle}">${text(subtitle)}</p>`);
    out.push(`<ul style="${STYLE.list}">`);
    for (const entry of entries) out.push(`<li style="${STYLE.item}">${entryHtml(entry, showVictims, opts.maxAlsoCoveredBy)}</li>`);
    out.push('</ul>');
  }
  out.push('</div>');
  return `${out.join('\n')}\n`;
}

function entryHtml(entry: DraftEntry, showVictims: boolean, maxLinks: number): string {
  const parts: string[] = [];
  const victims = showVictims ? victimNames(entry) : [];
  if (victims.length > 0) parts.push(`<strong>${text(victims.join(', '))}</strong>: `);
  const title = text(displayTitle(entry.title));
  const href = safeHttpUrl(entry.url);
  parts.push(href ? anchor(href, title, STYLE.title) : `<span style="${STYLE.plainTitle}">${title}</span>`);
  const source = cleanText(entry.source);
  if (source !== '') parts.push(` <span style="${STYLE.source}">(${text(source)})</span>`);
  if (entry.undated) parts.push(` <span style="${STYLE.source}">${UNDATED}</span>`);

  const blurb = cleanText(entry.blurb ?? '');
  if (blurb !== '') parts.push(`<br><span style="${STYLE.blurb}">${text(blurb)}</span>`);
  const previously = previouslyLine(entry, (title) => `&ldquo;${text(title)}&rdquo;`);
  if (previously) parts.push(`<br><span style="${STYLE.also}">${previously}</span>`);

  const { shown, more } = alsoCovered(entry, maxLinks);
  if (shown.length > 0) {
    const links = shown.map((l) => {
      const label = text(cleanText(l.source) || displayTitle(l.title));
      const to = safeHttpUrl(l.url);
      return to ? anchor(to, label, STYLE.alsoLink) : label;
    });
    parts.push(`<br><span style="${STYLE.also}">Also covered by: ${links.join(', ')}${more > 0 ? ` and ${more} more` : ''}</span>`);
  }
  return parts.join('');
}

function anchor(href: string, html: string, style: string): string {
  return `<a href="${escapeHtml(href)}" rel="noopener" style="${style}">${html}</a>`;
}

function text(raw: string): string {
  return escapeHtml(cleanText(raw));
}
