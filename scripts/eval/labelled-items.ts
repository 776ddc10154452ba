/**
 * Labelled items for `npm run eval:classify`: feed documents parsed and normalized by the
 * project's own stages, joined with hand labels by file and guid.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { FeedKind, Item, Section } from '../../src/model/index.js';
import { htmlToText, normalizeEntries } from '../../src/pipeline/normalize/index.js';
import { parseFeedDocument } from '../../src/pipeline/parse/index.js';

export interface Label {
  file: string;
  guid: string;
  /** Acceptable topics, primary first. */
  topics: string[];
  section: Section;
  relevant: boolean;
}

export interface LabelledItem {
  label: Label;
  item: Item;
  feedKind: FeedKind;
}

export interface LabelledSet {
  items: LabelledItem[];
  /** Label rows whose item was not found in its document (a guid or parsing change). */
  missing: Label[];
}

/** The same limits the collector uses by default (src/config/defaults.ts), so text is capped alike. */
const LIMITS = { maxItemsPerFeed: 500, summaryMaxChars: 600, titleMaxChars: 300 };
const FETCHED_AT = new Date('2030-01-01T00:00:00Z');

/** A TSV with a header row → one record per line, keyed by column name. */
function readTsv(file: string): Record<string, string>[] {
  const [header = '', ...lines] = fs.readFileSync(file, 'utf8').trim().split('\n');
  const columns = header.split('\t');
  return lines.filter((line) => line.trim() !== '').map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? '']));
  });
}

function toLabel(row: Record<string, string>): Label {
  return {
    file: row.file!,
    guid: row.guid!,
    topics: row.topics!.split('|').filter(Boolean),
    section: row.section === 'press-release' ? 'press-release' : 'news',
    relevant: row.relevant === 'yes',
  };
}

function itemsOf(file: string, feedUrl: string): Item[] {
  const parsed = parseFeedDocument(fs.readFileSync(file), null);
  return normalizeEntries(parsed.entries, {
    feedId: path.basename(file),
    feedUrl,
    ...(parsed.siteUrl ? { siteUrl: parsed.siteUrl } : {}),
    fetchedAt: FETCHED_AT,
    limits: LIMITS,
  });
}

function join(labels: Label[], itemsByFile: (file: string) => Item[], kindOf: (file: string) => FeedKind): LabelledSet {
  const items: LabelledItem[] = [];
  const missing: Label[] = [];
  const cache = new Map<string, Item[]>();
  for (const label of labels) {
    if (!cache.has(label.file)) cache.set(label.file, itemsByFile(label.file));
    const item = cache.get(label.file)!.find((i) => i.guid === label.guid || i.url === label.guid || i.canonicalUrl === label.guid);
    if (item === undefined) missing.push(label);
    else items.push({ label, item, feedKind: kindOf(label.file) });
  }
  return { items, missing };
}

/** MANIFEST.tsv `kind` → the feed kind a secdigest user would give such a feed. */
const MANIFEST_KINDS: Record<string, FeedKind> = { 'security-news': 'news', 'vendor-research': 'vendor', government: 'government', generic: 'news' };

/** The hand-labelled real corpus: `labelsFile` rows, documents and MANIFEST.tsv in `corpusDir`. */
export function loadRealCorpus(labelsFile: string, corpusDir: string): LabelledSet {
  const manifest = new Map(readTsv(path.join(corpusDir, 'MANIFEST.tsv')).map((row) => [row.file!, row.kind!]));
  return join(
    readTsv(labelsFile).map(toLabel),
    // Local files carry no HTTP charset or URL, exactly as `secdigest parse FILE` reads them.
    (file) => itemsOf(path.join(corpusDir, file), 'http://localhost/'),
    (file) => MANIFEST_KINDS[manifest.get(file) ?? ''] ?? 'news',
  );
}

/** The bundled demo corpus: data/demo/LABELS.tsv, its feeds and the kinds in its feeds.yaml. */
export function loadDemoCorpus(demoDir: string): LabelledSet {
  const config = parseYaml(fs.readFileSync(path.join(demoDir, 'feeds.yaml'), 'utf8')) as { feeds: { url: string; kind: FeedKind }[] };
  const feeds = new Map(config.feeds.map((feed) => [feed.url.split('/').pop()!, feed]));
  return join(
    readTsv(path.join(demoDir, 'LABELS.tsv')).map(toLabel),
    (file) => itemsOf(path.join(demoDir, 'feeds', file), feeds.get(file)?.url ?? 'http://localhost/'),
    (file) => feeds.get(file)?.kind ?? 'news',
  );
}

/** An S33R archive element (../shared/devsets/s33r/*.json): only the fields read here. */
interface S33rRaw {
  title?: string;
  summary?: string;
  link?: string;
  source?: string;
  published?: string;
}

/**
 * The issue-16 labels on the S33R archive (data/labels/s33r-classify-{tune,test}.tsv: file, index,
 * link, topics, section, relevant). The publishers' text is read from `devsetDir` at run time and
 * cleaned as `secdigest analyze` cleans its JSON lines (htmlToText with the collect limits); every
 * item is classified as `analyze` does without a configured feed: kind `news`. A row whose link no
 * longer matches the element at its index is reported missing, not scored.
 */
export function loadS33rCorpus(labelsFile: string, devsetDir: string): LabelledSet {
  const files = new Map<string, S33rRaw[]>();
  const raw = (file: string) => {
    let elements = files.get(file);
    if (elements === undefined) files.set(file, (elements = JSON.parse(fs.readFileSync(path.join(devsetDir, file), 'utf8')) as S33rRaw[]));
    return elements;
  };
  const items: LabelledItem[] = [];
  const missing: Label[] = [];
  for (const row of readTsv(labelsFile)) {
    const label = toLabel({ ...row, guid: `#${row.index}` });
    const element = raw(label.file)[Number(row.index)];
    if (element === undefined || (element.link ?? '') !== row.link) {
      missing.push(label);
      continue;
    }
    const title = htmlToText(element.title ?? '', LIMITS.titleMaxChars);
    const summary = htmlToText(element.summary ?? '', LIMITS.summaryMaxChars);
    items.push({
      label,
      feedKind: 'news',
      item: {
        id: `${label.file}#${row.index}`,
        feedId: element.source ?? 'unknown',
        guid: label.guid,
        url: element.link ?? null,
        canonicalUrl: null,
        urlHash: null,
        title,
        summary,
        author: null,
        categories: [],
        publishedAt: element.published ?? FETCHED_AT.toISOString(),
        fetchedAt: FETCHED_AT.toISOString(),
        contentHash: '',
      },
    });
  }
  return { items, missing };
}
