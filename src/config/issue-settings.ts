import path from 'node:path';
import { z } from 'zod';
import { isHttpUrl, SECTION_ID_PATTERN, text } from './fields.js';
import type { IssueSettings } from '../model/index.js';
import { checkIssueTemplates, type TemplateProblem } from '../newsletter/render/templates.js';

/*
 * `settings.issue` of feeds.yaml (issue 18): the editor's templates and the newsletter-wide texts of
 * an issue. Messages complete "<key> must be …", like schema.ts. A text key left empty (`ps:`)
 * parses as null, which means "leave that part out"; a key not written at all shows a placeholder.
 * Shared field helpers are in fields.ts (schema.ts imports this module).
 */

const URL_EXPECT = 'an absolute http(s) URL';

const templatePath = () =>
  z
    .string({ error: 'a path to a Liquid template, relative to feeds.yaml' })
    .refine((s) => s.trim().length > 0 && !s.includes('\0'), { error: 'a path to a Liquid template, relative to feeds.yaml' });

const templateShape = { md: templatePath(), html: templatePath(), txt: templatePath() };

// `satisfies` keeps these in step with model/settings.ts: a key added there fails to compile here.
export const issueShape = {
  template: z.strictObject(templateShape, { error: 'a map of formats (md, html, txt) to template files' }).partial(),
  intro: text(5000).nullable(),
  sponsorLine: text(500).nullable(),
  sponsorBlock: text(5000).nullable(),
  signOff: text(1000).nullable(),
  ps: text(2000).nullable(),
  disclaimer: text(5000).nullable(),
  newsHeading: text(200),
  newsIntro: text(500).nullable(),
  newsSections: z.array(
    z.string({ error: 'a section id' }).regex(SECTION_ID_PATTERN, { error: 'a section id (lowercase letters, digits and dashes)' }),
    { error: 'a list of section ids' },
  ),
  subscribeUrl: z.string({ error: URL_EXPECT }).refine(isHttpUrl, { error: URL_EXPECT }),
  rssUrl: z.string({ error: URL_EXPECT }).refine(isHttpUrl, { error: URL_EXPECT }),
} satisfies Record<keyof IssueSettings, z.ZodType>;

export const issueOverrideSchema = z.strictObject(issueShape, { error: 'a map' }).partial();
export type IssueOverride = z.infer<typeof issueOverrideSchema>;

/** Keys of the maps under `settings.issue`, for "did you mean" hints. */
export function knownIssueKeys(named: string): string[] | undefined {
  if (named === 'settings.issue') return Object.keys(issueShape);
  if (named === 'settings.issue.template') return Object.keys(templateShape);
  return undefined;
}

/** Keys given replace the defaults (null included: it leaves that part out); `template` merges per format. */
export function mergeIssueSettings(defaults: IssueSettings, override: IssueOverride | null | undefined): IssueSettings {
  const merged: IssueSettings = { ...defaults, template: { ...defaults.template }, newsSections: [...defaults.newsSections] };
  if (!override) return merged;
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined || key === 'template' || key === 'newsSections') continue;
    (merged as unknown as Record<string, unknown>)[key] = value;
  }
  if (override.newsSections) merged.newsSections = [...override.newsSections];
  for (const format of ['md', 'html', 'txt'] as const) {
    const file = override.template?.[format];
    if (file !== undefined) merged.template[format] = file;
  }
  return merged;
}

/**
 * Checks the editor's templates and the Liquid in the newsletter-wide texts without rendering an
 * issue: each template file is read (relative to `configDir`, feeds.yaml's directory) and parsed.
 * Returns every problem with its file and line; for `secdigest doctor` or config loading to report.
 */
export function checkTemplates(settings: { issue: IssueSettings }, configDir: string): TemplateProblem[] {
  return checkIssueTemplates(settings.issue, (file) => path.resolve(configDir, file));
}

export type { TemplateProblem };
