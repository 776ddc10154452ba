import { z } from 'zod';
import { isHttpUrl } from './fields.js';
import { FEED_KINDS } from '../model/index.js';
import { draftOverrideSchema, knownDraftKeys } from './draft-settings.js';
import { issueOverrideSchema, knownIssueKeys } from './issue-settings.js';
import { publishOverrideSchema, publishShape } from './publish-settings.js';
import { healthOverrideSchema, healthShape, retentionOverrideSchema, retentionShape, scheduleOverrideSchema, scheduleShape } from './ops-settings.js';
import type { ClassifySettings, CollectSettings, DedupeSettings, FetchSettings, TopicDefinition } from '../model/index.js';

/*
 * The shape of feeds.yaml. Every check carries, as its message, the phrase that completes
 * "<key> must be …", so that describeIssue() can word every failure the same way whichever
 * check caught it: `weight must be a number from 0 to 10 (got 12)`.
 */

export const FEED_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

function integer(min: number, max: number) {
  const expect = `a whole number from ${min} to ${max}`;
  return z
    .number({ error: expect })
    .int({ error: expect })
    .min(min, { error: expect })
    .max(max, { error: expect });
}

/** A non-blank string up to maxLength; `also` adds a condition. One check, so one message per value. */
function text(expect: string, maxLength: number, also: (s: string) => boolean = () => true) {
  return z
    .string({ error: expect })
    .refine((s) => s.trim().length > 0 && also(s), { error: expect })
    .refine((s) => s.length <= maxLength, { error: `${expect} of at most ${maxLength} characters` });
}


const URL_EXPECT = 'an absolute http(s) URL';

/** A feed's `include` / `exclude`: words or phrases matched as whole words (pipeline/filter). */
function keywordFilter() {
  return z
    .array(text('a word or phrase', 200), { error: 'a list of words or phrases' })
    .min(1, { error: 'a list of at least one word or phrase (leave the key out to keep every item)' });
}
// A header value: printable, no CR/LF that could smuggle a second header.
const USER_AGENT_EXPECT = 'a single line of printable text';

export const feedSchema = z.strictObject(
  {
    id: z
      .string({ error: 'lowercase letters, digits and dashes, starting with a letter or digit' })
      .regex(FEED_ID_PATTERN, {
        error: '1 to 63 lowercase letters, digits and dashes, starting with a letter or digit',
      }),
    name: text('a non-empty string', 200),
    url: z.string({ error: URL_EXPECT }).refine(isHttpUrl, { error: URL_EXPECT }),
    kind: z.enum(FEED_KINDS, { error: `one of ${FEED_KINDS.join(', ')}` }),
    weight: z
      .number({ error: 'a number from 0 to 10' })
      .min(0, { error: 'a number from 0 to 10' })
      .max(10, { error: 'a number from 0 to 10' })
      .default(1),
    enabled: z.boolean({ error: 'true or false' }).default(true),
    tags: z.array(text('a non-empty string', 50), { error: 'a list of strings' }).default([]),
    intervalMinutes: integer(5, 7 * 24 * 60).optional(),
    include: keywordFilter().optional(),
    exclude: keywordFilter().optional(),
    // Names, duplicates, managed headers and `${NAME}` references: config/feed-rules.ts.
    headers: z.record(z.string(), z.string({ error: 'text' }), { error: 'a map of header names to values' }).optional(),
  },
  { error: 'a map of feed keys (id, name, url, kind, …)' },
);

// `satisfies` keeps these in step with model/settings.ts: a key added there fails to compile here.
const fetchShape = {
  timeoutMs: integer(1, 600_000),
  maxBodyBytes: integer(1, 1024 * 1024 * 1024),
  maxRedirects: integer(0, 20),
  userAgent: text(USER_AGENT_EXPECT, 500, (s) => /^[\x20-\x7e\u00a0-\uffff]+$/.test(s)),
  concurrency: integer(1, 256),
  perHostConcurrency: integer(1, 64),
  retries: integer(0, 10),
  retryBaseDelayMs: integer(0, 600_000),
  retryMaxDelayMs: integer(0, 3_600_000),
  maxRetryAfterWaitMs: integer(0, 3_600_000),
} satisfies Record<keyof FetchSettings, z.ZodType>;

const collectShape = {
  maxItemsPerFeed: integer(1, 100_000),
  summaryMaxChars: integer(1, 100_000),
  titleMaxChars: integer(1, 10_000),
} satisfies Record<keyof CollectSettings, z.ZodType>;

function fraction() {
  const expect = 'a number from 0 to 1';
  return z.number({ error: expect }).min(0, { error: expect }).max(1, { error: expect });
}

const dedupeShape = {
  windowDays: integer(1, 365),
  numHashes: integer(1, 512),
  bands: integer(1, 512),
  maxBucket: integer(1, 10_000),
  maxCandidates: integer(1, 10_000),
  similarity: fraction(),
  cveSimilarity: fraction(),
  conflictSimilarity: fraction(),
  nameOverlap: fraction(),
  supportSimilarity: fraction(),
  commonNameStories: integer(1, 1_000),
  eventHours: integer(1, 24 * 60),
  storySimilarity: fraction(),
  signatureSimilarity: fraction(),
  threadDays: integer(1, 365),
  threadSimilarity: fraction(),
} satisfies Record<keyof DedupeSettings, z.ZodType>;

// A keyword as pipeline/classify/keywords.ts reads it: words, optionally ending in `*`.
const keyword = () => text('a keyword or phrase (a trailing * matches any ending)', 100, (s) => s.replace(/\*$/, '').trim() !== '');
const keywordList = () => z.array(keyword(), { error: 'a list of keywords' });

const topicShape = {
  id: z
    .string({ error: 'lowercase letters, digits and dashes' })
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: '1 to 63 lowercase letters, digits and dashes, starting with a letter or digit' }),
  label: text('a non-empty string', 100),
  priority: z.number({ error: 'a number from 0 to 100' }).min(0, { error: 'a number from 0 to 100' }).max(100, { error: 'a number from 0 to 100' }),
  keywords: keywordList().min(1, { error: 'a list of at least one keyword' }),
} satisfies Record<keyof TopicDefinition, z.ZodType>;

const classifyShape = {
  topics: z.array(z.strictObject(topicShape, { error: 'a map of topic keys (id, label, priority, keywords)' }), { error: 'a list of topics' }),
  keywords: z.record(z.string(), keywordList(), { error: 'a map from topic id to a list of keywords' }),
  securityTerms: keywordList(),
  relevanceThreshold: fraction(),
} satisfies Record<keyof ClassifySettings, z.ZodType>;

const MAP = 'a map';

// Each section may be left empty (`fetch:` with every key commented out parses as null).
export const settingsOverrideSchema = z.strictObject(
  {
    fetch: z.strictObject(fetchShape, { error: MAP }).partial().nullish(),
    collect: z.strictObject(collectShape, { error: MAP }).partial().nullish(),
    dedupe: z.strictObject(dedupeShape, { error: MAP }).partial().nullish(),
    classify: z.strictObject(classifyShape, { error: MAP }).partial().nullish(),
    draft: draftOverrideSchema.nullish(),
    schedule: scheduleOverrideSchema.nullish(),
    health: healthOverrideSchema.nullish(),
    retention: retentionOverrideSchema.nullish(),
    issue: issueOverrideSchema.nullish(),
    publish: publishOverrideSchema.nullish(),
  },
  { error: MAP },
);

export const configDocumentSchema = z.strictObject({
  feeds: z
    .array(feedSchema, { error: 'a list of feeds' })
    .min(1, { error: 'a list of at least one feed' }),
  settings: settingsOverrideSchema.nullish(),
});

export type SettingsOverride = z.infer<typeof settingsOverrideSchema>;
export type ConfigDocument = z.infer<typeof configDocumentSchema>;

/** Keys each map of the document accepts, for "did you mean" hints on unknown keys. */
export function knownKeys(path: readonly PropertyKey[]): string[] {
  const named = path.filter((s) => typeof s === 'string').join('.');
  switch (named) {
    case '':
      return Object.keys(configDocumentSchema.shape);
    case 'feeds':
      return Object.keys(feedSchema.shape);
    case 'settings':
      return Object.keys(settingsOverrideSchema.shape);
    case 'settings.fetch':
      return Object.keys(fetchShape);
    case 'settings.collect':
      return Object.keys(collectShape);
    case 'settings.dedupe':
      return Object.keys(dedupeShape);
    case 'settings.classify':
      return Object.keys(classifyShape);
    case 'settings.classify.topics':
      return Object.keys(topicShape);
    case 'settings.schedule':
      return Object.keys(scheduleShape);
    case 'settings.health':
      return Object.keys(healthShape);
    case 'settings.retention':
      return Object.keys(retentionShape);
    case 'settings.publish':
      return Object.keys(publishShape);
    default:
      return knownDraftKeys(named) ?? knownIssueKeys(named) ?? [];
  }
}
