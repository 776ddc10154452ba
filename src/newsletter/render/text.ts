import type { Draft, DraftEntry } from '../../model/draft.js';
import { cleanText } from './escape.js';
import { safeHttpUrl } from './url.js';
import { alsoCovered, displayTitle, previouslyLine, UNDATED, resolveRenderOptions, victimNames, visibleSections, type RenderOptions } from './view.js';

/**
 * The issue as plain text for a terminal or a text e-mail: headings underlined, entries numbered
 * per section, each URL alone on its line (so mail clients and terminals can link it whole).
 * Control characters are stripped (an ESC in a title must not drive the terminal), and URLs that
 * are not http(s) are left out.
 */
export function renderText(draft: Draft, options?: RenderOptions): string {
  const opts = resolveRenderOptions(options);
  const lines = [...underline(`${cleanText(opts.newsletterName)} — ${cleanText(draft.date)}`, '='), ''];
  const sections = visibleSections(draft, opts);
  if (sections.length === 0) lines.push('No stories in this issue.', '');
  for (const { section, entries, showVictims } of sections) {
    lines.push(...underline(cleanText(section.title), '-'));
    const subtitle = cleanText(section.subtitle ?? '');
    if (subtitle !== '') lines.push(subtitle);
    lines.push('');
    entries.forEach((entry, i) => lines.push(...entryLines(entry, i + 1, showVictims, opts.maxAlsoCoveredBy), ''));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function entryLines(entry: DraftEntry, n: number, showVictims: boolean, maxLinks: number): string[] {
  const indent = ' '.repeat(`${n}. `.length);
  const victims = showVictims ? victimNames(entry) : [];
  const lines = [`${n}. ${victims.length > 0 ? `${victims.join(', ')}: ` : ''}${displayTitle(entry.title)}`];
  const source = cleanText(entry.source);
  if (source !== '' || entry.undated) lines.push(`${indent}${[source, entry.undated ? UNDATED : ''].filter(Boolean).join(' ')}`);
  const href = safeHttpUrl(entry.url);
  if (href) lines.push(`${indent}${href}`);
  const blurb = cleanText(entry.blurb ?? '');
  if (blurb !== '') lines.push(`${indent}${blurb}`);
  const previously = previouslyLine(entry, (title) => `"${title}"`);
  if (previously) lines.push(`${indent}${previously}`);
  const { shown, more } = alsoCovered(entry, maxLinks);
  if (shown.length > 0) {
    lines.push(`${indent}Also covered by:`);
    for (const l of shown) {
      const to = safeHttpUrl(l.url);
      lines.push(`${indent}  - ${cleanText(l.source) || displayTitle(l.title)}${to ? `: ${to}` : ''}`);
    }
    if (more > 0) lines.push(`${indent}  - and ${more} more`);
  }
  return lines;
}

function underline(heading: string, char: string): string[] {
  return [heading, char.repeat(Math.max(1, [...heading].length))];
}
