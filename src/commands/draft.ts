import type { App } from '../app.js';
import type { DraftSettings, Settings } from '../model/index.js';
import {
  buildDraft,
  topicPriorityFromTaxonomy,
  type RenderOptions,
  type SectionOverflow,
  type SkippedStory,
  type TopicPriority,
} from '../newsletter/index.js';
import { taxonomyFromSettings } from '../pipeline/classify/configured.js';
import type { StoredDraft } from '../storage/index.js';
import { resolveWindow, type DraftWindow, type WindowFlags } from '../newsletter/draft-window.js';

export type DraftOptions = WindowFlags;

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
}

/**
 * Drafts the next numbered issue from the stories first seen in the window and stores it. Stories
 * placed in an earlier draft never reappear. Reproducible: the time comes from `app.now()` (and
 * `--date`), and the builder orders everything itself. Reading the window and saving the draft
 * happen in one write transaction, so two concurrent runs cannot take the same number or stories.
 * A window with nothing to draft stores nothing: an empty issue would only use up a number, and the
 * next draft's window still starts where the last stored draft ended, so nothing is skipped.
 */
export async function runDraft(app: Pick<App, 'storage' | 'config' | 'now'>, options: DraftOptions = {}): Promise<DraftRun> {
  const { config } = app;
  const settings = config.settings.draft;
  const now = app.now();
  const { stored, result } = await app.storage.drafts.createNext((basis) => {
    const window = resolveWindow(options, { now, lastUntil: basis.lastUntil, defaultHours: settings.windowHours });
    const { candidates, unclassified } = basis.candidates(window);
    const built = buildDraft(candidates, {
      number: basis.nextNumber,
      date: window.date,
      window: { since: window.since, until: window.until },
      createdAt: now.toISOString(),
      sections: settings.sections,
      topicPriority: topicPriority(config.settings),
      weights: settings.weights,
      halfLifeHours: settings.halfLifeHours,
      excludeStoryIds: basis.usedStoryIds,
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
  });
  return { ...result, draft: stored };
}

/** The taxonomy's priorities, with the topics an editor added under settings.classify. */
export function topicPriority(settings: Pick<Settings, 'classify'>): TopicPriority {
  return topicPriorityFromTaxonomy(taxonomyFromSettings(settings.classify));
}

/** How exports present a draft, from settings.draft. */
export function renderOptions(settings: DraftSettings): RenderOptions {
  return {
    newsletterName: settings.newsletterName,
    maxAlsoCoveredBy: settings.maxAlsoCoveredBy,
    victimSections: settings.sections.filter((s) => s.showVictims).map((s) => s.id),
  };
}
