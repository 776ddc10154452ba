import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.js';
import { DEFAULT_SETTINGS } from '../src/config/defaults.js';
import { normalizeEntries } from '../src/pipeline/normalize/index.js';
import { parseFeedDocument } from '../src/pipeline/parse/index.js';

const demoDir = new URL('../data/demo/', import.meta.url);
const config = loadConfig(new URL('feeds.yaml', demoDir).pathname);
const labels = fs
  .readFileSync(new URL('LABELS.tsv', demoDir), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'));

describe('the bundled demo corpus', () => {
  it('has about a dozen feeds of every kind, all served from the demo port on 127.0.0.1', () => {
    expect(config.feeds.length).toBeGreaterThanOrEqual(12);
    expect(new Set(config.feeds.map((f) => f.kind))).toEqual(new Set(['news', 'vendor', 'government', 'press']));
    for (const feed of config.feeds) expect(feed.url).toMatch(/^http:\/\/127\.0\.0\.1:8731\/feeds\//);
  });

  it.each(config.feeds.map((f) => [f.id, f.url] as const))('%s parses, and every item has a label row', (id, url) => {
    const file = url.split('/').pop()!;
    const parsed = parseFeedDocument(fs.readFileSync(new URL(`feeds/${file}`, demoDir)), null);
    const items = normalizeEntries(parsed.entries, {
      feedId: id,
      feedUrl: url,
      ...(parsed.siteUrl ? { siteUrl: parsed.siteUrl } : {}),
      fetchedAt: new Date('2026-11-25T00:00:00Z'),
      limits: DEFAULT_SETTINGS.collect,
    });
    const rows = labels.filter(([labelFile]) => labelFile === file);
    expect(items.length).toBeGreaterThanOrEqual(8);
    expect(rows).toHaveLength(items.length);
    for (const item of items) {
      expect(item.title).not.toMatch(/[<>]script|\uFFFD/);
      expect(item.publishedAt >= '2026-11-17' && item.publishedAt < '2026-11-25').toBe(true);
    }
  });
});
