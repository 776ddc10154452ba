import type { Item } from '../../model/index.js';
import type { UpsertCounts } from '../rows/items.js';
import type { Queryable } from './queries.js';

/** The items of a feed run as parallel arrays, in their order: unnest() reads them as rows. */
const ITEM_ROWS = `unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
    $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[]) WITH ORDINALITY
  AS x(id, feed_id, guid, url, canonical_url, url_hash, title, summary, author, categories, published_at, fetched_at, content_hash, date_source, n)`;

function itemArrays(items: readonly Item[]): unknown[] {
  const column = (value: (item: Item) => string | null) => items.map(value);
  return [
    column((i) => i.id), column((i) => i.feedId), column((i) => i.guid), column((i) => i.url), column((i) => i.canonicalUrl),
    column((i) => i.urlHash), column((i) => i.title), column((i) => i.summary), column((i) => i.author),
    column((i) => JSON.stringify(i.categories)), column((i) => i.publishedAt), column((i) => i.fetchedAt), column((i) => i.contentHash),
    column((i) => i.dateSource ?? null),
  ];
}

/**
 * Stores a feed's items with sqlite/items.ts storeItems's rules, in two statements per layer
 * whatever their number (call inside the caller's transaction): new entries are inserted pending
 * analysis, in the order given (`seq`, the order stored); an entry stored for the
 * same (feed, guid) whose text changed is updated in place (same id, story and first-seen time),
 * pending again with its old labels cleared; an unchanged one is only counted. SQLite stores the
 * entries one after another, so an entry given twice (`analyze --db` input that repeats an id) is
 * inserted, then updated by its later copies: here each repeat goes in a later layer, which makes
 * the same rows and counts.
 */
export async function storeItems(db: Queryable, items: readonly Item[], now: string): Promise<UpsertCounts> {
  const total: UpsertCounts = { new: 0, updated: 0, seen: 0 };
  for (const layer of repeatLayers(items)) {
    const counts = await storeLayer(db, layer, now);
    total.new += counts.new;
    total.updated += counts.updated;
    total.seen += counts.seen;
  }
  return total;
}

/** The items split so that no (feed, guid) occurs twice in a layer: the n-th occurrence of each in layer n. */
function repeatLayers(items: readonly Item[]): Item[][] {
  const layers: Item[][] = [];
  const occurrences = new Map<string, number>();
  for (const item of items) {
    const key = `${item.feedId}\n${item.guid}`;
    const n = occurrences.get(key) ?? 0;
    occurrences.set(key, n + 1);
    (layers[n] ??= []).push(item);
  }
  return layers;
}

async function storeLayer(db: Queryable, items: readonly Item[], now: string): Promise<UpsertCounts> {
  if (items.length === 0) return { new: 0, updated: 0, seen: 0 };
  const arrays = itemArrays(items);
  // ON CONFLICT DO NOTHING without a target: a clash on the id or on (feed, guid) skips the row, as INSERT OR IGNORE.
  const inserted = await db.query(
    `INSERT INTO items (id, feed_id, guid, url, canonical_url, url_hash, title, summary, author, categories,
       published_at, fetched_at, updated_at, content_hash, analysis_pending, date_source)
     SELECT id, feed_id, guid, url, canonical_url, url_hash, title, summary, author, categories,
       published_at, fetched_at, $15, content_hash, true, date_source
     FROM ${ITEM_ROWS} ORDER BY n
     ON CONFLICT DO NOTHING`,
    [...arrays, now],
  );
  const updated = await db.query(
    `UPDATE items i SET url = x.url, canonical_url = x.canonical_url, url_hash = x.url_hash, title = x.title,
       summary = x.summary, author = x.author, categories = x.categories, updated_at = $15, date_source = x.date_source,
       content_hash = x.content_hash, analysis_pending = true, topic = NULL, topic_scores = '[]',
       relevant = NULL, relevance_score = NULL, section = NULL, cves = '[]', victims = '[]', evidence = '{}', model_id = NULL
     FROM ${ITEM_ROWS}
     WHERE i.feed_id = x.feed_id AND i.guid = x.guid AND i.content_hash <> x.content_hash`,
    [...arrays, now],
  );
  const counts = { new: inserted.rowCount ?? 0, updated: updated.rowCount ?? 0 };
  return { ...counts, seen: items.length - counts.new - counts.updated };
}
