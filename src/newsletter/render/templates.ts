import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Draft } from '../../model/draft.js';
import { UsageError } from '../../model/errors.js';
import type { IssueSettings } from '../../model/settings.js';
import { issueView } from './issue-view.js';
import { createEngine, describeTemplateError, parseTemplate, renderTemplate, type TemplateProblem } from './liquid-engine.js';
import type { FormatKit } from './scope.js';
import { templateScope } from './scope.js';
import { SETTINGS_SLOTS } from './slots.js';
import { resolveRenderOptions, type RenderOptions, type TemplateFormat, type TemplateSource } from './view.js';

export type { TemplateProblem };

export const TEMPLATE_FORMATS: readonly TemplateFormat[] = ['md', 'html', 'txt'];

// Shipped beside the code: src/newsletter/templates/ (copied to dist/newsletter/templates/ by `npm run build`).
const BUILT_IN_DIR = new URL('../templates/', import.meta.url);
const builtIn = new Map<TemplateFormat, TemplateSource>();

/** The shipped template of a format, read once. */
export function builtInTemplate(format: TemplateFormat): TemplateSource {
  let template = builtIn.get(format);
  if (!template) {
    const url = new URL(`issue.${format}.liquid`, BUILT_IN_DIR);
    template = { file: fileURLToPath(url), source: readFileSync(url, 'utf8') };
    builtIn.set(format, template);
  }
  return template;
}

/**
 * Renders an issue through its format's template (the editor's, else the shipped one): parsed
 * once per call, errors thrown as UsageError naming the file and line, never written into the
 * output. Blank-line runs the template's tags leave are collapsed, trailing spaces dropped.
 */
export function renderIssue(draft: Draft, kit: FormatKit, options?: RenderOptions): string {
  const opts = resolveRenderOptions(options);
  const template = opts.templates[kit.format] ?? builtInTemplate(kit.format);
  const engine = createEngine(kit.escape);
  for (const [name, filter] of Object.entries(kit.filters ?? {})) engine.registerFilter(name, filter);
  const parsed = parseTemplate(engine, template);
  const scope = templateScope(issueView(draft, opts), kit);
  const out = renderTemplate(engine, parsed, scope, template.file);
  return `${out.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

/**
 * Reads the editor's templates named by settings.issue.template; `resolve` turns a configured
 * path into a file path (relative to feeds.yaml's directory). A file that cannot be read is a
 * UsageError naming it.
 */
export function readTemplateSources(issue: Pick<IssueSettings, 'template'>, resolve: (file: string) => string): Partial<Record<TemplateFormat, TemplateSource>> {
  const sources: Partial<Record<TemplateFormat, TemplateSource>> = {};
  for (const format of TEMPLATE_FORMATS) {
    const configured = issue.template[format];
    if (configured === undefined) continue;
    const file = resolve(configured);
    try {
      sources[format] = { file, source: readFileSync(file, 'utf8') };
    } catch (cause) {
      throw new UsageError(`settings.issue.template.${format}: cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, { cause });
    }
  }
  return sources;
}

/** Every problem of the editor's templates and of the Liquid in settings.issue's texts (parse only). */
export function checkIssueTemplates(issue: IssueSettings, resolve: (file: string) => string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const engine = createEngine((s) => s);
  for (const format of TEMPLATE_FORMATS) {
    const configured = issue.template[format];
    if (configured === undefined) continue;
    const file = resolve(configured);
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch (cause) {
      problems.push({ file, message: `cannot read the template (settings.issue.template.${format}): ${(cause as NodeJS.ErrnoException).code ?? String(cause)}` });
      continue;
    }
    try {
      engine.parse(source, file);
    } catch (error) {
      problems.push(describeTemplateError(error, file));
    }
  }
  const plain = createEngine();
  for (const slot of SETTINGS_SLOTS) {
    const text = issue[slot];
    if (typeof text !== 'string') continue;
    const file = `settings.issue.${slot}`;
    try {
      // Rendered too: an unknown variable in a text shows only then. The values are stand-ins.
      renderTemplate(plain, parseTemplate(plain, { file, source: text }), SAMPLE_VARIABLES, file);
    } catch (error) {
      problems.push(describeTemplateError((error as Error).cause ?? error, file));
    }
  }
  return problems;
}

const SAMPLE_VARIABLES = { name: 'secdigest', date: '2026-01-01', number: 1, headline: null, subscribe_url: null, rss_url: null };
