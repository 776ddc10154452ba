import { z } from 'zod';
import { FEED_KINDS, UsageError, type FeedKind } from '../model/index.js';
import { parseFeedDate } from '../pipeline/normalize/index.js';

/** One line of `secdigest analyze` input, validated (fields not listed here are ignored). */
export interface AnalyzeInput {
  /** 1-based line number in the input, for messages. */
  line: number;
  id: string;
  title: string;
  summary: string;
  url: string | null;
  source: string | null;
  feedKind: FeedKind | null;
  /** UTC ISO 8601, or null when the line gave none (the run's clock is used). */
  publishedAt: string | null;
}

export interface InvalidLine {
  line: number;
  message: string;
}

const optionalText = z.string({ error: 'a string' }).nullish();

const lineSchema = z.looseObject({
  id: z.union([z.string().trim().min(1), z.number().int()], { error: 'a non-empty string' }),
  title: z.string({ error: 'a string' }),
  summary: optionalText,
  url: optionalText,
  source: optionalText,
  feedKind: z.enum(FEED_KINDS, { error: `one of ${FEED_KINDS.join(', ')}` }).nullish(),
  publishedAt: z
    .string({ error: 'a date string (ISO 8601 or RFC 822)' })
    .refine((s) => parseFeedDate(s) !== null, { error: 'a date string (ISO 8601 or RFC 822)' })
    .nullish(),
});

/** Parses one non-blank line; a problem is described so that "line N: <message>" reads well. */
export function parseAnalyzeLine(text: string, line: number): AnalyzeInput | InvalidLine {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    return { line, message: `not valid JSON (${(cause as Error).message})` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { line, message: 'expected a JSON object with at least "id" and "title"' };
  }
  for (const key of ['id', 'title']) {
    if ((data as Record<string, unknown>)[key] === undefined) return { line, message: `"${key}" is required` };
  }
  const parsed = lineSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { line, message: `"${issue.path.join('.')}" must be ${issue.message}` };
  }
  const value = parsed.data;
  return {
    line,
    id: String(value.id),
    title: value.title,
    summary: value.summary ?? '',
    url: value.url ?? null,
    source: value.source ?? null,
    feedKind: value.feedKind ?? null,
    publishedAt: value.publishedAt ? parseFeedDate(value.publishedAt)!.toISOString() : null,
  };
}

/**
 * Splits JSON Lines input into valid items and invalid lines (blank lines are skipped). Without
 * `skipInvalid`, the first invalid line is an error naming its line number (exit code 2).
 */
export function parseAnalyzeInput(text: string, options: { skipInvalid: boolean }): { inputs: AnalyzeInput[]; invalid: InvalidLine[] } {
  const inputs: AnalyzeInput[] = [];
  const invalid: InvalidLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '');
    if (raw.trim() === '') continue;
    const result = parseAnalyzeLine(raw, i + 1);
    if ('id' in result) inputs.push(result);
    else if (options.skipInvalid) invalid.push(result);
    else throw new UsageError(`line ${result.line}: ${result.message} (use --skip-invalid to skip such lines)`);
  }
  return { inputs, invalid };
}
