import type { Draft } from '../../model/draft.js';
import { cleanText, escapeMarkdown } from './escape.js';
import type { EntryView } from './issue-view.js';
import type { FormatKit } from './scope.js';
import { renderIssue } from './templates.js';
import { markdownDestination } from './url.js';
import { UNDATED, type RenderOptions } from './view.js';

/**
 * The issue as Markdown, through templates/issue.md.liquid (or the editor's template). A list
 * entry in the newsletter's style:
 *
 *   - **Victim**: [Title](https://…) (Source)\
 *     Editor's blurb.\
 *     Also covered by: [Other outlet](https://…), [Another](https://…)
 *
 * The blurb and the lines after it sit on continuation lines of the bullet ended by a backslash,
 * CommonMark's hard line break (soft breaks would run them into the title's line; trailing double
 * spaces get stripped by editors). Escaped text never ends in a lone backslash, so that one is
 * always ours.
 */
export function renderMarkdown(draft: Draft, options?: RenderOptions): string {
  return renderIssue(draft, MARKDOWN, options);
}

/** `[text](url)` for an http(s) URL (already checked by the view); otherwise the text alone, never a link. */
function link(text: string, href: string | null): string {
  return href ? `[${escapeMarkdown(text)}](${markdownDestination(href)})` : escapeMarkdown(text);
}

/** Lines joined by hard breaks, paragraphs by a blank line; each line escaped, so none opens a block. */
function block(text: string): string {
  return paragraphs(text)
    .map((lines) => lines.map(escapeMarkdown).join('\\\n'))
    .join('\n\n');
}

function entry(e: EntryView, showVictims: boolean): string {
  const victims = showVictims ? e.victims : [];
  const prefix = victims.length > 0 ? `**${victims.map(escapeMarkdown).join(', ')}**: ` : '';
  const lines = [`${prefix}${link(e.title, e.href)}${e.source ? ` (${escapeMarkdown(e.source)})` : ''}${e.undated ? ` ${UNDATED}` : ''}`];
  for (const line of e.blurbLines) lines.push(`  ${escapeMarkdown(line)}`);
  if (e.previously.length > 0) lines.push(`  Previously: ${e.previously.map((p) => `"${escapeMarkdown(p.title)}" (issue #${p.issue})`).join(', ')}`);
  if (e.related.length > 0) lines.push(`  Related: ${e.related.map((r) => `${link(r.label, r.href)}${r.source ? ` (${escapeMarkdown(r.source)})` : ''}`).join(', ')}`);
  if (e.alsoCovered.length > 0) {
    lines.push(`  Also covered by: ${e.alsoCovered.map((l) => link(l.label, l.href)).join(', ')}${e.alsoMore > 0 ? ` and ${e.alsoMore} more` : ''}`);
  }
  return lines.map((line, i) => (i < lines.length - 1 ? `${line}\\` : line)).join('\n');
}

/** Editor text as paragraphs of non-empty lines (blank lines separate paragraphs). */
export function paragraphs(text: string): string[][] {
  return text
    .split(/\r?\n[ \t]*\r?\n/)
    .map((p) => p.split(/\r?\n/).map(cleanText).filter((line) => line !== ''))
    .filter((lines) => lines.length > 0);
}

export const MARKDOWN: FormatKit = {
  format: 'md',
  escape: escapeMarkdown,
  link,
  block,
  inline: (text) => escapeMarkdown(text),
  placeholder: (text, inline) => (inline ? `\\[${escapeMarkdown(text)}\\]` : `*\\[${escapeMarkdown(text)}\\]*`),
  entry,
  subscribe: (links) => links.map((l) => link(l.label, l.href)).join(' · '),
  style: {},
};
