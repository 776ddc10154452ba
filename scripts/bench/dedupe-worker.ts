/**
 * One step of the dedupe benchmark, in its own process so peak memory is that step's alone:
 *   build <db> <stored>   stores `stored` synthetic items, each its own story, published over the
 *                         `spreadDays` before the benchmark's clock (default 6: all inside the window);
 *   match <db> <stored>   files 5,000 new items (1,000 of them retellings of stored items) in stories,
 *                         the way the analysis stage does (load the stored window, cluster, write),
 *                         and rolls back. Prints one JSON line.
 */
import { DEFAULT_SETTINGS } from '../../src/config/defaults.js';
import type { Item } from '../../src/model/index.js';
import { threadPlan } from '../../src/pipeline/analysis/analysis-helper.js';
import { startAnalysisThread } from '../../src/pipeline/analysis/analysis-thread.js';
import { readyClassifier } from '../../src/pipeline/analysis/classifier.js';
import { StoryFiler } from '../../src/pipeline/analysis/stories.js';
import { openDatabase, sqliteStorage, storeItems, type Db } from '../../src/storage/index.js';
import { nearCopy, random, randomText, word, zipf, type SyntheticText } from './synthetic-items.js';

const [mode, file, storedArg, spreadArg] = process.argv.slice(2);
const stored = Number(storedArg);
const spreadDays = Number(spreadArg ?? 6);
const settings = DEFAULT_SETTINGS.dedupe;
const NOW = Date.parse('2026-11-25T00:00:00Z');
const NEW_ITEMS = 5_000;
const RETELLINGS = 1_000;
const DAY = 86_400_000;

const storedId = (i: number) => `s${i.toString(16).padStart(19, '0')}`;

function item(id: string, feedId: string, n: number, body: SyntheticText, publishedAt: string): Item {
  return {
    id, feedId, guid: id, url: `https://${feedId}.example/${n}`, canonicalUrl: `https://${feedId}.example/${n}`,
    urlHash: `${feedId}-${n}`, title: body.title, summary: body.summary, author: null, categories: [],
    publishedAt, fetchedAt: publishedAt, contentHash: id,
  };
}

function build(db: Db): Record<string, number> {
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  const rand = random(1);
  const draw = zipf(rand);
  const now = new Date(NOW).toISOString();
  for (const id of ['bench-stored', 'bench-new']) {
    db.prepare("INSERT INTO feeds (id, url, name, kind, weight, created_at) VALUES (?, ?, ?, 'news', 1, ?)").run(id, `https://${id}.example/feed`, id, now);
  }
  const insertItem = db.prepare(
    `INSERT INTO items (id, feed_id, guid, url, canonical_url, url_hash, title, summary, published_at, fetched_at, updated_at, content_hash, story_id)
     VALUES (?, 'bench-stored', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertStory = db.prepare('INSERT INTO stories (id, representative_item_id, first_seen, last_seen, coverage, size, thread_id) VALUES (?, ?, ?, ?, 1, 1, ?)');
  const started = performance.now();
  const BATCH = 50_000;
  for (let start = 0; start < stored; start += BATCH) {
    db.transaction(() => {
      for (let i = start; i < Math.min(stored, start + BATCH); i++) {
        const body = randomText(draw);
        const iso = new Date(NOW - rand() * spreadDays * DAY).toISOString();
        const id = storedId(i);
        const url = `https://bench-stored.example/${i}`;
        insertStory.run(i + 1, id, iso, iso, i + 1);
        insertItem.run(id, id, url, url, `bench-stored-${i}`, body.title, body.summary, iso, iso, iso, id, i + 1);
      }
    })();
  }
  return { buildMs: performance.now() - started };
}

async function match(db: Db): Promise<Record<string, number>> {
  const rand = random(2);
  const draw = zipf(rand);
  const fresh: Item[] = [];
  const planted = new Map<string, number>();
  for (let n = 0; n < NEW_ITEMS; n++) {
    const publishedAt = new Date(NOW - rand() * DAY).toISOString();
    let body: SyntheticText;
    if (n < RETELLINGS) {
      // A retelling of an item published within the event window of the new one.
      let source: number;
      let row: { title: string; summary: string; published_at: string };
      do {
        source = Math.floor(rand() * stored);
        row = db.prepare('SELECT title, summary, published_at FROM items WHERE id = ?').get(storedId(source)) as typeof row;
      } while (Math.abs(Date.parse(row.published_at) - Date.parse(publishedAt)) > (settings.eventHours - 1) * 3_600_000);
      const words = `${row.title} ${row.summary}`.split(' ').map((w) => decode(w));
      body = nearCopy(words, draw, rand);
      planted.set(`n${n}`, source + 1);
    } else body = randomText(draw);
    fresh.push(item(`n${n}`, 'bench-new', n, body, publishedAt));
  }
  // The whole of it, as the analysis stage does it: store, load the window, cluster, write; rolled back.
  const store = sqliteStorage(db).analysis;
  // As the analysis stage does on a machine with a second core: the thread prepares texts too.
  const thread = threadPlan(2 * NEW_ITEMS, NEW_ITEMS).now ? await startAnalysisThread(await readyClassifier(undefined, DEFAULT_SETTINGS.classify)) : undefined;
  db.exec('BEGIN');
  const started = performance.now();
  storeItems(db, fresh, new Date(NOW).toISOString());
  const batch = await store.pending(NEW_ITEMS);
  const loadStarted = performance.now();
  const filer = new StoryFiler(store, settings, thread && ((texts) => thread.prepareTexts(texts)));
  // The window first, then the batch's own texts, in the order analyzePending asks for them.
  await filer.loadWindow(batch);
  const { filings, results } = await filer.file(batch, thread?.prepareTexts(filer.filingOrder(batch).map(({ item }) => item)));
  const clusterMs = performance.now() - loadStarted;
  await thread?.close();
  await store.writeBatch({ items: batch, labels: new Map(), modelId: null, filings });
  const matchMs = performance.now() - started;
  db.exec('ROLLBACK');
  const found = results.filter((r) => planted.get(r.itemId) === r.storyId).length;
  const merged = results.filter((r) => r.match !== 'new').length;
  return { matchMs, clusterMs, retellings: RETELLINGS, retellingsFound: found, merged, thread: thread ? 1 : 0 };
}

/** Stored words back to vocabulary numbers (the inverse of word()). */
function decode(w: string): number {
  const LETTERS = 'bcdfghjklmnpqrtvwxz';
  let n = 0;
  for (let i = w.length - 1; i >= 1; i--) n = n * LETTERS.length + LETTERS.indexOf(w[i]!);
  if (word(n) !== w) throw new Error(`not a synthetic word: ${w}`);
  return n;
}

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const db = openDatabase(file!);
try {
  const figures = mode === 'build' ? build(db) : await match(db);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  process.stdout.write(`${JSON.stringify({ ...figures, peakRssMb: peakRss / 2 ** 20 })}\n`);
} finally {
  clearInterval(sampler);
  db.close();
}
