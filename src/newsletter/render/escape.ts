/**
 * Escaping for feed text (titles, sources, victims, blurbs), which is hostile input: it is plain
 * text (normalize decoded entities once), so every renderer must escape it for its own syntax.
 */

// C0/C1 controls (ESC would drive a terminal), zero-width and bidirectional controls (Trojan
// Source, CVE-2021-42574), BOM. Removed before whitespace is collapsed, so the controls that are
// whitespace (tab, line breaks, NEL) are left out here and become spaces instead.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** One line of plain text: whitespace runs (newlines too) become one space, controls vanish. */
export function cleanText(text: string): string {
  return text.replace(INVISIBLE, '').replace(/[\s\u0085]+/g, ' ').trim();
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/**
 * Text for inline Markdown (CommonMark and GFM), so it renders as the same characters and can
 * create nothing: no link, image, emphasis, code, HTML, entity, strikethrough or table cell.
 * - Always backslash-escaped: \ ` * _ { } [ ] < > ( ) # ! | ~ & (CommonMark lets any ASCII
 *   punctuation be escaped, so over-escaping is harmless; `&` stops `&lt;` becoming `<`).
 * - GFM's extended autolinks would link a bare `www.`, `scheme:` or `user@host`: the `.` after
 *   www, a colon between a letter and a non-space, and every `@` are escaped, which breaks the
 *   pattern while rendering the same text. (`Patch Tuesday: …` keeps its colon unescaped.)
 * - A leading `+`, `-`, `=` or `1.` could open a block when the text starts a line: escaped.
 * Callers keep the text on one line (cleanText), so no other block syntax can start.
 */
export function escapeMarkdown(text: string): string {
  return cleanText(text)
    .replace(/[\\`*_{}[\]<>()#!|~&]/g, '\\$&')
    .replace(/(www)\./gi, '$1\\.')
    .replace(/(?<=[A-Za-z]):(?=\S)/g, '\\:')
    .replace(/@/g, '\\@')
    .replace(/^[+\-=]/, '\\$&')
    .replace(/^(\d+)\./, '$1\\.');
}
