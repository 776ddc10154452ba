import type { ItemListing, ItemListingRow, ItemSearchQuery } from '../rows/item-search.js';
import { containsPattern, ITEM_LISTING_COLUMNS, toItemListing } from '../rows/item-search.js';
import { all, type Queryable } from './queries.js';

/** `secdigest items`: stored items matching the query, newest first (ties by id); see sqlite/item-search.ts. */
export async function searchItems(db: Queryable, query: ItemSearchQuery): Promise<ItemListing[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  if (query.text !== undefined && query.text !== '') {
    // ILIKE folds case by the database's locale (Unicode-aware under a UTF-8 locale).
    const pattern = param(containsPattern(query.text));
    where.push(`(i.title ILIKE ${pattern} ESCAPE '\\' OR i.summary ILIKE ${pattern} ESCAPE '\\')`);
  }
  if (query.publishedSince !== undefined) where.push(`i.published_at >= ${param(query.publishedSince)}`);
  if (query.feedIds?.length) where.push(`i.feed_id = ANY(${param([...query.feedIds])}::text[])`);
  if (query.topic !== undefined) where.push(`i.topic = ${param(query.topic)}`);
  const limit = param(query.limit);
  const rows = await all<ItemListingRow>(
    db,
    `SELECT ${ITEM_LISTING_COLUMNS} FROM items i ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY i.published_at DESC, i.id LIMIT ${limit}`,
    params,
  );
  return rows.map(toItemListing);
}
