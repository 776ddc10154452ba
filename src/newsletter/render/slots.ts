import { DRAFT_SLOTS, type Draft, type DraftSlot } from '../../model/draft.js';
import type { IssueSettings } from '../../model/settings.js';
import { createEngine, parseTemplate, renderTemplate } from './liquid-engine.js';

/**
 * The editor-written parts of an issue (issue 18), resolved per slot: the draft's own text, else
 * settings.issue's newsletter-wide text, else (teaser) the lead story's blurb, else a placeholder
 * the exports show until someone writes it. `second` has no placeholder: it is simply left out.
 * A settings text set to null is left out too.
 *
 * Settings texts may use Liquid variables (`{{ name }}`): they are written once in feeds.yaml, and
 * the name and URLs belong in them. They are rendered to plain text (no escaping), and the result
 * is escaped as a whole by each format, like the draft's own text: the template's literal parts
 * are the editor's text as well, and must be as inert as the variables. The draft's slot text is
 * taken literally: a security newsletter may well quote `{{7*7}}` when writing about template
 * injection.
 */

export type SlotSource = 'draft' | 'settings' | 'lead-blurb' | 'placeholder' | 'omitted';

export interface ResolvedSlot {
  from: SlotSource;
  /** The text to show (paragraphs separated by blank lines); null for a placeholder or an omitted part. */
  text: string | null;
  /** Shown, in brackets, when nothing was written; null otherwise. */
  placeholder: string | null;
}

/** Slots that are one line (the rest are blocks of paragraphs). */
export const INLINE_SLOTS: readonly DraftSlot[] = ['teaser', 'sponsorLine'];

const PLACEHOLDERS: Record<DraftSlot, string | null> = {
  teaser: 'Teaser: one line under the headline',
  sponsorLine: 'Sponsor line: In partnership with …',
  intro: 'Intro: welcome the reader',
  sponsorBlock: "Sponsor block: the sponsor's message",
  commentary: 'Lead commentary: write it in the review page or with secdigest draft fill',
  second: null,
  signOff: "Sign-off: the editor's name",
  ps: 'P.S.: write it in the review page or with secdigest draft fill',
  disclaimer: 'Disclaimer',
};

type SettingsSlot = 'intro' | 'sponsorLine' | 'sponsorBlock' | 'signOff' | 'ps' | 'disclaimer';
export const SETTINGS_SLOTS: readonly SettingsSlot[] = ['intro', 'sponsorLine', 'sponsorBlock', 'signOff', 'ps', 'disclaimer'];

/** The variables a settings text may use. */
export interface SlotVariables {
  name: string;
  date: string;
  number: number;
  headline: string | null;
  subscribe_url: string | null;
  rss_url: string | null;
}

export function resolveSlots(
  draft: Draft,
  issue: IssueSettings,
  leadBlurb: string | null,
  vars: SlotVariables,
  placeholders = true,
): Record<DraftSlot, ResolvedSlot> {
  const engine = createEngine();
  const resolve = (slot: DraftSlot): ResolvedSlot => {
    const own = draft.slots?.[slot];
    if (own !== undefined && own.trim() !== '') return { from: 'draft', text: own, placeholder: null };
    if ((SETTINGS_SLOTS as readonly string[]).includes(slot)) {
      const configured = issue[slot as SettingsSlot];
      if (configured === null) return { from: 'omitted', text: null, placeholder: null };
      if (configured !== undefined) {
        const file = `settings.issue.${slot}`;
        const text = renderTemplate(engine, parseTemplate(engine, { file, source: configured }), vars, file);
        return text.trim() === '' ? { from: 'omitted', text: null, placeholder: null } : { from: 'settings', text, placeholder: null };
      }
    }
    if (slot === 'teaser' && leadBlurb) return { from: 'lead-blurb', text: leadBlurb, placeholder: null };
    const placeholder = PLACEHOLDERS[slot];
    return placeholder && placeholders ? { from: 'placeholder', text: null, placeholder } : { from: 'omitted', text: null, placeholder: null };
  };
  return Object.fromEntries(DRAFT_SLOTS.map((slot) => [slot, resolve(slot)])) as Record<DraftSlot, ResolvedSlot>;
}
