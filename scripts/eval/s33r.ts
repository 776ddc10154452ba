/**
 * The S33R development set (../shared/devsets/s33r/, real items from about 170 security feeds) with
 * our own same-story and same-thread labels (data/labels/s33r-{tune,test}.tsv: file, index, link,
 * story, thread; items not listed are stories and threads of their own). The publishers' text is
 * read from ../shared at run time; only the labels live in the project.
 *
 * Items are cleaned as `secdigest analyze` cleans its JSON lines (commands/analyze.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS } from '../../src/config/defaults.js';
import type { DedupeItem } from '../../src/model/index.js';
import { canonicalizeUrl, htmlToText, urlHash } from '../../src/pipeline/normalize/index.js';

interface RawItem {
  title?: string;
  summary?: string;
  link?: string;
  source?: string;
  published?: string;
}

export interface S33rItem {
  key: string;
  story: string;
  thread: string;
  item: DedupeItem;
}

export interface S33rPart {
  name: string;
  items: S33rItem[];
  /** Label rows whose link no longer matches the item at that index. */
  mismatched: string[];
  range: string;
}

/**
 * One part: every item of the label file's source files (within the `range: FROM..TO` its notes
 * file states on a line of its own, days inclusive, when it states one).
 */
export function loadS33rPart(name: string, labelsFile: string, devsetDir: string): S33rPart {
  const [header = '', ...lines] = fs.readFileSync(labelsFile, 'utf8').replace(/\r\n/g, '\n').split('\n').filter((l) => l.trim() !== '');
  const columns = header.split('\t');
  for (const column of ['file', 'index', 'link', 'story', 'thread']) {
    if (!columns.includes(column)) throw new Error(`${labelsFile}: no "${column}" column (header: ${header})`);
  }
  const labels = new Map<string, { link: string; story: string; thread: string }>();
  const files = new Set<string>();
  for (const line of lines) {
    const cells = line.split('\t');
    const at = (c: string) => cells[columns.indexOf(c)] ?? '';
    files.add(at('file'));
    labels.set(`${at('file')}#${at('index')}`, { link: at('link'), story: at('story'), thread: at('thread') });
  }
  const notes = labelsFile.replace(/\.tsv$/, '.md');
  const declared = fs.existsSync(notes) ? /^range:\s*(\d{4}-\d\d-\d\d)\s*\.\.\s*(\d{4}-\d\d-\d\d)\s*$/m.exec(fs.readFileSync(notes, 'utf8')) : null;
  const inRange = (published: string) => !declared || (published.slice(0, 10) >= declared[1]! && published.slice(0, 10) <= declared[2]!);
  const items: S33rItem[] = [];
  const mismatched: string[] = [];
  const { titleMaxChars, summaryMaxChars } = DEFAULT_SETTINGS.collect;
  for (const file of [...files].sort()) {
    const raw = JSON.parse(fs.readFileSync(path.join(devsetDir, file), 'utf8')) as RawItem[];
    raw.forEach((r, index) => {
      const key = `${file}#${index}`;
      const label = labels.get(key);
      if (label && label.link !== (r.link ?? '')) mismatched.push(key);
      const published = r.published ? new Date(r.published) : null;
      if (!published || Number.isNaN(published.getTime()) || !inRange(published.toISOString())) return;
      const canonicalUrl = r.link ? canonicalizeUrl(r.link.trim()) : null;
      items.push({
        key,
        story: label?.story ?? `single:${key}`,
        thread: label?.thread ?? `single:${key}`,
        item: {
          id: key,
          feedId: r.source ?? 'unknown',
          weight: 1,
          canonicalUrl,
          urlHash: canonicalUrl ? urlHash(canonicalUrl) : null,
          title: htmlToText(r.title ?? '', titleMaxChars),
          summary: htmlToText(r.summary ?? '', summaryMaxChars),
          publishedAt: published.toISOString(),
        },
      });
    });
  }
  return { name, items, mismatched, range: declared ? `${declared[1]}..${declared[2]}` : 'whole files' };
}

/** B-cubed precision, recall and F1 (Bagga & Baldwin): per item, the overlap of its predicted and true clusters. */
export function bcubed<T>(items: readonly T[], truth: (item: T) => string, predicted: (item: T) => string | number): { precision: number; recall: number; f1: number } {
  const count = <K>(key: (item: T) => K) => {
    const counts = new Map<K, number>();
    for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
    return counts;
  };
  const truthSize = count(truth);
  const predictedSize = count(predicted);
  const both = count((item) => `${truth(item)}\u0000${predicted(item)}`);
  let p = 0;
  let r = 0;
  for (const item of items) {
    const overlap = both.get(`${truth(item)}\u0000${predicted(item)}`)!;
    p += overlap / predictedSize.get(predicted(item))!;
    r += overlap / truthSize.get(truth(item))!;
  }
  const precision = items.length ? p / items.length : 1;
  const recall = items.length ? r / items.length : 1;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}
