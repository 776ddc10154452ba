import type { CorrectedLabels, Correction, CorrectionField, Section } from '../../model/index.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

export interface NewCorrection {
  itemId: string;
  field: CorrectionField;
  value: string;
  title: string;
  summary: string;
  createdAt: string;
}

/** Stores one correction; returns its id. Validation is the caller's (pipeline/analysis/corrections.ts). */
export function insertCorrection(db: Db, correction: NewCorrection): number {
  const result = statement(
    db,
    'INSERT INTO corrections (item_id, field, value, title, summary, created_at) VALUES (@itemId, @field, @value, @title, @summary, @createdAt)',
  ).run(correction);
  return Number(result.lastInsertRowid);
}

interface CorrectionRow {
  id: number;
  item_id: string | null;
  field: CorrectionField;
  value: string;
  title: string;
  summary: string;
  created_at: string;
}

function toCorrection(row: CorrectionRow): Correction {
  return { id: row.id, itemId: row.item_id, field: row.field, value: row.value, title: row.title, summary: row.summary, createdAt: row.created_at };
}

export interface CorrectionQuery {
  itemId?: string;
  /** The newest this many. */
  limit?: number;
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

/** Folds corrections (oldest first) into the latest value of each field. */
export function latestLabels(corrections: readonly Pick<Correction, 'field' | 'value'>[]): CorrectedLabels {
  const labels: CorrectedLabels = {};
  for (const { field, value } of corrections) {
    if (field === 'topic') labels.topic = value;
    else if (field === 'section') labels.section = value as Section;
    else labels.relevant = value === 'true';
  }
  return labels;
}

/** The latest corrected labels of each of these items that has any (one cached query, ids as a JSON array). */
export function correctedLabels(db: Db, itemIds: readonly string[]): Map<string, CorrectedLabels> {
  const byItem = new Map<string, Correction[]>();
  const rows = statement(db, 'SELECT * FROM corrections WHERE item_id IN (SELECT value FROM json_each(?)) ORDER BY id').all(JSON.stringify(itemIds)) as CorrectionRow[];
  for (const row of rows) {
    const list = byItem.get(row.item_id!) ?? [];
    list.push(toCorrection(row));
    byItem.set(row.item_id!, list);
  }
  return new Map([...byItem].map(([id, list]) => [id, latestLabels(list)]));
}

/** The text a correction copies from its item; undefined when there is no such item. */
export function itemText(db: Db, itemId: string): { title: string; summary: string } | undefined {
  return statement(db, 'SELECT title, summary FROM items WHERE id = ?').get(itemId) as { title: string; summary: string } | undefined;
}
