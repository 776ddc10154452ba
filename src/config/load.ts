import { readFileSync } from 'node:fs';
import { ConfigError } from '../model/index.js';
import type { Config, ConfigProblem, FeedConfig, Settings } from '../model/index.js';
import { DEFAULT_SETTINGS } from './defaults.js';
import { mergeDraftSettings } from './draft-settings.js';
import { mergeIssueSettings } from './issue-settings.js';
import { mergePublishSettings } from './publish-settings.js';
import { formatPath, readYaml } from './document.js';
import type { Finding, PathSegment, YamlSource } from './document.js';
import { describeIssue, show } from './issues.js';
import { checkDuplicateFeeds, checkSettings } from './rules.js';
import { checkFeedOptions } from './feed-rules.js';
import { configDocumentSchema, settingsOverrideSchema } from './schema.js';
import type { SettingsOverride } from './schema.js';

/** Reads and validates a feeds.yaml. Throws ConfigError listing every problem found. */
export function loadConfig(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    const error = new ConfigError(path, [{ path: '(file)', message: unreadable(cause) }]);
    error.cause = cause;
    throw error;
  }
  return parseConfig(text, path);
}

/**
 * Validates the text of a feeds.yaml (pure): YAML syntax, then the schema, then rules spanning several
 * values. Settings missing from the file take DEFAULT_SETTINGS. `file` is used in messages only.
 * Throws ConfigError listing every problem, each with its line, path and feed id.
 */
export function parseConfig(text: string, file: string): Config {
  const read = readYaml(text);
  if (!read.ok) {
    throw new ConfigError(file, read.errors.map((e) => ({ line: e.line, path: '(file)', message: e.message })));
  }
  const { source } = read;
  const data = source.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const message =
      data === null || data === undefined
        ? 'the file is empty: expected a map with a "feeds:" list'
        : `the top level must be a map with a "feeds:" list and optional "settings:" (got ${show(data)})`;
    throw new ConfigError(file, [{ line: source.lineOf([]) ?? 1, path: '(root)', message }]);
  }

  const raw = data as Record<string, unknown>;
  // Duplicates are checked on the raw list, so they are reported alongside any schema problem.
  const findings = [...checkDuplicateFeeds(raw.feeds, source.lineOf), ...checkFeedOptions(raw.feeds)];
  const parsed = configDocumentSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) findings.push(...parsed.error.issues.flatMap(describeIssue));
  // The settings rules need valid settings, not a valid file: run them even when a feed is wrong.
  const override = settingsOverrideSchema.nullish().safeParse(raw.settings);
  if (override.success) {
    const merged = mergeSettings(DEFAULT_SETTINGS, override.data);
    findings.push(...checkSettings(merged, (path) => isOverridden(override.data, path)));
  }
  if (!parsed.success || findings.length > 0) {
    throw new ConfigError(file, toProblems(findings, source, raw));
  }

  const feeds: FeedConfig[] = parsed.data.feeds;
  return { file, settings: mergeSettings(DEFAULT_SETTINGS, parsed.data.settings), feeds };
}

/** Each section of the override replaces only the keys it names. */
export function mergeSettings(defaults: Settings, override: SettingsOverride | null | undefined): Settings {
  return {
    fetch: { ...defaults.fetch, ...definedOnly(override?.fetch) },
    collect: { ...defaults.collect, ...definedOnly(override?.collect) },
    dedupe: { ...defaults.dedupe, ...definedOnly(override?.dedupe) },
    classify: { ...defaults.classify, ...definedOnly(override?.classify) },
    draft: mergeDraftSettings(defaults.draft, override?.draft),
    schedule: { ...defaults.schedule, ...definedOnly(override?.schedule) },
    health: { ...defaults.health, ...definedOnly(override?.health) },
    retention: { ...defaults.retention, ...definedOnly(override?.retention) },
    issue: mergeIssueSettings(defaults.issue, override?.issue),
    publish: mergePublishSettings(defaults.publish, override?.publish),
  };
}

function definedOnly<T extends object>(section: T | null | undefined): Partial<T> {
  if (!section) return {};
  return Object.fromEntries(Object.entries(section).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function isOverridden(override: SettingsOverride | null | undefined, path: PathSegment[]): boolean {
  const [, section, key] = path;
  if (section !== 'fetch' && section !== 'collect' && section !== 'dedupe' && section !== 'classify') return false;
  const values: Record<string, unknown> | null | undefined = override?.[section];
  return typeof key === 'string' && values?.[key] !== undefined;
}

/** Findings become problems with a line and the feed id, ordered as they appear in the file. */
function toProblems(findings: Finding[], source: YamlSource, data: Record<string, unknown>): ConfigProblem[] {
  const feeds = data.feeds;
  const problems = findings.map((f): ConfigProblem => {
    const problem: ConfigProblem = { path: formatPath(f.path), message: f.message };
    const line = source.lineOf(f.path);
    if (line !== undefined) problem.line = line;
    const feedId = f.path[0] === 'feeds' ? feedIdAt(feeds, f.path[1]) : undefined;
    if (feedId !== undefined) problem.feedId = feedId;
    return problem;
  });
  return problems
    .map((p, order) => ({ p, order }))
    .sort((a, b) => (a.p.line ?? Infinity) - (b.p.line ?? Infinity) || a.order - b.order)
    .map(({ p }) => p);
}

function feedIdAt(feeds: unknown, index: PathSegment | undefined): string | undefined {
  if (!Array.isArray(feeds) || typeof index !== 'number') return undefined;
  const entry: unknown = feeds[index];
  if (typeof entry !== 'object' || entry === null) return undefined;
  const id = (entry as Record<string, unknown>).id;
  return typeof id === 'string' && id.trim() !== '' ? id : undefined;
}

function unreadable(cause: unknown): string {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'cannot read the file: it does not exist';
    case 'EISDIR':
      return 'cannot read the file: it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'cannot read the file: permission denied';
    default:
      return `cannot read the file: ${cause instanceof Error ? cause.message : String(cause)}`;
  }
}
