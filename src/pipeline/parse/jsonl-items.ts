import { z } from 'zod';
import { FEED_KINDS, UsageError, type FeedKind } from '../../model/index.js';
import { parseFeedDate } from '../normalize/index.js';

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

const ID = 'a non-empty string or a whole number';

const lineSchema = z.looseObject({
  id: z.union([z.string().trim().min(1, { error: ID }), z.number().int({ error: ID }).safe({ error: ID })], { error: ID }),
  title: z.string({ error: 'a string' }).trim().min(1, { error: 'non-empty text' }),
  summary: optionalText,
  url: optionalText,
  source: optionalText,
  feedKind: z.enum(FEED_KINDS, { error: `one of ${FEED_KINDS.join(', ')}` }).nullish(),
  publishedAt: z
    .string({ error: 'a date string (ISO 8601 or RFC 822)' })
    .refine((s) => parseFeedDate(s) !== null, { error: 'a date string (ISO 8601 or RFC 822)' })
    .nullish(),
});

/** Pseudo-feed of an input: `analyze:<source>` (no source: `analyze:stdin`), which no feeds.yaml id can collide with. */
export function analyzeFeedId(source: string | null): string {
  return `analyze:${source ?? 'stdin'}`;
}

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

const LF = 0x0a;

/**
 * Splits JSON Lines input into valid items and invalid lines (blank lines are skipped). Without
 * `skipInvalid`, the first invalid line is an error naming its line number (exit code 2).
 *
 * Each line is decoded on its own and strictly: a line that is not UTF-8 is invalid, rather than
 * read with U+FFFD in place of its bytes (two different ids would become one). A byte-order mark
 * before the first line (Windows tools write one) is dropped. A line repeating an earlier line's
 * source and id is the same item: with the same text it gets that line's story; with other text it
 * is invalid, since one batch cannot say two things about one item.
 */
export function parseAnalyzeInput(bytes: Uint8Array, options: { skipInvalid: boolean }): { inputs: AnalyzeInput[]; invalid: InvalidLine[] } {
  const inputs: AnalyzeInput[] = [];
  const invalid: InvalidLine[] = [];
  const firstOf = new Map<string, AnalyzeInput>();
  let start = 0;
  for (let line = 1; start <= bytes.length; line++) {
    let end = bytes.indexOf(LF, start);
    if (end === -1) end = bytes.length;
    const result = parseRawLine(bytes.subarray(start, end), line, firstOf);
    start = end + 1;
    if (result === undefined) continue;
    if ('id' in result) inputs.push(result);
    else if (options.skipInvalid) invalid.push(result);
    else throw new UsageError(`line ${result.line}: ${result.message} (use --skip-invalid to skip such lines)`);
  }
  return { inputs, invalid };
}

/** Strict decoders: the first drops a leading BOM (only the first line may carry one), the other keeps it. */
const FIRST_LINE = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const OTHER_LINES = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function parseRawLine(raw: Uint8Array, line: number, firstOf: Map<string, AnalyzeInput>): AnalyzeInput | InvalidLine | undefined {
  let text: string;
  try {
    text = (line === 1 ? FIRST_LINE : OTHER_LINES).decode(raw);
  } catch {
    return { line, message: 'not valid UTF-8' };
  }
  text = text.replace(/\r$/, '');
  if (text.trim() === '') return undefined;
  const result = parseAnalyzeLine(text, line);
  if (!('id' in result)) return result;
  const key = JSON.stringify([analyzeFeedId(result.source), result.id]);
  const first = firstOf.get(key);
  if (!first) {
    firstOf.set(key, result);
    return result;
  }
  const same = (['title', 'summary', 'url', 'feedKind', 'publishedAt'] as const).every((field) => first[field] === result[field]);
  return same ? result : { line, message: `"id" ${JSON.stringify(result.id)}${result.source ? ` of source ${JSON.stringify(result.source)}` : ''} was given on line ${first.line} with other text: one line per item` };
}
