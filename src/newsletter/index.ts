/**
 * The newsletter stage (issues 6 and 18): place, rank, fold and cut stories into a draft issue
 * with a lead story, blurbs and key facts (`buildDraft`), and render a draft as Markdown, HTML,
 * JSON or plain text (`renderDraft`). Pure: storage and the CLI sit around it.
 */
export { buildDraft, type BuildDraftOptions, type BuildDraftResult, type SectionOverflow, type SkippedStory, type SkipReason } from './build.js';
export {
  DEFAULT_SECTIONS,
  assignSection,
  reportsVictim,
  sectionProblems,
  type Placement,
  type SectionDefinition,
  type SectionMatch,
  type SectionOrder,
} from './sections.js';
export {
  DEFAULT_RANKING_WEIGHTS,
  DEFAULT_TOPIC_PRIORITY,
  rankStories,
  scoreStory,
  topicPriorityFromTaxonomy,
  type RankingOptions,
  type RankingWeights,
  type TopicPriority,
} from './rank.js';
export { readSeverity, type SeverityReading, type SeveritySignal } from './severity.js';
export { BLURB_MAX_CHARS, draftBlurb } from './blurb.js';
export { keyFacts } from './facts.js';
export { foldByVictim, type FoldResult } from './fold.js';
export { DEFAULT_LEAD_FROM, DEFAULT_LEAD_TITLE, LEAD_SECTION_ID, type LeadOptions } from './lead.js';
export * from './render/index.js';
