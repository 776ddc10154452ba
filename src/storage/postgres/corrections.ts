import type { CorrectedLabels, Correction } from '../../model/index.js';
import { correctedLabelsOf, toCorrection, type CorrectionQuery, type CorrectionRow, type NewCorrection } from '../rows/corrections.js';
import { all, first, type Queryable } from './queries.js';

/** Stores one correction; returns its id. The field's closed set is the table's CHECK. */
export async function insertCorrection(db: Queryable, correction: NewCorrection): Promise<number> {
  const row = await first<{ id: number }>(
    db,
    'INSERT INTO corrections (item_id, field, value, title, summary, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [correction.itemId, correction.field, correction.value, correction.title, correction.summary, correction.createdAt],
  );
  return row!.id;
}

/** Corrections oldest first (a later one overrides an earlier one); `limit`: the newest this many. */
export async function listCorrections(db: Queryable, query: CorrectionQuery = {}): Promise<Correction[]> {
  // LIMIT NULL is no limit.
  const rows = await all<CorrectionRow>(
    db,
    `SELECT * FROM (SELECT * FROM corrections WHERE $1::text IS NULL OR item_id = $1 ORDER BY id DESC LIMIT $2) newest ORDER BY id`,
    [query.itemId ?? null, query.limit ?? null],
  );
  return rows.map(toCorrection);
}

/** The latest corrected labels of each of these items that has any, folded as SQLite folds them. */
export async function correctedLabels(db: Queryable, itemIds: readonly string[]): Promise<Map<string, CorrectedLabels>> {
  return correctedLabelsOf(await all<CorrectionRow>(db, 'SELECT * FROM corrections WHERE item_id = ANY($1::text[]) ORDER BY id', [[...itemIds]]));
}

/** The text a correction copies from its item; undefined when there is no such item. */
export function itemText(db: Queryable, itemId: string): Promise<{ title: string; summary: string } | undefined> {
  return first(db, 'SELECT title, summary FROM items WHERE id = $1', [itemId]);
}
