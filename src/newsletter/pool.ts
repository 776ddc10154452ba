import type { Draft, DraftEntry, StoryCandidate } from '../model/draft.js';
import { buildDraft, entryOf, type BuildDraftOptions, type SkipReason } from './build.js';
import { withLink } from './links.js';
import { scoreStory } from './rank.js';
import { assignSection, DEFAULT_SECTIONS } from './sections.js';

/**
 * The week's pool (issue 19, point 1): every story of a draft's window that the draft does not hold,
 * with why not, for the editor to search and promote by hand. Pure: the window's candidates (the same
 * storage read the draft used) are run through the builder again with the draft's settings, and its
 * overflow and skipped lists give the reasons; what the stored draft holds is then taken out.
 */

/** Why a window story is not in the draft: the builder's reasons, a limit's cut, or none the builder gives. */
export type PoolReason = SkipReason | 'overflow' | 'not-drafted';

export interface PoolStory {
  candidate: StoryCandidate;
  reason: PoolReason;
  /** The reason in words, for the page. */
  why: string;
  /** The draft section the builder puts it in (or would, were it relevant); null when none takes it. */
  sectionId: string | null;
}

/** The draft's build settings (what `secdigest draft` passed), and the stories sent issues used. */
export type PoolOptions = Pick<BuildDraftOptions, 'sections' | 'topicPriority' | 'weights' | 'lead'> & { usedStoryIds?: Iterable<string> };

/** Most useful first: what a limit cut, then what the draft never saw, …, then what was already sent. */
const REASON_ORDER: readonly PoolReason[] = ['overflow', 'not-drafted', 'folded', 'no-link', 'irrelevant', 'no-section', 'duplicate', 'already-used'];

export const POOL_REASON_LABELS: Readonly<Record<PoolReason, string>> = {
  overflow: 'cut by a section limit',
  'not-drafted': 'not in the draft',
  folded: 'folded into another story',
  'no-link': 'no link',
  irrelevant: 'judged irrelevant',
  'no-section': 'no section',
  duplicate: 'duplicate',
  'already-used': 'already used',
};

export function weekPool(candidates: readonly StoryCandidate[], draft: Draft, options: PoolOptions = {}): PoolStory[] {
  const sections = options.sections ?? DEFAULT_SECTIONS;
  const inDraft = new Set(draft.sections.flatMap((s) => s.entries.map((e) => e.storyId)));
  // The draft's own stories count as unused even once it is sent: the rebuild then cuts as the draft did.
  const used = [...(options.usedStoryIds ?? [])].filter((id) => !inDraft.has(id));
  const built = buildDraft(candidates, {
    number: draft.number,
    date: draft.date,
    window: draft.window,
    createdAt: draft.createdAt,
    sections,
    ...(options.topicPriority ? { topicPriority: options.topicPriority } : {}),
    ...(options.weights ? { weights: options.weights } : {}),
    ...(options.lead ? { lead: options.lead } : {}),
    excludeStoryIds: used,
  });
  const titles = new Map(candidates.map((c) => [c.storyId, c.title]));
  const sectionTitle = (id: string) => sections.find((s) => s.id === id)?.title ?? id;
  const reasons = new Map<string, { reason: PoolReason; why: string; sectionId?: string; rank: number }>();
  built.overflow.forEach(({ sectionId, entries }) => {
    const limit = sections.find((s) => s.id === sectionId)?.limit ?? 0;
    entries.forEach((e, rank) => reasons.set(e.storyId, { reason: 'overflow', why: `Cut by the limit of "${sectionTitle(sectionId)}" (${limit} entries): ranked ${limit + rank + 1} there.`, sectionId, rank }));
  });
  for (const s of built.skipped) {
    const into = s.into ? (titles.get(s.into) ?? s.into) : '';
    reasons.set(s.storyId, { reason: s.reason, why: skipWhy(s.reason, into), rank: 0 });
  }
  const builtSection = new Map(built.draft.sections.flatMap((s) => s.entries.map((e) => [e.storyId, s.id] as const)));

  const pool = candidates
    .filter((c) => !inDraft.has(c.storyId))
    .map((candidate): PoolStory & { rank: number } => {
      const known = reasons.get(candidate.storyId);
      const sectionId = known?.sectionId ?? builtSection.get(candidate.storyId) ?? wouldGo(candidate, sections);
      if (known) return { candidate, reason: known.reason, why: known.why, sectionId, rank: known.rank };
      return { candidate, reason: 'not-drafted', why: 'The builder would take it now: it arrived or was classified after the draft was made, or was taken out of it.', sectionId, rank: 0 };
    });
  pool.sort(
    (a, b) =>
      REASON_ORDER.indexOf(a.reason) - REASON_ORDER.indexOf(b.reason) ||
      a.rank - b.rank ||
      b.candidate.publishedAt.localeCompare(a.candidate.publishedAt) ||
      a.candidate.storyId.localeCompare(b.candidate.storyId),
  );
  return pool.map(({ rank: _rank, ...story }) => story);
}

function skipWhy(reason: SkipReason, into: string): string {
  switch (reason) {
    case 'already-used':
      return 'Already used in a sent issue.';
    case 'irrelevant':
      return 'Judged not about security by the classifier.';
    case 'no-section':
      return 'No section of the issue takes it (its labels and feed match none).';
    case 'no-link':
      return 'No outlet gave a link: type one to promote it.';
    case 'duplicate':
      return 'A second copy of a story the builder already placed.';
    case 'folded':
      return `Folded into "${into}" (the same victim's better-ranked story carries it as a related link).`;
  }
}

/** Where the builder would put it, were it relevant and linked. */
function wouldGo(candidate: StoryCandidate, sections: NonNullable<PoolOptions['sections']>): string | null {
  const placement = assignSection({ ...(withLink(candidate) ?? candidate), relevant: true }, sections);
  return placement.placed ? placement.section.id : null;
}

/** The pool page's search: every field given must match (text in any case; the rest exactly, CVE and victim as substrings). */
export interface PoolQuery {
  q?: string;
  topic?: string;
  section?: string;
  source?: string;
  cve?: string;
  victim?: string;
  reason?: string;
}

export function filterPool(pool: readonly PoolStory[], query: PoolQuery): PoolStory[] {
  const lower = (text: string | undefined) => (text ?? '').trim().toLowerCase();
  const q = lower(query.q);
  const cve = lower(query.cve);
  const victim = lower(query.victim);
  return pool.filter(({ candidate: c, sectionId, reason }) => {
    if (q && ![c.title, c.summary, c.source, ...c.alsoCoveredBy.map((l) => l.source)].some((t) => t.toLowerCase().includes(q))) return false;
    if (query.topic && c.topic !== query.topic) return false;
    if (query.section && sectionId !== query.section) return false;
    if (query.source && c.sourceId !== query.source && !c.alsoCoveredBy.some((l) => l.sourceId === query.source)) return false;
    if (cve && !c.cves.some((id) => id.toLowerCase().includes(cve))) return false;
    if (victim && !c.victims.some((name) => name.toLowerCase().includes(victim))) return false;
    if (query.reason && reason !== query.reason) return false;
    return true;
  });
}

/**
 * A pool story as a draft entry, shaped as the builder shapes one (blurb, key facts, score and its
 * reasons) plus "promoted by the editor". `url`: the link typed for a story no outlet gave one;
 * undefined when it has none and none was typed.
 */
export function promotedEntry(candidate: StoryCandidate, draft: Pick<Draft, 'window'>, options: Pick<PoolOptions, 'topicPriority' | 'weights'> & { url?: string }): DraftEntry | undefined {
  const linked = withLink(candidate) ?? (options.url ? { ...candidate, url: options.url } : undefined);
  if (!linked) return undefined;
  const { score, reasons } = scoreStory(linked, { since: draft.window.since, until: draft.window.until, topicPriority: options.topicPriority, weights: options.weights });
  const entry = entryOf({ candidate: linked, score, reasons }, undefined);
  return { ...entry, rankReasons: [...entry.rankReasons, 'promoted by the editor'] };
}
