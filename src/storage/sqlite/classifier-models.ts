import type { Db } from './database.js';
import { statement } from './statements.js';

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

/** Stores a model and keeps only the newest `keep` (older ones are never used again); returns its id. */
export function saveClassifierModel(db: Db, model: NewClassifierModel, keep = 3): number {
  return db.transaction(() => {
    const { lastInsertRowid } = statement(
      db,
      'INSERT INTO classifier_models (created_at, examples, corrections, model) VALUES (?, ?, ?, ?)',
    ).run(model.createdAt, model.examples, model.corrections, JSON.stringify(model.model));
    statement(db, 'DELETE FROM classifier_models WHERE id NOT IN (SELECT id FROM classifier_models ORDER BY id DESC LIMIT ?)').run(keep);
    return Number(lastInsertRowid);
  })();
}

interface ModelRow {
  id: number;
  created_at: string;
  examples: number;
  corrections: number;
  model: string;
}

/** The newest stored model, or undefined when `train` has never run. */
export function latestClassifierModel(db: Db): StoredClassifierModel | undefined {
  const row = statement(db, 'SELECT * FROM classifier_models ORDER BY id DESC LIMIT 1').get() as ModelRow | undefined;
  if (!row) return undefined;
  return { id: row.id, createdAt: row.created_at, examples: row.examples, corrections: row.corrections, model: JSON.parse(row.model) as unknown };
}
