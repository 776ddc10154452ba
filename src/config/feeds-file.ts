import transliterate from '@sindresorhus/transliterate';
import { Document, isMap, isScalar, isSeq, parseDocument, YAMLMap, YAMLSeq } from 'yaml';
import type { FeedConfig } from '../model/index.js';
import { parseConfig } from './load.js';

/**
 * A feed to append to feeds.yaml; optional fields are written only when they differ from the
 * defaults. Never `headers`: they are written by hand, with `${NAME}` for their secrets.
 */
export type NewFeed = Pick<FeedConfig, 'id' | 'name' | 'url' | 'kind'> &
  Partial<Pick<FeedConfig, 'weight' | 'tags' | 'enabled' | 'intervalMinutes' | 'include' | 'exclude'>>;

/**
 * Appends feeds to the text of a feeds.yaml and validates the result with the same rules as
 * loading: a write can never leave a file that `collect` would refuse. Pure: text in, text out.
 *
 * The new entries are spliced in as text after the last entry of the `feeds:` list, so every line
 * already in the file stays byte for byte as it was: comments, commented-out settings, quoting,
 * indentation and line endings (a load/dump round trip, even through the YAML document API,
 * re-indents comments and refolds long lines). Only a list the splice cannot extend (a flow list
 * `feeds: [ … ]`) is rewritten through the document API, which still keeps comments and order.
 */
export function appendFeeds(text: string, feeds: readonly NewFeed[], file: string): string {
  const result = spliceFeeds(text, feeds) ?? rewriteFeeds(text, feeds, file);
  parseConfig(result, file);
  return result;
}

/** The entry as feeds.yaml writes it, keys in the documented order, defaults left out. */
function entryOf(feed: NewFeed): Record<string, unknown> {
  return {
    id: feed.id,
    name: feed.name,
    url: feed.url,
    kind: feed.kind,
    ...(feed.weight !== undefined && feed.weight !== 1 ? { weight: feed.weight } : {}),
    ...(feed.enabled === false ? { enabled: false } : {}),
    ...(feed.tags?.length ? { tags: [...feed.tags] } : {}),
    ...(feed.intervalMinutes !== undefined ? { intervalMinutes: feed.intervalMinutes } : {}),
    ...(feed.include?.length ? { include: [...feed.include] } : {}),
    ...(feed.exclude?.length ? { exclude: [...feed.exclude] } : {}),
  };
}

/** One list item as YAML text (`- id: …` and its keys), lists in flow style, every line indented. */
function entryText(feed: NewFeed, indent: string, eol: string): string {
  const doc = new Document([entryOf(feed)]);
  const item = (doc.contents as YAMLSeq).items[0] as YAMLMap;
  for (const pair of item.items) if (isSeq(pair.value)) pair.value.flow = true;
  return doc
    .toString({ lineWidth: 0 })
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => `${indent}${line}${eol}`)
    .join('');
}

function spliceFeeds(text: string, feeds: readonly NewFeed[]): string | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const entries = (indent: string) => feeds.map((feed) => entryText(feed, indent, eol)).join('');
  const withBreak = (before: string) => (before === '' || before.endsWith('\n') ? before : `${before}${eol}`);
  let result: string;
  const root = doc.contents;
  if (root === null) {
    // Empty, or comments only: the list goes after them.
    result = `${withBreak(text)}feeds:${eol}${entries('  ')}`;
  } else {
    if (!isMap(root) || root.flow) return undefined;
    const pair = root.items.find((p) => isScalar(p.key) && p.key.value === 'feeds');
    const value = pair?.value;
    if (!pair) {
      result = `${withBreak(text)}feeds:${eol}${entries('  ')}`;
    } else if (value === null || value === undefined || (isScalar(value) && value.value === null && value.source === '')) {
      // `feeds:` with nothing after it: the entries go on the lines after the key.
      const keyEnd = (pair.key as { range?: [number, number, number] }).range?.[1];
      if (keyEnd === undefined) return undefined;
      const at = lineEnd(text, keyEnd);
      result = `${withBreak(text.slice(0, at))}${entries('  ')}${text.slice(at)}`;
    } else if (isSeq(value) && !value.flow && value.items.length > 0 && value.range) {
      const start = value.range[0];
      if (text[start] !== '-') return undefined;
      const indent = ' '.repeat(start - (text.lastIndexOf('\n', start - 1) + 1));
      const lastEnd = (value.items.at(-1) as { range?: [number, number, number] } | null)?.range?.[1];
      if (lastEnd === undefined) return undefined;
      const at = lineEnd(text, Math.max(start, lastEnd - 1));
      result = `${withBreak(text.slice(0, at))}${entries(indent)}${text.slice(at)}`;
    } else {
      return undefined;
    }
  }
  // The splice must have extended the list and nothing else; otherwise take the safe road.
  const before = feedIds(text);
  const after = feedIds(result);
  const expected = [...before, ...feeds.map((f) => f.id)];
  return after.length === expected.length && after.every((id, i) => id === expected[i]) ? result : undefined;
}

/** The offset just past the end of the line holding `offset` (past its newline, if any). */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

function feedIds(text: string): unknown[] {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return [NaN];
  const list = (doc.toJS() as { feeds?: unknown } | null)?.feeds;
  return Array.isArray(list) ? list.map((entry: unknown) => (entry as { id?: unknown } | null)?.id) : [];
}

/** The document API's append, for a list the splice cannot extend. */
function rewriteFeeds(text: string, feeds: readonly NewFeed[], file: string): string {
  const doc = parseDocument(text);
  let list = doc.get('feeds', true);
  if (list === undefined || list === null || isScalarNull(list)) {
    list = new YAMLSeq();
    doc.set('feeds', list);
  }
  if (!isSeq(list)) throw new Error(`${file}: "feeds:" is not a list`);
  for (const feed of feeds) {
    const entry = doc.createNode(entryOf(feed));
    for (const pair of entry.items) if (isSeq(pair.value)) pair.value.flow = true;
    list.items.push(entry);
  }
  return doc.toString();
}

/**
 * A feed id from a title: lower-case ASCII words joined by "-", unique among `taken`. Accents and
 * other scripts are transliterated ("Sécurité" → `securite`, "Безопасность" → `bezopasnost`); a
 * title with nothing left (Chinese, say) takes `fallback` (the URL's host), else "feed".
 */
export function feedIdFrom(title: string, taken: ReadonlySet<string>, fallback?: string): string {
  const base = slug(title) || (fallback === undefined ? '' : slug(fallback.replace(/^www\./i, ''))) || 'feed';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** Lower-case ASCII letters and digits joined by "-", at most 48 characters (room for a "-2" suffix). */
export function slug(text: string): string {
  return transliterate(text)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}

function isScalarNull(node: unknown): boolean {
  return typeof node === 'object' && node !== null && 'value' in node && (node as { value: unknown }).value === null;
}

/** True when the document has a `feeds:` sequence of maps (what appendFeeds needs). */
export function hasFeedList(text: string): boolean {
  const list = parseDocument(text).get('feeds', true);
  return isSeq(list) && list.items.every((item) => isMap(item));
}
