import fs from 'node:fs';
import type { App } from '../app.js';
import { UsageError } from '../model/index.js';
import { EXPORT_FORMATS, isExportFormat, renderDraft, type ExportFormat } from '../newsletter/index.js';
import type { DraftSummary } from '../storage/index.js';
import { writeFileAtomic } from '../files/atomic-file.js';
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
  const number = options.draft === undefined ? undefined : parseNumber(options.draft);
  const draft = await app.storage.drafts.load(number);
  if (!draft) throw new UsageError(missingDraft(await app.storage.drafts.list(), number));

  const text = renderDraft(draft, format, configuredRenderOptions(app.config, format === 'json' ? [] : [format]));
  const result: ExportResult = { number: draft.number, date: draft.date, format, text, file: null, bytes: Buffer.byteLength(text) };
  if (options.out !== undefined) {
    if (isDirectory(options.out)) throw new UsageError(`--out ${options.out} is a directory: name a file`);
    result.bytes = writeFileAtomic(options.out, text);
    result.file = options.out;
  }
  return result;
}

function parseNumber(text: string): number {
  const value = /^#?\d+$/.test(text.trim()) ? Number(text.trim().replace('#', '')) : NaN;
  if (!Number.isSafeInteger(value) || value < 1) throw new UsageError(`DRAFT must be a draft number such as 3 (got "${text}")`);
  return value;
}

function missingDraft(drafts: readonly DraftSummary[], number: number | undefined): string {
  if (drafts.length === 0) return 'there is no draft yet: run `secdigest draft` first';
  const numbers = drafts.map((d) => d.number).sort((a, b) => a - b);
  return `no draft #${number} (drafts: ${numbers.length > 10 ? `${numbers[0]}–${numbers.at(-1)}` : numbers.join(', ')})`;
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
