/** Renders rows as a left-aligned text table with a header; the last column is not padded. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Cuts a string to `width` characters with an ellipsis, for table cells. */
export function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/**
 * Text for a terminal: C0 control characters other than tab and newline removed. A feed or a
 * server controls much of what secdigest prints (error snippets, titles), and an ESC sequence in
 * it could recolour, retitle or rewrite the editor's terminal. JSON never holds a raw C0 character
 * (JSON.stringify escapes them), so JSON output passes through unchanged.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/[\u0000-\u0008\u000B-\u001F]/g, '');
}

/**
 * A message line on stderr, `secdigest: …`: the one way the CLI tells the editor something besides
 * its result. Such lines often carry outside text (a feed's error, an input line), hence terminalSafe.
 * (Not the stream as a whole: the progress bar writes its own escape sequences there.)
 */
export function warn(stderr: { write(text: string): unknown }, message: string, prefix = 'secdigest'): void {
  stderr.write(terminalSafe(`${prefix}: ${message}\n`));
}
