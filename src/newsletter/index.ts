/**
 * The newsletter stage (issue 6): place, rank and cut stories into a draft issue (`buildDraft`),
 * and render a draft as Markdown, HTML, JSON or plain text (`renderDraft`). Pure: storage and the
 * CLI sit around it.
 */
export { buildDraft, type BuildDraftOptions, type BuildDraftResult, type SectionOverflow, type SkippedStory, type SkipReason } from './build.js';
export {
  DEFAULT_SECTIONS,
  assignSection,
  sectionProblems,
  type Placement,
  type SectionDefinition,
  type SectionMatch,
  type SectionOrder,
} from './sections.js';
export {
  DEFAULT_HALF_LIFE_HOURS,
  DEFAULT_RANKING_WEIGHTS,
  DEFAULT_TOPIC_PRIORITY,
  rankStories,
  scoreStory,
  topicPriorityFromTaxonomy,
  type RankingOptions,
  type RankingWeights,
  type TopicPriority,
} from './rank.js';
export * from './render/index.js';
