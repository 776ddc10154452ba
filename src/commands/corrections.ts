import { CORRECTION_FIELDS, CorrectionError, SECTIONS, type ClassifySettings, type Correction, type CorrectionField } from '../model/index.js';
import { DEFAULT_SETTINGS } from '../config/defaults.js';
import { taxonomyFromSettings } from '../pipeline/classify/configured.js';
import { inTransaction, insertCorrection, itemText, listCorrections as listStored, setItemLabel, type CorrectionQuery, type Db } from '../storage/index.js';

export interface CorrectionInput {
  itemId: string;
  field: CorrectionField;
  /** A topic id; `news` or `press-release`; true or false (or the strings "true" / "false"). */
  value: string | boolean;
  at: Date | string;
}

export interface CorrectionOptions {
  /** The configured taxonomy additions, so editor-added topics are accepted. Default: none. */
  classify?: ClassifySettings;
}

/**
 * Records an editor's correction (the review page calls this): validates it, copies the item's text
 * (so it still trains after the item is pruned), and sets the item's label at once, in one
 * transaction. `secdigest train` later learns from it (pipeline/classify/feedback.ts), and every
 * later classification of the item keeps the corrected value. Throws CorrectionError.
 */
export function recordCorrection(db: Db, input: CorrectionInput, options: CorrectionOptions = {}): Correction {
  const field = input.field as string;
  if (!(CORRECTION_FIELDS as readonly string[]).includes(field)) {
    throw new CorrectionError('unknown-field', `cannot correct "${field}": one of ${CORRECTION_FIELDS.join(', ')} can be corrected`);
  }
  const value = normalizeValue(input.field, input.value, options.classify ?? DEFAULT_SETTINGS.classify);
  const createdAt = typeof input.at === 'string' ? input.at : input.at.toISOString();
  return inTransaction(db, (): Correction => {
    const text = itemText(db, input.itemId);
    if (!text) throw new CorrectionError('unknown-item', `no item with id "${input.itemId}"`);
    const id = insertCorrection(db, { itemId: input.itemId, field: input.field, value, title: text.title, summary: text.summary, createdAt });
    setItemLabel(db, input.itemId, input.field, input.field === 'relevant' ? value === 'true' : value);
    return { id, itemId: input.itemId, field: input.field, value, title: text.title, summary: text.summary, createdAt };
  });
}

/** The value as stored (text), or a CorrectionError saying what the field accepts. */
function normalizeValue(field: CorrectionField, value: string | boolean, classify: ClassifySettings): string {
  switch (field) {
    case 'topic': {
      const topics = taxonomyFromSettings(classify).topics.map((topic) => topic.id);
      if (typeof value !== 'string' || !topics.includes(value)) {
        throw new CorrectionError('unknown-topic', `unknown topic ${JSON.stringify(value)}: one of ${topics.join(', ')}`);
      }
      return value;
    }
    case 'section':
      if (typeof value !== 'string' || !(SECTIONS as readonly string[]).includes(value)) {
        throw new CorrectionError('invalid-value', `section must be one of ${SECTIONS.join(', ')} (got ${JSON.stringify(value)})`);
      }
      return value;
    case 'relevant':
      if (value === true || value === 'true') return 'true';
      if (value === false || value === 'false') return 'false';
      throw new CorrectionError('invalid-value', `relevant must be true or false (got ${JSON.stringify(value)})`);
  }
}

/** Corrections, oldest first; `itemId` for one item's, `limit` for the newest N. */
export function listCorrections(db: Db, query: CorrectionQuery = {}): Correction[] {
  return listStored(db, query);
}
