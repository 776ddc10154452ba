import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../config/defaults.js';
import { parseSources } from '../../commands/parse.js';
import type { Fetcher } from '../fetch/index.js';
import { parseFeedDocument } from './index.js';

/**
 * The 36 real documents of the shared corpus (`../shared/corpus/feeds/`, beside the repository)
 * read the way `secdigest parse FILE` reads them: bytes only, no HTTP charset. Each must give its
 * MANIFEST.tsv item count, and the legacy-charset ones must come out readable (issue 17: the
 * ISO-8859-1 document without a declaration gave 9 garbled items of 10).
 */
const corpusDir = new URL('../../../../shared/corpus/feeds/', import.meta.url);
const manifestPath = fileURLToPath(new URL('MANIFEST.tsv', corpusDir));
const present = existsSync(manifestPath);
if (!present) console.log(`${manifestPath} not found: skipping the from-file corpus checks`);

interface Row {
  file: string;
  items: number;
}

function readManifest(): Row[] {
  const [header, ...lines] = readFileSync(manifestPath, 'utf8').trim().split('\n');
  const columns = (header ?? '').split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return { file: cells[columns.indexOf('file')] ?? '', items: Number(cells[columns.indexOf('items')]) };
  });
}

const rows = present ? readManifest() : [];
/** What text decoded with the wrong charset looks like: UTF-8 read as cp1252, or replacement characters. */
const MOJIBAKE = /\uFFFD|Ã[\u0080-\u00BF©¨ª«®´»]|â€/;

(present ? describe : describe.skip)('the shared corpus, parsed from files', () => {
  it('lists 36 documents', () => {
    expect(rows).toHaveLength(36);
  });

  it.each(rows)('$file: $items items', (row) => {
    const feed = parseFeedDocument(readFileSync(new URL(row.file, corpusDir)), null);
    expect(feed.entries).toHaveLength(row.items);
    if (/iso-8859-1|windows-125/.test(row.file)) {
      const text = feed.entries.flatMap((e) => [e.title, e.summary, e.content]).join('\n');
      expect(text).not.toMatch(MOJIBAKE);
    }
  });

  it('reads the undeclared ISO-8859-1 document through `secdigest parse FILE` without garbling', async () => {
    const file = fileURLToPath(new URL('cerclepsy-no-decl-iso-8859-1.xml', corpusDir));
    const [report] = await parseSources([file], {
      fetcher: {} as Fetcher,
      limits: DEFAULT_SETTINGS.collect,
      now: () => new Date('2026-01-01T00:00:00Z'),
      maxBytes: DEFAULT_SETTINGS.fetch.maxBodyBytes,
    });
    if (!report?.ok) throw new Error(`parse failed: ${JSON.stringify(report)}`);
    // One entry has neither title nor link in the source, and normalize skips it.
    expect(report.items).toHaveLength(9);
    const titles = report.items.map((item) => item.title);
    expect(titles.join('\n')).not.toMatch(MOJIBAKE);
    expect(titles.filter((t) => /[àâçéèêëîïôûùü«»]/.test(t)).length).toBeGreaterThanOrEqual(5);
  });
});
