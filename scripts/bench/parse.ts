import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS } from '../../src/config/defaults.js';
import { normalizeEntries } from '../../src/pipeline/normalize/index.js';
import { parseFeedDocument } from '../../src/pipeline/parse/index.js';

export interface ParseFigures {
  documents: number;
  megabytes: number;
  items: number;
  parse: { ms: number; itemsPerSec: number; mbPerSec: number };
  parseAndNormalize: { ms: number; itemsPerSec: number; mbPerSec: number };
  rssParser?: { ms: number; itemsPerSec: number; mbPerSec: number; failures: number };
}

/** Decode + parse (and then + normalize) every document of the corpus, best of `rounds`. */
export async function benchParse(corpusDir: string, rounds = 5): Promise<ParseFigures> {
  const files = fs.readdirSync(corpusDir).filter((f) => f.endsWith('.xml'));
  const docs = files.map((f) => fs.readFileSync(path.join(corpusDir, f)));
  const bytes = docs.reduce((n, d) => n + d.length, 0);
  const fetchedAt = new Date('2026-11-25T00:00:00Z');
  let items = 0;
  const best = (fn: () => void) => {
    let ms = Infinity;
    for (let r = 0; r < rounds; r++) {
      const t = performance.now();
      fn();
      ms = Math.min(ms, performance.now() - t);
    }
    return ms;
  };
  const parseMs = best(() => {
    items = 0;
    for (const doc of docs) items += parseFeedDocument(doc, null).entries.length;
  });
  const normalizeMs = best(() => {
    for (const doc of docs) {
      const parsed = parseFeedDocument(doc, null);
      normalizeEntries(parsed.entries, { feedId: 'bench', feedUrl: 'https://bench.example/feed', fetchedAt, limits: DEFAULT_SETTINGS.collect });
    }
  });
  const rate = (ms: number) => ({ ms: round(ms), itemsPerSec: Math.round((items / ms) * 1000), mbPerSec: round((bytes / 2 ** 20 / ms) * 1000) });
  const figures: ParseFigures = { documents: docs.length, megabytes: round(bytes / 2 ** 20), items, parse: rate(parseMs), parseAndNormalize: rate(normalizeMs) };

  // The parser the design card named, for comparison (docs/ARCHITECTURE.md records why we switched).
  const { default: RssParser } = await import('rss-parser');
  const rssParser = new RssParser();
  let failures = 0;
  let rssMs = Infinity;
  for (let r = 0; r < rounds; r++) {
    failures = 0;
    const t = performance.now();
    for (const doc of docs) await rssParser.parseString(doc.toString('utf8')).catch(() => failures++);
    rssMs = Math.min(rssMs, performance.now() - t);
  }
  figures.rssParser = { ...rate(rssMs), failures };
  return figures;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
