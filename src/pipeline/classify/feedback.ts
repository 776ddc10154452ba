import { FALLBACK_TOPIC, type CorrectedLabels, type Section, type TopicId, type TrainingExample } from '../../model/index.js';

/**
 * Editors' corrections as training examples (issue 5, "Feedback"). The rule:
 *
 * 1. One example per corrected item, from the text copied when it was corrected. The latest
 *    correction of each field wins; a field never corrected keeps the item's current label (its
 *    stored one, else what the current model says of the text).
 * 2. It *overrides* the shipped set: a shipped example with the same headline (case and spacing
 *    aside) is dropped, so the editor's reading of that text is the only one.
 * 3. It *augments* it: the example counts `CORRECTION_WEIGHT` times. One example among ~1,260 barely
 *    moves a Bayes head, and an editor's judgement on real feed text is worth more than one of ours.
 * 4. A topic the shipped set does not have (added in settings.classify) is not taught to the model's
 *    topic head (one example would make a whole label): such topics are decided by their keywords,
 *    and the correction teaches the section and relevance heads only.
 * 5. An item corrected to not relevant is an `other` example, as in the shipped set.
 */
export const CORRECTION_WEIGHT = 5;

export interface CorrectedText {
  title: string;
  summary: string;
  corrected: CorrectedLabels;
  /** The item's labels before the editor's: the fields not corrected are taken from here. */
  current: { topic: TopicId; section: Section; relevant: boolean };
  /** For messages, e.g. `correction:12`. */
  source: string;
}

export function correctionExamples(items: readonly CorrectedText[], modelTopics: ReadonlySet<TopicId>): TrainingExample[] {
  return items.map((item) => {
    const relevant = item.corrected.relevant ?? item.current.relevant;
    const topic = relevant ? (item.corrected.topic ?? item.current.topic) : FALLBACK_TOPIC;
    return {
      title: item.title,
      summary: item.summary,
      topics: modelTopics.has(topic) ? [topic] : [],
      section: item.corrected.section ?? item.current.section,
      relevant,
      source: item.source,
    };
  });
}

const headline = (title: string) => title.toLowerCase().replace(/\s+/g, ' ').trim();

/** The shipped set with corrections applied by rules 2 and 3 above. */
export function withCorrections(shipped: readonly TrainingExample[], corrections: readonly TrainingExample[], weight = CORRECTION_WEIGHT): { examples: TrainingExample[]; overridden: number } {
  const corrected = new Set(corrections.map((example) => headline(example.title)));
  const kept = shipped.filter((example) => !corrected.has(headline(example.title)));
  const repeated = corrections.flatMap((example) => Array.from({ length: weight }, () => example));
  return { examples: [...kept, ...repeated], overridden: shipped.length - kept.length };
}
