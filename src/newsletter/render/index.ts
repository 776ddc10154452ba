import type { Draft } from '../../model/draft.js';
import { UsageError } from '../../model/errors.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';
import type { RenderOptions } from './view.js';

export { renderHtml, renderJson, renderMarkdown, renderText };
export { DRAFT_JSON_FORMAT } from './json.js';
export { DEFAULT_ISSUE_SETTINGS, DEFAULT_RENDER_OPTIONS, type RenderOptions, type TemplateFormat, type TemplateSource } from './view.js';
export { builtInTemplate, checkIssueTemplates, readTemplateSources, TEMPLATE_FORMATS, type TemplateProblem } from './templates.js';
export { issueView, type IssueView } from './issue-view.js';

/** The `--format` values of `secdigest export`. */
export const EXPORT_FORMATS = ['md', 'html', 'json', 'txt'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

const RENDERERS: Record<ExportFormat, (draft: Draft, options?: RenderOptions) => string> = {
  md: renderMarkdown,
  html: renderHtml,
  json: renderJson,
  txt: renderText,
};

/** Renders the included entries of a draft; pure, so the CLI decides where the string goes. */
export function renderDraft(draft: Draft, format: ExportFormat, options?: RenderOptions): string {
  // The type keeps TypeScript callers honest; the check keeps a raw CLI string from reaching here.
  if (!Object.hasOwn(RENDERERS, format)) throw new UsageError(`unknown export format "${String(format)}" (expected ${EXPORT_FORMATS.join(', ')})`);
  return RENDERERS[format](draft, options);
}
