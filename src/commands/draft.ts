import type { App } from '../app.js';
import type { Settings } from '../model/index.js';
import {
  buildDraft,
  topicPriorityFromTaxonomy,
  type SectionOverflow,
  type SkippedStory,
  type TopicPriority,
} from '../newsletter/index.js';
import { taxonomyFromSettings } from '../pipeline/classify/configured.js';
import type { StoredDraft } from '../storage/index.js';
import { issueDate, resolveWindow, type DraftWindow, type WindowFlags } from '../newsletter/draft-window.js';

export interface DraftOptions extends WindowFlags {
  /** `--new`: store another draft for the date even when an unsent one exists (default: replace it). */
  forceNew?: boolean;
}

/** What `secdigest draft` did: the stored draft and what was left out of it. */
export interface DraftRun {
  /** The stored draft; null when the window held nothing to draft (then nothing is stored). */
  draft: StoredDraft | null;
  /** The window read, as resolved (also when nothing was drafted). */
  window: { since: string; until: string; date: string };
  /** Where the window's start came from. */
  basis: DraftWindow['basis'];
  /** Stories first seen in the window. */
  stories: number;
  /** Of those, stories whose representative is not classified yet: not drafted. */
  unclassified: number;
  /** What each section's limit cut, best first. */
  overflow: SectionOverflow[];
  /** Classified stories left out before ranking (already used, irrelevant, no section). */
  skipped: SkippedStory[];
  /** The unsent draft of the same date this one replaced (its number is reused), else null. */
  replaced: number | null;
  /** The unsent draft of the same date kept because this window held nothing to draft, else null. */
  kept: number | null;
}

/**
 * Drafts the next numbered issue from the stories first seen in the window and stores it. Stories
 * placed in a sent issue never reappear. An unsent draft of the same date is replaced (same number,
 * the editor's edits to it discarded) unless `forceNew`. Reproducible: the time comes from `app.now()` (and
 * `--date`), and the builder orders everything itself. Reading the window and saving the draft
 * happen in one write transaction, so two concurrent runs cannot take the same number or stories.
 * A window with nothing to draft stores nothing: an empty issue would only use up a number, and the
 * next draft's window still starts where the last stored draft ended, so nothing is skipped.
 */
export async function runDraft(app: Pick<App, 'storage' | 'config' | 'now'>, options: DraftOptions = {}): Promise<DraftRun> {
  const { config } = app;
  const settings = config.settings.draft;
  const now = app.now();
  const replaceDate = options.forceNew ? undefined : issueDate(options, now);
  const feedsById = new Map(config.feeds.map((feed) => [feed.id, feed]));
  const { stored, result, replaced, kept } = await app.storage.drafts.createNext((basis) => {
    const window = resolveWindow(options, { now, lastUntil: basis.lastUntil, defaultHours: settings.windowHours });
    const read = basis.candidates(window);
    const unclassified = read.unclassified;
    // Storage knows a feed's kind; its tags live in feeds.yaml (a feed removed from it keeps none).
    const candidates = read.candidates.map((c) => ({ ...c, sourceTags: [...(feedsById.get(c.sourceId)?.tags ?? [])] }));
    const built = buildDraft(candidates, {
      number: basis.nextNumber,
      date: window.date,
      window: { since: window.since, until: window.until },
      createdAt: now.toISOString(),
      sections: settings.sections,
      topicPriority: topicPriority(config.settings),
      weights: settings.weights,
      excludeStoryIds: basis.usedStoryIds,
      lead: settings.lead.enabled ? { from: settings.lead.from, title: settings.lead.title } : false,
    });
    const result = {
      window: { since: window.since, until: window.until, date: window.date },
      basis: window.basis,
      stories: candidates.length + unclassified,
      unclassified,
      overflow: built.overflow,
      skipped: built.skipped,
    };
    const empty = built.draft.sections.every((section) => section.entries.length === 0);
    return { draft: empty ? null : built.draft, result };
  }, replaceDate === undefined ? {} : { replaceDate });
  return { ...result, draft: stored, replaced, kept };
}

/** The taxonomy's priorities, with the topics an editor added under settings.classify. */
export function topicPriority(settings: Pick<Settings, 'classify'>): TopicPriority {
  return topicPriorityFromTaxonomy(taxonomyFromSettings(settings.classify));
}
