import path from 'node:path';
import type { Config, DraftSettings, IssueSettings } from '../model/index.js';
import { readTemplateSources, type RenderOptions, type TemplateFormat } from '../newsletter/index.js';

/**
 * How `export`, `publish` and the review page render an issue from feeds.yaml: settings.draft and
 * settings.issue, and the editor's templates of `formats` (settings.issue.template, relative to
 * feeds.yaml). Only the formats asked for are read, so a broken html template does not stop a md
 * export. `forReaders` (the published archive) leaves unwritten editor parts out instead of
 * showing their placeholders.
 */
export function configuredRenderOptions(
  config: { file: string; settings: Pick<Config['settings'], 'draft' | 'issue'> },
  formats: readonly TemplateFormat[],
  options: { forReaders?: boolean } = {},
): RenderOptions {
  const { settings, file } = config;
  const wanted = Object.fromEntries(formats.map((format) => [format, settings.issue.template[format]]));
  const templates = readTemplateSources({ template: wanted }, (name) => path.resolve(path.dirname(file), name));
  return { ...renderOptions(settings.draft, settings.issue, templates), ...(options.forReaders ? { placeholders: false } : {}) };
}

/**
 * How exports present a draft, from settings.draft and (issue 18) settings.issue with the editor's
 * templates as read by `readTemplateSources`. Without `issue`, the shipped defaults apply.
 */
export function renderOptions(settings: DraftSettings, issue?: IssueSettings, templates?: RenderOptions['templates']): RenderOptions {
  return {
    newsletterName: settings.newsletterName,
    maxAlsoCoveredBy: settings.maxAlsoCoveredBy,
    victimSections: settings.sections.filter((s) => s.showVictims).map((s) => s.id),
    ...(issue ? { issue } : {}),
    ...(templates ? { templates } : {}),
  };
}
