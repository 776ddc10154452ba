import { toStoredModel, type ModelRow, type NewClassifierModel, type StoredClassifierModel } from '../rows/classifier-models.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

export type { NewClassifierModel, StoredClassifierModel } from '../rows/classifier-models.js';

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

/** The newest stored model, or undefined when `train` has never run. */
export function latestClassifierModel(db: Db): StoredClassifierModel | undefined {
  const row = statement(db, 'SELECT * FROM classifier_models ORDER BY id DESC LIMIT 1').get() as ModelRow | undefined;
  return row ? toStoredModel(row) : undefined;
}
