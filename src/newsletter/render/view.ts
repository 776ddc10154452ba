import type { Draft, DraftEntry, DraftSection, StoryLink } from '../../model/draft.js';
import type { IssueSettings } from '../../model/settings.js';
import { cleanText } from './escape.js';

/** The formats rendered through a Liquid template (JSON is built directly). */
export type TemplateFormat = 'md' | 'html' | 'txt';

/** A template's text and where it came from (named in error messages). */
export interface TemplateSource {
  file: string;
  source: string;
}

/** Presentation choices shared by the renderers; each has a default. */
export interface RenderOptions {
  /** Shown in the title line: `# {newsletterName} — {date}`. */
  newsletterName?: string;
  /** Sections whose entries name their victim organisations (the Wall of Shame). */
  victimSections?: readonly string[];
  /** "Also covered by" links shown per entry in md/html/txt (JSON keeps all); the rest are counted. */
  maxAlsoCoveredBy?: number;
  /** settings.issue: newsletter-wide texts and headings (issue 18); keys not given take DEFAULT_ISSUE_SETTINGS. */
  issue?: Partial<IssueSettings>;
  /** The editor's own templates, read by the caller (`readTemplateSources`); the shipped ones otherwise. */
  templates?: Partial<Record<TemplateFormat, TemplateSource>>;
  /**
   * Whether an unwritten editor part shows as a bracketed placeholder (default true: the editor's
   * exports show what is missing); false leaves it out (the published archive, which readers see).
   */
  placeholders?: boolean;
}

export interface ResolvedRenderOptions {
  newsletterName: string;
  victimSections: readonly string[];
  maxAlsoCoveredBy: number;
  issue: IssueSettings;
  templates: Partial<Record<TemplateFormat, TemplateSource>>;
  placeholders: boolean;
}

/**
 * The issue's newsletter-wide defaults. `intro` may use Liquid variables (issue-view.ts renders
 * it); sponsor texts and the P.S. are the editor's to write, so they show placeholders until then.
 */
export const DEFAULT_ISSUE_SETTINGS: Readonly<IssueSettings> = Object.freeze({
  template: Object.freeze({}),
  intro: "Welcome to the latest issue of {{ name }}, a roundup of what matters in cybersecurity. Subscribe via email or RSS so you don't miss the next one.",
  signOff: 'Until next time,\n— The editor',
  disclaimer: 'The views expressed here are the editor\'s own. Links lead to third-party sites that we do not control.',
  newsHeading: 'Latest Cybersecurity News',
  newsIntro: "What we're reading across the wire about the latest cybersecurity hacks, breaches, industry news, and more",
  newsSections: Object.freeze(['latest-news', 'press-releases']) as unknown as string[],
});

export const DEFAULT_RENDER_OPTIONS: Readonly<Omit<ResolvedRenderOptions, 'issue' | 'templates' | 'placeholders'>> = Object.freeze({
  newsletterName: 'secdigest',
  victimSections: Object.freeze(['wall-of-shame']),
  maxAlsoCoveredBy: 5,
});

export function resolveRenderOptions(options: RenderOptions = {}): ResolvedRenderOptions {
  // A key given as undefined keeps its default; null is kept (it leaves that part out).
  const given = Object.fromEntries(Object.entries(options.issue ?? {}).filter(([, v]) => v !== undefined)) as Partial<IssueSettings>;
  return {
    newsletterName: options.newsletterName ?? DEFAULT_RENDER_OPTIONS.newsletterName,
    victimSections: options.victimSections ?? DEFAULT_RENDER_OPTIONS.victimSections,
    maxAlsoCoveredBy: Math.max(0, options.maxAlsoCoveredBy ?? DEFAULT_RENDER_OPTIONS.maxAlsoCoveredBy),
    issue: { ...DEFAULT_ISSUE_SETTINGS, ...given },
    templates: options.templates ?? {},
    placeholders: options.placeholders ?? true,
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

/** The title to show: never empty, whatever the feed sent. */
export function displayTitle(title: string): string {
  return cleanText(title) || 'Untitled';
}

/** Victim names worth printing (blank ones dropped), in the classifier's order. */
export function victimNames(entry: DraftEntry): string[] {
  return entry.victims.map(cleanText).filter((v) => v !== '');
}
