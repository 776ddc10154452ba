import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FeedFormat } from '../src/model/item.js';
import { parseFeedDocument } from '../src/pipeline/parse/index.js';

/**
 * The parser against 36 real feed documents in the shared corpus that sits beside the repository
 * (`../shared/corpus/feeds/`, described by its MANIFEST.tsv). Skipped where the corpus is absent.
 */
const repoRoot = new URL('..', import.meta.url);
const corpusDir = new URL('../shared/corpus/feeds/', repoRoot);
const manifestPath = fileURLToPath(new URL('MANIFEST.tsv', corpusDir));

interface Row {
  file: string;
  format: string;
  items: number;
  notes: string;
}

const FORMATS: Record<string, FeedFormat> = { rss2: 'rss', rss1: 'rdf', atom: 'atom', other: 'rdf' };

/** The one file whose charset is only knowable from the HTTP header (no XML declaration). */
const HTTP_CHARSET_ONLY = 'cerclepsy-no-decl-iso-8859-1.xml';

/** Entries that really have neither title nor link in the source (`<title></title><link></link>`). */
const EMPTY_ENTRIES: Record<string, number> = { [HTTP_CHARSET_ONLY]: 1 };

function readManifest(): Row[] {
  const [header, ...lines] = readFileSync(manifestPath, 'utf8').trim().split('\n');
  const columns = (header ?? '').split('\t');
  const at = (cells: string[], name: string) => cells[columns.indexOf(name)] ?? '';
  return lines.map((line) => {
    const cells = line.split('\t');
    return { file: at(cells, 'file'), format: at(cells, 'format'), items: Number(at(cells, 'items')), notes: at(cells, 'notes') };
  });
}

function contentTypeFor(row: Row): string | null {
  return row.file === HTTP_CHARSET_ONLY ? 'text/xml; charset=iso-8859-1' : null;
}

const present = existsSync(manifestPath);
if (!present) console.log('../shared/corpus/feeds not found: skipping real-corpus parser tests');
const rows = present ? readManifest() : [];

(present ? describe : describe.skip)('parser on the real corpus', () => {
  if (rows.length === 0) it('has manifest rows', () => expect(rows.length).toBeGreaterThan(0));

  it.each(rows)('$file', (row) => {
    const bytes = readFileSync(new URL(row.file, corpusDir));
    const feed = parseFeedDocument(bytes, contentTypeFor(row));

    expect(feed.format).toBe(FORMATS[row.format]);
    expect(feed.entries).toHaveLength(row.items);
    const untitled = feed.entries.filter((entry) => !entry.title && !entry.link);
    expect(untitled).toHaveLength(EMPTY_ENTRIES[row.file] ?? 0);

    const titles = feed.entries.map((entry) => entry.title ?? '');
    const allText = feed.entries.flatMap((entry) => [entry.title, entry.summary, entry.content]).join('\n');
    if (row.file.includes('windows-1251')) {
      expect(titles.some((title) => /[\u0410-\u044F]/.test(title))).toBe(true);
      expect(allText).not.toContain('\uFFFD');
    }
    if (row.file.includes('iso-8859-1')) {
      expect(allText).not.toContain('\uFFFD');
      expect(titles.some((title) => /[À-ÿ]/.test(title))).toBe(true);
    }
  });
});
