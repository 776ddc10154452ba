import { Liquid, type Template } from 'liquidjs';
import { UsageError } from '../../model/errors.js';
import type { TemplateSource } from './view.js';

/**
 * LiquidJS set up for newsletter templates (issue 18). Every `{{ value }}` goes through the
 * format's escaper (`outputEscape`), so feed text is inert whatever the template does with it.
 * Fragments secdigest builds from escaped parts (links, entries, editor text) are SafeFragments,
 * which the escaper passes through. `raw` is redefined to pass only those: `{{ title | raw }}` in
 * an editor's template still escapes the title, so no template can un-escape feed text by mistake.
 * `templates: {}` replaces the file system: `include`, `render` and `layout` cannot read files.
 */
export class SafeFragment {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function safe(value: string): SafeFragment {
  return new SafeFragment(value);
}

/** Liquid's own stringification (nil is empty, arrays are joined), before escaping. */
function plain(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(plain).join('');
  return String(value);
}

/** An engine whose output escaping is `escape` (none for texts rendered to plain text first). */
export function createEngine(escape?: (text: string) => string): Liquid {
  const output = (value: unknown): string => (value instanceof SafeFragment ? value.value : escape ? escape(plain(value)) : plain(value));
  const engine = new Liquid({
    strictFilters: true,
    strictVariables: true,
    ownPropertyOnly: true,
    templates: {},
    ...(escape ? { outputEscape: output } : {}),
    // Bounds for a template gone wrong (a runaway loop): an error rather than a hung export.
    parseLimit: 1_000_000,
    renderLimit: 10_000,
    memoryLimit: 100_000_000,
  });
  engine.registerFilter('raw', { raw: true, handler: output });
  return engine;
}

export function parseTemplate(engine: Liquid, template: TemplateSource): Template[] {
  try {
    return engine.parse(template.source, template.file);
  } catch (error) {
    throw templateError(error, template.file);
  }
}

export function renderTemplate(engine: Liquid, parsed: Template[], scope: object, file: string): string {
  try {
    return String(engine.renderSync(parsed, scope));
  } catch (error) {
    throw templateError(error, file);
  }
}

/** Where a template went wrong, and what: for messages and for `checkTemplates`. */
export interface TemplateProblem {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export function describeTemplateError(error: unknown, file: string): TemplateProblem {
  const token = (error as { token?: { getPosition?: () => [number, number] } } | null)?.token;
  const position = typeof token?.getPosition === 'function' ? token.getPosition() : undefined;
  // LiquidJS appends ", file:…, line:…, col:…" to its messages: we say where ourselves.
  const message = (error instanceof Error ? error.message : String(error)).replace(/(?:, file:.*?)?, line:\d+, col:\d+$/, '');
  return { file, ...(position ? { line: position[0], column: position[1] } : {}), message };
}

export function formatTemplateProblem(p: TemplateProblem): string {
  return `${p.file}${p.line !== undefined ? `:${p.line}${p.column !== undefined ? `:${p.column}` : ''}` : ''}: ${p.message}`;
}

function templateError(error: unknown, file: string): UsageError {
  if (error instanceof UsageError) return error;
  return new UsageError(`template ${formatTemplateProblem(describeTemplateError(error, file))}`, { cause: error });
}
