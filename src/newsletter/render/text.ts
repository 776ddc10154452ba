import type { Draft } from '../../model/draft.js';
import { cleanText } from './escape.js';
import type { EntryView } from './issue-view.js';
import { paragraphs } from './markdown.js';
import type { FormatKit } from './scope.js';
import { SafeFragment, safe } from './liquid-engine.js';
import { renderIssue } from './templates.js';
import { UNDATED, type RenderOptions } from './view.js';

/**
 * The issue as plain text for a terminal or a text e-mail, through templates/issue.txt.liquid (or
 * the editor's template): headings underlined (the `underline` filter), entries numbered per
 * section, each URL alone on its line (so mail clients and terminals can link it whole). Control
 * characters are stripped (an ESC in a title must not drive the terminal), and URLs that are not
 * http(s) are left out.
 */
export function renderText(draft: Draft, options?: RenderOptions): string {
  return renderIssue(draft, TEXT, options);
}

/** An entry's lines after its number; the template indents them under it. */
function entry(e: EntryView, showVictims: boolean): string {
  const victims = showVictims ? e.victims : [];
  const lines = [`${victims.length > 0 ? `${victims.join(', ')}: ` : ''}${e.title}`];
  if (e.source || e.undated) lines.push([e.source ?? '', e.undated ? UNDATED : ''].filter(Boolean).join(' '));
  if (e.href) lines.push(e.href);
  lines.push(...e.blurbLines);
  if (e.previously.length > 0) lines.push(`Previously: ${e.previously.map((p) => `"${p.title}" (issue #${p.issue})`).join(', ')}`);
  if (e.related.length > 0) {
    lines.push('Related:');
    for (const r of e.related) lines.push(`  - ${r.label}${r.source ? ` (${r.source})` : ''}${r.href ? `: ${r.href}` : ''}`);
  }
  if (e.alsoCovered.length > 0) {
    lines.push('Also covered by:');
    for (const l of e.alsoCovered) lines.push(`  - ${l.label}${l.href ? `: ${l.href}` : ''}`);
    if (e.alsoMore > 0) lines.push(`  - and ${e.alsoMore} more`);
  }
  return lines.join('\n');
}

/** A value as safe text: a fragment as it is, anything else cleaned. */
function asText(value: unknown): string {
  return value instanceof SafeFragment ? value.value : cleanText(value === null || value === undefined ? '' : String(value));
}

/** `{{ title | underline: "=" }}`: the heading, and a line of the character as long as it. */
function underline(value: unknown, char: unknown = '-'): SafeFragment {
  const heading = asText(value);
  const mark = [...cleanText(String(char))][0] ?? '-';
  return safe(`${heading}\n${mark.repeat(Math.max(1, [...heading].length))}`);
}

/** `{{ entry.item | indent: 3 }}`: every line after the first indented, to sit under a list number. */
function indent(value: unknown, width: unknown = 2): SafeFragment {
  const pad = ' '.repeat(Math.min(40, Math.max(0, Number(width) || 0)));
  return safe(asText(value).replace(/\n(?=[^\n])/g, `\n${pad}`));
}

export const TEXT: FormatKit = {
  format: 'txt',
  escape: cleanText,
  link: (label, href) => (href ? `${cleanText(label)} (${href})` : cleanText(label)),
  block: (raw) => paragraphs(raw).map((lines) => lines.join('\n')).join('\n\n'),
  inline: (raw) => paragraphs(raw).flat().join(' '),
  placeholder: (what) => `[${cleanText(what)}]`,
  entry,
  subscribe: (links) => links.map((l) => `${l.label}: ${l.href ?? ''}`).join('\n'),
  style: {},
  filters: { underline, indent },
};
