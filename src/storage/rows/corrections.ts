import type { CorrectedLabels, Correction, CorrectionField, Section } from '../../model/index.js';

/** Editors' corrections as both engines store them (sqlite/corrections.ts, postgres/corrections.ts). */

export interface NewCorrection {
  itemId: string;
  field: CorrectionField;
  value: string;
  title: string;
  summary: string;
  createdAt: string;
}

export interface CorrectionQuery {
  itemId?: string;
  /** The newest this many. */
  limit?: number;
}

export interface CorrectionRow {
  id: number;
  item_id: string | null;
  field: CorrectionField;
  value: string;
  title: string;
  summary: string;
  created_at: string;
}

export function toCorrection(row: CorrectionRow): Correction {
  return { id: row.id, itemId: row.item_id, field: row.field, value: row.value, title: row.title, summary: row.summary, createdAt: row.created_at };
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

/** The latest corrected labels of each item of these rows (oldest first, each with an item). */
export function correctedLabelsOf(rows: readonly CorrectionRow[]): Map<string, CorrectedLabels> {
  const byItem = new Map<string, Correction[]>();
  for (const row of rows) {
    const list = byItem.get(row.item_id!) ?? [];
    list.push(toCorrection(row));
    byItem.set(row.item_id!, list);
  }
  return new Map([...byItem].map(([id, list]) => [id, latestLabels(list)]));
}
