import type { FeedKind, Section } from '../../model/index.js';
import type { ClassifierTuning } from './tuning.js';
import type { PressMarks } from './wire.js';

export interface SectionSignals {
  feedKind: FeedKind | undefined;
  marks: PressMarks;
  /** The trained model's probability that the text is a press release (0..1). */
  model: number;
  modelTerms: readonly string[];
}

export interface SectionDecision {
  section: Section;
  evidence: string[];
}

/**
 * `press-release` when the feed is a wire (it carries nothing else), when the text carries a strong
 * mark of one (a wire credit, dateline, ticker, "About <Company>"), or when the model's probability
 * plus medium marks passes the feed kind's threshold. A vendor release re-posted by a news outlet
 * keeps its dateline and boilerplate, so it is a press release there too.
 */
export function decideSection(s: SectionSignals, tuning: ClassifierTuning['section']): SectionDecision {
  const kind = s.feedKind ?? 'news';
  if (kind === 'press') return { section: 'press-release', evidence: ['feed kind: press wire'] };
  if (s.marks.strong.length > 0) return { section: 'press-release', evidence: s.marks.strong.slice(0, 3) };
  const score = s.model + tuning.mediumMark * s.marks.medium.length;
  const model = `model: press release ${s.model.toFixed(2)}${s.modelTerms.length > 0 ? ` (${s.modelTerms.join(', ')})` : ''}`;
  if (score >= tuning.thresholds[kind]) return { section: 'press-release', evidence: [...s.marks.medium, model] };
  return { section: 'news', evidence: [`feed kind: ${kind}`, ...s.marks.medium, model] };
}
