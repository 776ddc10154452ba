import type { Item } from '../../model/index.js';
import { toItem, type ItemRow, type UpsertCounts } from '../rows/items.js';
import { labelColumns } from './classifications.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

export type { UpsertCounts } from '../rows/items.js';

/** What storing a feed's items did to each: the new ones still need a story (pipeline/dedupe). */
export interface StoredItems {
  counts: UpsertCounts;
  inserted: Item[];
  /** Changed in place: same id, same story, new title or summary. */
  updated: Item[];
}

/**
 * Stores a feed's items. New entries are inserted; an entry already stored for the same
 * (feed, guid) whose title or summary changed is updated in place and keeps its id, its story and
 * its first-seen time; an unchanged one is only counted. Call inside the caller's transaction.
 * Inserted and updated items are left pending analysis (`analysis_pending`): the analysis stage
 * (pipeline/analysis) classifies them and files them in stories after the run's fetches. An updated
 * item's old labels are cleared, so a draft never shows labels of text the item no longer has.
 */
export function storeItems(db: Db, items: readonly Item[], now: string): StoredItems {
  const insert = statement(db, 
    `INSERT OR IGNORE INTO items (id, feed_id, guid, url, canonical_url, url_hash, title, summary, author,
       categories, published_at, fetched_at, updated_at, content_hash, analysis_pending, date_source)
     VALUES (@id, @feedId, @guid, @url, @canonicalUrl, @urlHash, @title, @summary, @author,
       @categories, @publishedAt, @fetchedAt, @now, @contentHash, 1, @dateSource)`,
  );
  const update = statement(db, 
    `UPDATE items SET url = @url, canonical_url = @canonicalUrl, url_hash = @urlHash, title = @title,
       summary = @summary, author = @author, categories = @categories, updated_at = @now, date_source = @dateSource,
       content_hash = @contentHash, analysis_pending = 1, topic = @topic, topic_scores = @topicScores,
       relevant = @relevant, relevance_score = @relevanceScore, section = @section, cves = @cves,
       victims = @victims, evidence = @evidence, model_id = @modelId
     WHERE feed_id = @feedId AND guid = @guid AND content_hash <> @contentHash`,
  );
  const stored: StoredItems = { counts: { new: 0, updated: 0, seen: 0 }, inserted: [], updated: [] };
  const unlabelled = labelColumns(undefined, null);
  for (const item of items) {
    const row = { ...item, categories: JSON.stringify(item.categories), dateSource: item.dateSource ?? null, now, ...unlabelled };
    if (insert.run(row).changes === 1) {
      stored.counts.new++;
      stored.inserted.push(item);
    } else if (update.run(row).changes === 1) {
      stored.counts.updated++;
      stored.updated.push(item);
    } else stored.counts.seen++;
  }
  return stored;
}

export interface ItemQuery {
  feedIds?: readonly string[];
  /** Only items first fetched at or after this ISO time. */
  fetchedSince?: string;
  limit?: number;
}

/** Items newest first by publication time; ties broken by id so the order is reproducible. */
export function listItems(db: Db, query: ItemQuery = {}): Item[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.feedIds?.length) {
    where.push(`feed_id IN (${query.feedIds.map(() => '?').join(', ')})`);
    params.push(...query.feedIds);
  }
  if (query.fetchedSince) {
    where.push('fetched_at >= ?');
    params.push(query.fetchedSince);
  }
  const sql = `SELECT * FROM items ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY published_at DESC, id ${query.limit ? 'LIMIT ?' : ''}`;
  if (query.limit) params.push(query.limit);
  return (statement(db, sql).all(...params) as ItemRow[]).map(toItem);
}
