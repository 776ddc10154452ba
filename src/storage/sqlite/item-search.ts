import type { ItemListing, ItemListingRow, ItemSearchQuery } from '../rows/item-search.js';
import { containsPattern, ITEM_LISTING_COLUMNS, toItemListing } from '../rows/item-search.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

const folding = new WeakSet<Db>();

/**
 * SQLite's LIKE ignores the case of ASCII letters only ("SÉCURITÉ" would not match "sécurité"):
 * the search folds both sides with JavaScript's Unicode lower-casing, as PostgreSQL's ILIKE does.
 */
function foldingFunction(db: Db): void {
  if (folding.has(db)) return;
  db.function('secdigest_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? text.toLowerCase() : text));
  folding.add(db);
}

/** `secdigest items`: stored items matching the query, newest first (ties by id). */
export function searchItems(db: Db, query: ItemSearchQuery): ItemListing[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.text !== undefined && query.text !== '') {
    foldingFunction(db);
    const pattern = containsPattern(query.text.toLowerCase());
    where.push(`(secdigest_fold(i.title) LIKE ? ESCAPE '\\' OR secdigest_fold(i.summary) LIKE ? ESCAPE '\\')`);
    params.push(pattern, pattern);
  }
  if (query.publishedSince !== undefined) {
    where.push('i.published_at >= ?');
    params.push(query.publishedSince);
  }
  if (query.feedIds?.length) {
    where.push(`i.feed_id IN (${query.feedIds.map(() => '?').join(', ')})`);
    params.push(...query.feedIds);
  }
  if (query.topic !== undefined) {
    where.push('i.topic = ?');
    params.push(query.topic);
  }
  params.push(query.limit);
  const sql = `SELECT ${ITEM_LISTING_COLUMNS} FROM items i ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY i.published_at DESC, i.id LIMIT ?`;
  return (statement(db, sql).all(...params) as ItemListingRow[]).map(toItemListing);
}
