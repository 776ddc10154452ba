import { CORRECTION_FIELDS, CorrectionError, SECTIONS, type ClassifySettings, type Correction, type CorrectionField } from '../../model/index.js';
import { DEFAULT_SETTINGS } from '../../config/defaults.js';
import { taxonomyFromSettings } from '../classify/configured.js';
import type { ClassificationRepository, CorrectionQuery, LabelCorrection } from '../../storage/index.js';

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
 * Records an editor's correction: validates it, then the port copies the item's text (so it
 * still trains after the item is pruned) and sets the item's label at once, in one transaction.
 * `secdigest train` later learns from it (pipeline/classify/feedback.ts), and every later
 * classification of the item keeps the corrected value. Throws CorrectionError (`unknown-item`
 * from the port when there is no such item).
 */
export async function recordCorrection(
  classification: Pick<ClassificationRepository, 'recordCorrection'>,
  input: CorrectionInput,
  options: CorrectionOptions = {},
): Promise<Correction> {
  return classification.recordCorrection(input.itemId, labelCorrection(input, options));
}

/**
 * A correction checked and put in its stored form, before anything is written. The review page
 * calls this itself: its topic or section edit and the correction are one port call (one
 * transaction), so the check must come first. Throws CorrectionError.
 */
export function labelCorrection(input: Omit<CorrectionInput, 'itemId'>, options: CorrectionOptions = {}): LabelCorrection {
  const field = input.field as string;
  if (!(CORRECTION_FIELDS as readonly string[]).includes(field)) {
    throw new CorrectionError('unknown-field', `cannot correct "${field}": one of ${CORRECTION_FIELDS.join(', ')} can be corrected`);
  }
  const value = normalizeValue(input.field, input.value, options.classify ?? DEFAULT_SETTINGS.classify);
  return { field: input.field, value, createdAt: typeof input.at === 'string' ? input.at : input.at.toISOString() };
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
export function listCorrections(classification: Pick<ClassificationRepository, 'corrections'>, query: CorrectionQuery = {}): Promise<Correction[]> {
  return classification.corrections(query);
}
