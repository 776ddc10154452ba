/** Trained classifier models as both engines store them (sqlite/classifier-models.ts, postgres/classifier-models.ts). */

/** A model trained by `secdigest train`, as stored (the model is parsed JSON, checked by loadModel). */
export interface StoredClassifierModel {
  id: number;
  createdAt: string;
  examples: number;
  corrections: number;
  model: unknown;
}

export interface NewClassifierModel {
  createdAt: string;
  examples: number;
  corrections: number;
  /** serializeModel() output; stored as JSON (~110 KB). */
  model: unknown;
}

export interface ModelRow {
  id: number;
  created_at: string;
  examples: number;
  corrections: number;
  model: string;
}

export function toStoredModel(row: ModelRow): StoredClassifierModel {
  return { id: row.id, createdAt: row.created_at, examples: row.examples, corrections: row.corrections, model: JSON.parse(row.model) as unknown };
}
