import type { CorrectedLabels, Classification } from '../../model/index.js';

/**
 * An item's classification with its editor's corrections on top: a corrected field keeps the
 * editor's value whatever the model says, on every later classification of that item (collect of a
 * changed entry, `train`). Fields are independent: correcting `relevant` does not move the topic.
 * Each correction is named first in its field's evidence.
 */
export function applyCorrections(classification: Classification, corrected: CorrectedLabels | undefined): Classification {
  if (!corrected || Object.keys(corrected).length === 0) return classification;
  const evidence = {
    topic: [...classification.evidence.topic],
    relevance: [...classification.evidence.relevance],
    section: [...classification.evidence.section],
  };
  const result: Classification = { ...classification, evidence };
  if (corrected.topic !== undefined) {
    result.topic = corrected.topic;
    evidence.topic.unshift(`editor: corrected to ${corrected.topic}`);
  }
  if (corrected.section !== undefined) {
    result.section = corrected.section;
    evidence.section.unshift(`editor: corrected to ${corrected.section}`);
  }
  if (corrected.relevant !== undefined) {
    result.relevant = corrected.relevant;
    evidence.relevance.unshift(`editor: corrected to ${corrected.relevant ? 'relevant' : 'not relevant'}`);
  }
  return result;
}
