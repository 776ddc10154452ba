import { z } from 'zod';
import { number, SECTION_ID_PATTERN, text } from './fields.js';
import { FEED_KINDS } from '../model/feed.js';
import type { DraftSectionSettings, DraftSettings } from '../model/index.js';
import { LEAD_SECTION_ID } from '../newsletter/lead.js';
import { DEFAULT_SECTIONS } from '../newsletter/sections.js';
import { DEFAULT_TAXONOMY } from '../pipeline/classify/taxonomy.js';
import type { Finding } from './document.js';

/*
 * `settings.draft` of feeds.yaml (issue 6): the schema of the override, how it merges with the
 * defaults, and the rules that span several values. Messages complete "<key> must be …", like
 * schema.ts. Shared field helpers are in fields.ts (schema.ts imports this module).
 */

const DEFAULT_SECTION_IDS: readonly string[] = DEFAULT_SECTIONS.map((s) => s.id);

const topicId = z
  .string({ error: 'a topic id' })
  .regex(SECTION_ID_PATTERN, { error: 'a topic id (lowercase letters, digits and dashes)' });

const feedTag = text(50);

/**
 * One section. `id` names a default section (then every other key is optional and replaces only
 * what it names) or a new one (then `title` and `section` are required). `topics: null` makes a
 * default topic section a catch-all. `kinds` and `tags` (issue 18) ask for the story's feed kind
 * and at least one of its feed's tags; null or absent means any.
 */
const sectionSchema = z
  .strictObject(
    {
      id: z.string({ error: 'a section id' }).regex(SECTION_ID_PATTERN, { error: '1 to 63 lowercase letters, digits and dashes, starting with a letter or digit' }),
      title: text(200).optional(),
      subtitle: text(300).nullish(),
      limit: number(0, 1000, true).optional(),
      section: z.enum(['news', 'press-release'], { error: 'one of news, press-release' }).optional(),
      topics: z.array(topicId, { error: 'a list of topic ids' }).min(1, { error: 'a list of at least one topic id (an empty value means any topic)' }).nullish(),
      order: z.enum(['score', 'topic'], { error: 'one of score, topic' }).optional(),
      showVictims: z.boolean({ error: 'true or false' }).optional(),
      victimsOnly: z.boolean({ error: 'true or false' }).optional(),
      kinds: z
        .array(z.enum(FEED_KINDS, { error: `a feed kind (${FEED_KINDS.join(', ')})` }), { error: `a list of feed kinds (${FEED_KINDS.join(', ')})` })
        .min(1, { error: 'a list of at least one feed kind (an empty value means any kind)' })
        .nullish(),
      tags: z.array(feedTag, { error: 'a list of feed tags' }).min(1, { error: 'a list of at least one feed tag (an empty value means any tag)' }).nullish(),
    },
    { error: 'a map of section keys (id, title, subtitle, limit, section, topics, kinds, tags, victimsOnly, order, showVictims)' },
  )
  .superRefine((s, ctx) => {
    if (DEFAULT_SECTION_IDS.includes(s.id)) return;
    // The input is left undefined so the message reads "missing required key …" (config/issues.ts).
    if (s.title === undefined) ctx.addIssue({ code: 'custom', path: ['title'], message: 'a title', input: undefined });
    if (s.section === undefined) ctx.addIssue({ code: 'custom', path: ['section'], message: 'news or press-release', input: undefined });
  });

const leadSchema = z
  .strictObject(
    {
      enabled: z.boolean({ error: 'true or false' }),
      title: text(200),
      from: z
        .array(z.string({ error: 'a section id' }).regex(SECTION_ID_PATTERN, { error: 'a section id' }), { error: 'a list of section ids' })
        .min(1, { error: 'a list of at least one section id (set enabled: false for no lead story)' }),
    },
    { error: 'a map of lead keys (enabled, title, from)' },
  )
  .partial();

export const draftShape = {
  windowHours: number(1, 8760, true),
  // Deprecated (issue 18): accepted so old files load, and ignored; freshness replaced the half-life.
  halfLifeHours: number(1, 8760),
  weights: z
    .strictObject(
      {
        coverage: number(0, 100),
        sourceWeight: number(0, 100),
        severity: number(0, 100),
        freshness: number(0, 100),
        // Deprecated alias of `freshness` (issue 18), used when `freshness` is not given.
        recency: number(0, 100),
        topic: number(0, 100),
      },
      { error: 'a map of ranking weights (coverage, sourceWeight, severity, freshness, topic; recency is a deprecated alias of freshness)' },
    )
    .partial(),
  lead: leadSchema,
  sections: z.array(sectionSchema, { error: 'a list of sections' }).min(1, { error: 'a list of at least one section' }),
  newsletterName: text(200),
  maxAlsoCoveredBy: number(0, 100, true),
} satisfies Record<keyof DraftSettings, z.ZodType>;

export const draftOverrideSchema = z.strictObject(draftShape, { error: 'a map' }).partial();
export type DraftOverride = z.infer<typeof draftOverrideSchema>;
type SectionOverride = z.infer<typeof sectionSchema>;

/** Keys of the maps under `settings.draft`, for "did you mean" hints. */
export function knownDraftKeys(path: string): string[] | undefined {
  if (path === 'settings.draft') return Object.keys(draftShape);
  if (path === 'settings.draft.weights') return Object.keys(draftShape.weights.shape);
  if (path === 'settings.draft.lead') return Object.keys(leadSchema.shape);
  if (path === 'settings.draft.sections') return Object.keys(sectionSchema.shape);
  return undefined;
}

/** Keys given replace the defaults; a `sections` list replaces the default list (order included). */
export function mergeDraftSettings(defaults: DraftSettings, override: DraftOverride | null | undefined): DraftSettings {
  const merged: DraftSettings = {
    ...defaults,
    weights: { ...defaults.weights },
    lead: { ...defaults.lead, from: [...defaults.lead.from] },
    sections: defaults.sections.map(copySection),
  };
  if (!override) return merged;
  if (override.windowHours !== undefined) merged.windowHours = override.windowHours;
  if (override.halfLifeHours !== undefined) merged.halfLifeHours = override.halfLifeHours;
  if (override.newsletterName !== undefined) merged.newsletterName = override.newsletterName;
  if (override.maxAlsoCoveredBy !== undefined) merged.maxAlsoCoveredBy = override.maxAlsoCoveredBy;
  for (const key of ['coverage', 'sourceWeight', 'severity', 'freshness', 'topic'] as const) {
    const value = override.weights?.[key];
    if (value !== undefined) merged.weights[key] = value;
  }
  // `recency` scaled the old halving recency bonus; its nearest meaning now is the freshness bonus.
  if (override.weights?.freshness === undefined && override.weights?.recency !== undefined) merged.weights.freshness = override.weights.recency;
  if (override.lead?.enabled !== undefined) merged.lead.enabled = override.lead.enabled;
  if (override.lead?.title !== undefined) merged.lead.title = override.lead.title;
  if (override.sections) {
    merged.sections = override.sections.map((s) => resolveSection(s, defaults.sections.find((d) => d.id === s.id)));
  }
  // A `from` the editor wrote is checked (checkDraft); the default one keeps only the sections that
  // exist, so listing sections without the Wall of Shame is not an error about a key never written.
  if (override.lead?.from !== undefined) merged.lead.from = [...override.lead.from];
  else merged.lead.from = merged.lead.from.filter((id) => merged.sections.some((s) => s.id === id));
  return merged;
}

function resolveSection(s: SectionOverride, base: DraftSectionSettings | undefined): DraftSectionSettings {
  // undefined: as the default section has it; null: any topic (a catch-all).
  const topics = s.topics === undefined ? base?.match.topics : (s.topics ?? undefined);
  const kinds = s.kinds === undefined ? base?.match.kinds : (s.kinds ?? undefined);
  const tags = s.tags === undefined ? base?.match.tags : (s.tags ?? undefined);
  return {
    id: s.id,
    title: s.title ?? base?.title ?? s.id,
    subtitle: s.subtitle !== undefined ? s.subtitle : (base?.subtitle ?? null),
    limit: s.limit ?? base?.limit ?? 10,
    match: {
      section: s.section ?? base?.match.section ?? 'news',
      ...(topics ? { topics: [...topics] } : {}),
      // undefined: as the default section has it; false turns the default's filter off.
      ...((s.victimsOnly ?? base?.match.victimsOnly) ? { victimsOnly: true } : {}),
      ...(kinds ? { kinds: [...kinds] } : {}),
      ...(tags ? { tags: [...tags] } : {}),
    },
    order: s.order ?? base?.order ?? 'score',
    showVictims: s.showVictims ?? base?.showVictims ?? false,
  };
}

function copySection(s: DraftSectionSettings): DraftSectionSettings {
  const { topics, kinds, tags } = s.match;
  return { ...s, match: { ...s.match, ...(topics ? { topics: [...topics] } : {}), ...(kinds ? { kinds: [...kinds] } : {}), ...(tags ? { tags: [...tags] } : {}) } };
}

/**
 * Rules on the merged `settings.draft`: section ids are unique, and the topics a section names
 * exist (default taxonomy or `settings.classify.topics`), so a misspelt topic is an error rather
 * than a section that silently stays empty. With a lead story, its `from` names existing sections
 * and no section takes the lead section's id.
 */
export function checkDraft(draft: DraftSettings, addedTopics: readonly { id: string }[]): Finding[] {
  const findings: Finding[] = [];
  const known = new Set([...DEFAULT_TAXONOMY.topics.map((t) => t.id), ...addedTopics.map((t) => t.id)]);
  const seen = new Map<string, number>();
  draft.sections.forEach((section, i) => {
    const at = ['settings', 'draft', 'sections', i];
    const first = seen.get(section.id);
    if (first !== undefined) findings.push({ path: [...at, 'id'], message: `duplicate section id "${section.id}" (first defined as sections[${first}])` });
    else seen.set(section.id, i);
    section.match.topics?.forEach((topic, j) => {
      if (!known.has(topic)) findings.push({ path: [...at, 'topics', j], message: `unknown topic "${topic}" (topics: ${[...known].join(', ')})` });
    });
    if (draft.lead.enabled && section.id === LEAD_SECTION_ID) {
      findings.push({ path: [...at, 'id'], message: `"${LEAD_SECTION_ID}" is the lead story's section: rename this section or set lead.enabled: false` });
    }
  });
  if (draft.lead.enabled) {
    const ids = draft.sections.map((s) => s.id);
    draft.lead.from.forEach((id, j) => {
      if (!ids.includes(id)) findings.push({ path: ['settings', 'draft', 'lead', 'from', j], message: `unknown section "${id}" (sections: ${ids.join(', ')})` });
    });
    if (draft.lead.from.length === 0) {
      findings.push({ path: ['settings', 'draft', 'lead', 'from'], message: `names none of the sections: list some (${ids.join(', ')}) or set lead.enabled: false` });
    }
  }
  return findings;
}
