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
 * By evidence of who is speaking (issue 16): `press-release` when the feed is a wire (it carries
 * nothing else) or the text carries a strong mark of one (a wire credit, dateline, ticker, "About
 * <Company>"), wherever it was posted; otherwise when the model's probability, plus a medium mark
 * (a vendor speaking of its own product) and minus a reporter's attribution for each, passes the
 * feed kind's threshold. On a news feed the model must also hear the vendor's voice (a medium
 * mark) unless it is nearly sure alone: an outlet's report on a launch or a funding round is news
 * whatever it covers, so two outlets' reports of one story get the same section.
 */
export function decideSection(s: SectionSignals, tuning: ClassifierTuning['section']): SectionDecision {
  const kind = s.feedKind ?? 'news';
  if (kind === 'press') return { section: 'press-release', evidence: ['feed kind: press wire'] };
  if (s.marks.strong.length > 0) return { section: 'press-release', evidence: s.marks.strong.slice(0, 3) };
  const score = s.model + tuning.mediumMark * (s.marks.medium.length - s.marks.reported.length);
  const model = `model: press release ${s.model.toFixed(2)}${s.modelTerms.length > 0 ? ` (${s.modelTerms.join(', ')})` : ''}`;
  const voiced = s.marks.medium.length > 0 || s.model >= tuning.modelAlone[kind];
  if (voiced && score >= tuning.thresholds[kind]) return { section: 'press-release', evidence: [...s.marks.medium, model] };
  return { section: 'news', evidence: [`feed kind: ${kind}`, ...s.marks.reported, ...s.marks.medium, model] };
}
