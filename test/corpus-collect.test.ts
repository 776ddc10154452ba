import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../src/app.js';
import { runCollect } from '../src/commands/collect.js';
import { tempDir, writeConfig } from './support/cli.js';
import { startLocalServer, type LocalServer } from './support/local-server.js';

/**
 * The whole collection (parse, normalize, classify, dedupe, store) over every document of the
 * real corpus beside the repository, served from 127.0.0.1. The parser tests check what is read;
 * this checks that nothing later in the pipeline breaks on real text: an item naming Saudi Arabia
 * once sent the stemmer into endless recursion. Skipped where the corpus is absent.
 */
const corpusDir = fileURLToPath(new URL('../../shared/corpus/feeds/', import.meta.url));
const present = existsSync(corpusDir);
if (!present) console.log('../shared/corpus/feeds not found: skipping the real-corpus collection test');
const files = present ? readdirSync(corpusDir).filter((f) => /\.(xml|json|rss|atom)$/i.test(f)).sort() : [];

/** The one document whose charset only its HTTP header gives (see corpus.test.ts). */
const HTTP_CHARSET_ONLY = 'cerclepsy-no-decl-iso-8859-1.xml';

(present ? describe : describe.skip)('collect over the real corpus', () => {
  let server: LocalServer;
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    server = await startLocalServer((req, res) => {
      const file = decodeURIComponent((req.url ?? '/').slice(1));
      if (!files.includes(file)) return void res.writeHead(404).end();
      const type = file === HTTP_CHARSET_ONLY ? 'text/xml; charset=iso-8859-1' : file.endsWith('.json') ? 'application/feed+json' : 'application/xml';
      res.writeHead(200, { 'content-type': type });
      res.end(readFileSync(path.join(corpusDir, file)));
    });
    tmp = tempDir();
  });
  afterAll(async () => {
    await server.close();
    tmp.cleanup();
  });

  it('stores every document\'s items with their labels and stories, and a second run adds nothing', async () => {
    const feeds = files.map((file, i) => ({ id: `corpus-${i}`, url: `${server.baseUrl}/${encodeURIComponent(file)}` }));
    const config = writeConfig(tmp.dir, feeds, 'settings:\n  fetch:\n    timeoutMs: 20000\n    retries: 0\n');
    const app = await openApp({ configPath: config, dbPath: path.join(tmp.dir, 'corpus.db') });
    try {
      const first = await runCollect(app);
      expect(first.feeds.filter((f) => f.status !== 'ok').map((f) => `${files[Number(f.feedId.slice(7))]}: ${f.error?.code} ${f.error?.message}`)).toEqual([]);
      expect(first.totals.itemsNew).toBeGreaterThan(700);

      const counts = app.db!
        .prepare('SELECT count(*) AS items, count(story_id) AS filed, count(topic) AS labelled, count(DISTINCT story_id) AS stories FROM items')
        .get() as { items: number; filed: number; labelled: number; stories: number };
      expect(counts.items).toBe(first.totals.itemsNew);
      expect(counts.filed).toBe(counts.items);
      expect(counts.labelled).toBe(counts.items);
      // The corpus holds retellings and one blog in two formats: fewer stories than items.
      expect(counts.stories).toBeLessThan(counts.items);

      const second = await runCollect(app, { feedIds: feeds.map((f) => f.id) });
      expect(second.totals).toMatchObject({ ok: files.length, itemsNew: 0, itemsUpdated: 0 });
    } finally {
      app.close();
    }
  }, 60_000);
});
