import type { Draft, DraftEntry, DraftSection, StoryLink } from '../../model/draft.js';
import { cleanText } from './escape.js';

/** Presentation choices shared by the renderers; each has a default. */
export interface RenderOptions {
  /** Shown in the title line: `# {newsletterName} — {date}`. */
  newsletterName?: string;
  /** Sections whose entries name their victim organisations (the Wall of Shame). */
  victimSections?: readonly string[];
  /** "Also covered by" links shown per entry in md/html/txt (JSON keeps all); the rest are counted. */
  maxAlsoCoveredBy?: number;
}

export type ResolvedRenderOptions = Required<RenderOptions>;

export const DEFAULT_RENDER_OPTIONS: Readonly<ResolvedRenderOptions> = Object.freeze({
  newsletterName: 'secdigest',
  victimSections: Object.freeze(['wall-of-shame']),
  maxAlsoCoveredBy: 5,
});

export function resolveRenderOptions(options: RenderOptions = {}): ResolvedRenderOptions {
  return {
    newsletterName: options.newsletterName ?? DEFAULT_RENDER_OPTIONS.newsletterName,
    victimSections: options.victimSections ?? DEFAULT_RENDER_OPTIONS.victimSections,
    maxAlsoCoveredBy: Math.max(0, options.maxAlsoCoveredBy ?? DEFAULT_RENDER_OPTIONS.maxAlsoCoveredBy),
  };
}

export interface VisibleSection {
  section: DraftSection;
  /** Only the entries the editor kept, in draft order. */
  entries: DraftEntry[];
  showVictims: boolean;
}

/** What an export shows: included entries only, and only sections that still have one. */
export function visibleSections(draft: Draft, options: ResolvedRenderOptions): VisibleSection[] {
  return draft.sections
    .map((section) => ({
      section,
      entries: section.entries.filter((e) => e.included),
      showVictims: options.victimSections.includes(section.id),
    }))
    .filter((s) => s.entries.length > 0);
}

/** The "also covered by" links to show, and how many more there are. */
export function alsoCovered(entry: DraftEntry, max: number): { shown: StoryLink[]; more: number } {
  const shown = entry.alsoCoveredBy.slice(0, max);
  return { shown, more: entry.alsoCoveredBy.length - shown.length };
}

/** Shown beside an entry whose date is the fetch time: its feed gave none that could be read. */
export const UNDATED = '(undated)';

/** "Previously: "Title" (issue #3), …": the earlier developments of an entry's incident, or null. */
export function previouslyLine(entry: DraftEntry, quote: (title: string) => string): string | null {
  const earlier = entry.previously ?? [];
  if (earlier.length === 0) return null;
  return `Previously: ${earlier.map((p) => `${quote(displayTitle(p.title))} (issue #${p.draftNumber})`).join(', ')}`;
}

/** The title to show: never empty, whatever the feed sent. */
export function displayTitle(title: string): string {
  return cleanText(title) || 'Untitled';
}

/** Victim names worth printing (blank ones dropped), in the classifier's order. */
export function victimNames(entry: DraftEntry): string[] {
  return entry.victims.map(cleanText).filter((v) => v !== '');
}
