import fs from 'node:fs';
import type { App } from '../app.js';
import { UsageError } from '../model/index.js';
import { EXPORT_FORMATS, isExportFormat, renderDraft, type ExportFormat } from '../newsletter/index.js';
import { writeFileAtomic } from '../files/atomic-file.js';
import { missingDraftMessage, parseDraftNumber } from './draft-lifecycle.js';
import { configuredRenderOptions } from './render-options.js';

export interface ExportOptions {
  /** The draft's number as typed (`3`); the latest draft when absent. */
  draft?: string | undefined;
  /** `md`, `html`, `json` or `txt` (default `md`). */
  format?: string | undefined;
  /** Write here (atomically) instead of returning the text for stdout. */
  out?: string | undefined;
}

export interface ExportResult {
  number: number;
  date: string;
  format: ExportFormat;
  /** The rendered issue. */
  text: string;
  /** Where it was written, when `out` was given. */
  file: string | null;
  bytes: number;
}

/**
 * Renders a stored draft (the latest by default) in one format. With `out`, writes it atomically.
 * A missing draft or a bad format is a UsageError naming what exists; so is a template
 * (settings.issue.template, relative to feeds.yaml) that cannot be read, parsed or rendered, and
 * then nothing is written.
 */
export async function exportDraft(app: Pick<App, 'storage' | 'config'>, options: ExportOptions = {}): Promise<ExportResult> {
  const format = options.format ?? 'md';
  if (!isExportFormat(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')} (got "${format}")`);
  const number = options.draft === undefined ? undefined : parseDraftNumber(options.draft);
  const draft = await app.storage.drafts.load(number);
  if (!draft) throw new UsageError(missingDraftMessage(await app.storage.drafts.list(), number));

  const text = renderDraft(draft, format, configuredRenderOptions(app.config, format === 'json' ? [] : [format]));
  const result: ExportResult = { number: draft.number, date: draft.date, format, text, file: null, bytes: Buffer.byteLength(text) };
  if (options.out !== undefined) {
    if (isDirectory(options.out)) throw new UsageError(`--out ${options.out} is a directory: name a file`);
    result.bytes = writeFileAtomic(options.out, text);
    result.file = options.out;
  }
  return result;
}


function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
