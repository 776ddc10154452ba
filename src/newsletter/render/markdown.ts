import type { Draft, DraftEntry } from '../../model/draft.js';
import { cleanText, escapeMarkdown } from './escape.js';
import { markdownDestination, safeHttpUrl } from './url.js';
import { alsoCovered, displayTitle, previouslyLine, UNDATED, resolveRenderOptions, victimNames, visibleSections, type RenderOptions } from './view.js';

/**
 * The issue as Markdown in the newsletter's style:
 *
 *   # The Breach Report — 2026-11-25
 *   ## Latest News
 *   *New from our favorite blogs and journalists*
 *   - [Title](https://…) (Source)
 *     Editor's blurb.
 *     Also covered by: [Other outlet](https://…), [Another](https://…)
 *
 * Wall of Shame entries start with the victims in bold. The blurb and "also covered by" sit on
 * continuation lines of the bullet ended by a backslash, CommonMark's hard line break (soft breaks
 * would run them into the title's line; trailing double spaces get stripped by editors). Escaped
 * text never ends in a lone backslash, so that one is always ours.
 */
export function renderMarkdown(draft: Draft, options?: RenderOptions): string {
  const opts = resolveRenderOptions(options);
  const lines = [`# ${escapeMarkdown(opts.newsletterName)} — ${escapeMarkdown(draft.date)}`, ''];
  const sections = visibleSections(draft, opts);
  if (sections.length === 0) lines.push('*No stories in this issue.*', '');
  for (const { section, entries, showVictims } of sections) {
    lines.push(`## ${escapeMarkdown(section.title)}`, '');
    const subtitle = escapeMarkdown(section.subtitle ?? '');
    if (subtitle !== '') lines.push(`*${subtitle}*`, '');
    for (const entry of entries) lines.push(...entryLines(entry, showVictims, opts.maxAlsoCoveredBy));
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function entryLines(entry: DraftEntry, showVictims: boolean, maxLinks: number): string[] {
  const victims = showVictims ? victimNames(entry) : [];
  const prefix = victims.length > 0 ? `**${victims.map(escapeMarkdown).join(', ')}**: ` : '';
  const source = escapeMarkdown(entry.source);
  const lines = [`- ${prefix}${link(displayTitle(entry.title), entry.url)}${source ? ` (${source})` : ''}${entry.undated ? ` ${UNDATED}` : ''}`];

  const blurb = escapeMarkdown(entry.blurb ?? '');
  if (blurb !== '') lines.push(`  ${blurb}`);
  const previously = previouslyLine(entry, (title) => `"${escapeMarkdown(title)}"`);
  if (previously) lines.push(`  ${previously}`);

  const { shown, more } = alsoCovered(entry, maxLinks);
  if (shown.length > 0) {
    const links = shown.map((l) => link(cleanText(l.source) || displayTitle(l.title), l.url));
    lines.push(`  Also covered by: ${links.join(', ')}${more > 0 ? ` and ${more} more` : ''}`);
  }
  return lines.map((line, i) => (i < lines.length - 1 ? `${line}\\` : line));
}

/** `[text](url)` for an http(s) URL; otherwise the text alone, never a link. */
function link(text: string, url: string | null): string {
  const href = safeHttpUrl(url);
  return href ? `[${escapeMarkdown(text)}](${markdownDestination(href)})` : escapeMarkdown(text);
}
