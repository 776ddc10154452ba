import { toStoredModel, type ModelRow, type NewClassifierModel, type StoredClassifierModel } from '../rows/classifier-models.js';
import { first, type Queryable } from './queries.js';

/** Stores a model and keeps only the newest `keep`; returns its id (call inside a transaction). */
export async function saveClassifierModel(db: Queryable, model: NewClassifierModel, keep = 3): Promise<number> {
  const row = await first<{ id: number }>(
    db,
    'INSERT INTO classifier_models (created_at, examples, corrections, model) VALUES ($1, $2, $3, $4) RETURNING id',
    [model.createdAt, model.examples, model.corrections, JSON.stringify(model.model)],
  );
  await db.query('DELETE FROM classifier_models WHERE id NOT IN (SELECT id FROM classifier_models ORDER BY id DESC LIMIT $1)', [keep]);
  return row!.id;
}

/** The newest stored model, or undefined when `train` has never run. */
export async function latestClassifierModel(db: Queryable): Promise<StoredClassifierModel | undefined> {
  const row = await first<ModelRow>(db, 'SELECT * FROM classifier_models ORDER BY id DESC LIMIT 1');
  return row ? toStoredModel(row) : undefined;
}
