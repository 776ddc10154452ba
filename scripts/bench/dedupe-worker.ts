/**
 * One step of the dedupe benchmark, in its own process so peak memory is that step's alone:
 *   build <db> <stored>   stores `stored` synthetic items, each its own story, with their band keys,
 *                         published over the 6 days before the benchmark's clock (all inside the window);
 *   match <db> <stored>   files 5,000 new items (1,000 of them retellings of stored items) in stories,
 *                         the way collect does, and rolls back. Prints one JSON line.
 */
import { DEFAULT_SETTINGS } from '../../src/config/defaults.js';
import type { Item } from '../../src/model/index.js';
import { assignStories, fingerprint, FeatureCache } from '../../src/pipeline/dedupe/index.js';
import { openDatabase, sqliteStoryIndex, storeItems, type Db } from '../../src/storage/index.js';
import { postingsByKeys } from '../../src/storage/index.js';
import { rankCandidates } from '../../src/pipeline/dedupe/candidates.js';
import { signatureOf, toDedupeItem } from '../../src/pipeline/analysis/stories.js';
import { fastKeys, nearCopy, random, randomText, word, zipf, type SyntheticText } from './synthetic-items.js';

const [mode, file, storedArg] = process.argv.slice(2);
const stored = Number(storedArg);
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
  db.pragma('temp_store = FILE');
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
  const insertStory = db.prepare('INSERT INTO stories (id, representative_item_id, first_seen, last_seen, coverage, size) VALUES (?, ?, ?, ?, 1, 1)');
  // Keys go to a plain table first and into story_keys in key order at the end: appending to the
  // B-tree is far faster than 16 million random inserts.
  db.exec('CREATE TEMP TABLE bench_keys (key INTEGER, published INTEGER, story_id INTEGER); DROP INDEX story_keys_published;');
  const insertKey = db.prepare('INSERT INTO bench_keys (key, published, story_id) VALUES (?, ?, ?)');
  const started = performance.now();
  const BATCH = 50_000;
  for (let start = 0; start < stored; start += BATCH) {
    db.transaction(() => {
      for (let i = start; i < Math.min(stored, start + BATCH); i++) {
        const body = randomText(draw);
        const published = NOW - rand() * 6 * DAY;
        const iso = new Date(published).toISOString();
        const id = storedId(i);
        const url = `https://bench-stored.example/${i}`;
        insertStory.run(i + 1, id, iso, iso);
        insertItem.run(id, id, url, url, `bench-stored-${i}`, body.title, body.summary, iso, iso, iso, id, i + 1);
        const seconds = Math.floor(published / 1000);
        for (const key of fastKeys(body.words, settings.numHashes, settings.bands)) insertKey.run(key, seconds, i + 1);
        if (i < 100 && fingerprint(body.title, body.summary, settings).keys.join() !== fastKeys(body.words, settings.numHashes, settings.bands).join()) {
          throw new Error('synthetic band keys differ from fingerprint(): the benchmark would measure nothing');
        }
      }
    })();
  }
  db.exec(`INSERT OR IGNORE INTO story_keys SELECT key, published, story_id FROM bench_keys ORDER BY key, published, story_id;
    DROP TABLE bench_keys; CREATE INDEX story_keys_published ON story_keys (published);`);
  db.prepare("INSERT INTO dedupe_state (name, value) VALUES ('signature', ?)").run(signatureOf(settings));
  return { buildMs: performance.now() - started, keyRows: db.prepare('SELECT COUNT(*) FROM story_keys').pluck().get() as number };
}

function match(db: Db): Record<string, number> {
  const rand = random(2);
  const draw = zipf(rand);
  const read = db.prepare('SELECT title, summary FROM items WHERE id = ?');
  const fresh: Item[] = [];
  const planted = new Map<string, number>();
  for (let n = 0; n < NEW_ITEMS; n++) {
    const publishedAt = new Date(NOW - rand() * DAY).toISOString();
    let body: SyntheticText;
    if (n < RETELLINGS) {
      const source = Math.floor(rand() * stored);
      const row = read.get(storedId(source)) as { title: string; summary: string };
      const words = `${row.title} ${row.summary}`.split(' ').map((w) => decode(w));
      body = nearCopy(words, draw, rand);
      planted.set(`n${n}`, source + 1);
    } else body = randomText(draw);
    fresh.push(item(`n${n}`, 'bench-new', n, body, publishedAt));
  }
  // Candidate search alone: the index lookups, without verification or writes.
  const window = settings.windowDays * DAY;
  let started = performance.now();
  let candidates = 0;
  for (const it of fresh) {
    const keys = fingerprint(it.title, it.summary, settings).keys;
    const at = Date.parse(it.publishedAt);
    const postings = postingsByKeys(db, keys, new Date(at - window).toISOString(), new Date(at + window).toISOString(), settings.maxBucket);
    candidates += rankCandidates(postings, settings.maxCandidates).length;
  }
  const searchMs = performance.now() - started;
  // The whole of it, as collect's hook does it: store, find candidates, verify, file, in one transaction.
  db.exec('BEGIN');
  started = performance.now();
  const { inserted } = storeItems(db, fresh, new Date(NOW).toISOString());
  const assignments = assignStories(inserted.map((it) => toDedupeItem(it, 1)), sqliteStoryIndex(db), settings, new FeatureCache());
  const matchMs = performance.now() - started;
  db.exec('ROLLBACK');
  const found = assignments.filter((a) => planted.get(a.itemId) === a.storyId).length;
  const merged = assignments.filter((a) => a.match !== 'new').length;
  return { matchMs, searchMs, candidatesPerItem: candidates / NEW_ITEMS, retellings: RETELLINGS, retellingsFound: found, merged };
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
  const figures = mode === 'build' ? build(db) : match(db);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  process.stdout.write(`${JSON.stringify({ ...figures, peakRssMb: peakRss / 2 ** 20 })}\n`);
} finally {
  clearInterval(sampler);
  db.close();
}
