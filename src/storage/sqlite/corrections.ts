import type { CorrectedLabels, Correction } from '../../model/index.js';
import { correctedLabelsOf, toCorrection, type CorrectionQuery, type CorrectionRow, type NewCorrection } from '../rows/corrections.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

export { latestLabels, type CorrectionQuery, type NewCorrection } from '../rows/corrections.js';

/** Stores one correction; returns its id. Validation is the caller's (pipeline/analysis/corrections.ts). */
export function insertCorrection(db: Db, correction: NewCorrection): number {
  const result = statement(
    db,
    'INSERT INTO corrections (item_id, field, value, title, summary, created_at) VALUES (@itemId, @field, @value, @title, @summary, @createdAt)',
  ).run(correction);
  return Number(result.lastInsertRowid);
}

/** Corrections oldest first (so a later one overrides an earlier one when read in order). */
export function listCorrections(db: Db, query: CorrectionQuery = {}): Correction[] {
  const where = query.itemId !== undefined ? 'WHERE item_id = @itemId' : '';
  const rows = statement(db, `SELECT * FROM (SELECT * FROM corrections ${where} ORDER BY id DESC LIMIT @limit) ORDER BY id`).all({
    ...(query.itemId !== undefined ? { itemId: query.itemId } : {}),
    limit: query.limit ?? -1,
  }) as CorrectionRow[];
  return rows.map(toCorrection);
}

/** The latest corrected labels of each of these items that has any (one cached query, ids as a JSON array). */
export function correctedLabels(db: Db, itemIds: readonly string[]): Map<string, CorrectedLabels> {
  const rows = statement(db, 'SELECT * FROM corrections WHERE item_id IN (SELECT value FROM json_each(?)) ORDER BY id').all(JSON.stringify(itemIds)) as CorrectionRow[];
  return correctedLabelsOf(rows);
}

/** The text a correction copies from its item; undefined when there is no such item. */
export function itemText(db: Db, itemId: string): { title: string; summary: string } | undefined {
  return statement(db, 'SELECT title, summary FROM items WHERE id = ?').get(itemId) as { title: string; summary: string } | undefined;
}
