/**
 * The labelled items the dedupe evaluation runs on: documents parsed and normalized by the
 * project's own stages, keyed by file and guid as the label files name them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config/index.js';
import { DEFAULT_SETTINGS } from '../../src/config/defaults.js';
import type { DedupeItem, Item } from '../../src/model/index.js';
import { canonicalizeUrl, normalizeEntries } from '../../src/pipeline/normalize/index.js';
import { parseFeedDocument } from '../../src/pipeline/parse/index.js';

export interface LabelledItem {
  file: string;
  guid: string;
  story: string;
  item: DedupeItem;
}

export interface LabelledSet {
  name: string;
  items: LabelledItem[];
  /** Label rows whose item could not be found in its document. */
  unmatched: { file: string; guid: string }[];
}

interface LabelRow {
  file: string;
  guid: string;
  story: string;
}

/** Rows of a TSV with a header naming at least `file`, `guid` and `story`. */
export function readLabels(tsv: string): LabelRow[] {
  const [header, ...lines] = tsv.replace(/\r\n/g, '\n').split('\n').filter((l) => l.trim() !== '');
  const columns = (header ?? '').split('\t');
  const at = (cells: string[], name: string) => cells[columns.indexOf(name)] ?? '';
  for (const name of ['file', 'guid', 'story']) {
    if (!columns.includes(name)) throw new Error(`label file has no "${name}" column (header: ${header})`);
  }
  return lines.map((line) => {
    const cells = line.split('\t');
    return { file: at(cells, 'file'), guid: at(cells, 'guid'), story: at(cells, 'story') };
  });
}

/** Label guids are the guid as written, or the link when there is none: try each spelling. */
function findItem(items: readonly Item[], guid: string): Item | undefined {
  return (
    items.find((i) => i.guid === guid) ??
    items.find((i) => i.url === guid) ??
    items.find((i) => i.canonicalUrl !== null && i.canonicalUrl === canonicalizeUrl(guid, []))
  );
}

/**
 * Parses and normalizes every document the labels name (in `feedsDir`), and pairs each label row
 * with its item. `weights` gives a feed's editorial weight by feed id (default 1).
 */
export function loadLabelledSet(
  name: string,
  labelsFile: string,
  feedsDir: string,
  options: { feedUrl?: (file: string) => string; weights?: ReadonlyMap<string, number> } = {},
): LabelledSet {
  const rows = readLabels(fs.readFileSync(labelsFile, 'utf8'));
  const documents = new Map<string, Item[]>();
  const items: LabelledItem[] = [];
  const unmatched: { file: string; guid: string }[] = [];
  // A fixed clock: undated entries get it, and no item is clamped as "in the future".
  const fetchedAt = new Date('2030-01-01T00:00:00Z');
  for (const row of rows) {
    let parsed = documents.get(row.file);
    if (!parsed) {
      const doc = parseFeedDocument(fs.readFileSync(path.join(feedsDir, row.file)), null);
      parsed = normalizeEntries(doc.entries, {
        feedId: feedIdOf(row.file),
        feedUrl: options.feedUrl?.(row.file) ?? `http://localhost/${row.file}`,
        ...(doc.siteUrl ? { siteUrl: doc.siteUrl } : {}),
        fetchedAt,
        limits: DEFAULT_SETTINGS.collect,
      });
      documents.set(row.file, parsed);
    }
    const item = findItem(parsed, row.guid);
    if (!item) {
      unmatched.push({ file: row.file, guid: row.guid });
      continue;
    }
    const feedId = feedIdOf(row.file);
    items.push({
      file: row.file,
      guid: row.guid,
      story: row.story,
      item: {
        id: `${row.file}\n${row.guid}`,
        feedId,
        weight: options.weights?.get(feedId) ?? 1,
        canonicalUrl: item.canonicalUrl,
        urlHash: item.urlHash,
        title: item.title,
        summary: item.summary,
        publishedAt: item.publishedAt,
      },
    });
  }
  return { name, items, unmatched };
}

/** A feed per document: its file name without the last extension ("x.atom.xml" → "x.atom"). */
export function feedIdOf(file: string): string {
  return file.replace(/\.[a-z]+$/i, '');
}

/** The demo corpus: its feeds.yaml gives each feed's weight, its URLs give the feed URL. */
export function loadDemoSet(root: string): LabelledSet {
  const demo = path.join(root, 'data', 'demo');
  const config = loadConfig(path.join(demo, 'feeds.yaml'));
  const byFile = new Map(config.feeds.map((f) => [path.basename(new URL(f.url).pathname), f]));
  const weights = new Map([...byFile].map(([file, f]) => [feedIdOf(file), f.weight]));
  return loadLabelledSet('demo', path.join(demo, 'LABELS.tsv'), path.join(demo, 'feeds'), {
    feedUrl: (file) => byFile.get(file)?.url ?? `http://127.0.0.1:8731/feeds/${file}`,
    weights,
  });
}
