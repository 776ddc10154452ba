import type { Draft, DraftEntry, DraftSlot } from '../../model/draft.js';
import { cleanText } from './escape.js';
import { resolveSlots, type ResolvedSlot } from './slots.js';
import { safeHttpUrl } from './url.js';
import { alsoCovered, displayTitle, victimNames, visibleSections, type ResolvedRenderOptions } from './view.js';

/**
 * The whole issue as its parts, in the order the newsletter prints them (issue 18): name and
 * headline with a teaser, sponsor line, intro, sponsor block, the lead story with the editor's
 * commentary and a source brief, a second piece, the news lists under one heading, the other
 * sections (the Wall of Shame), sign-off, P.S. and disclaimer. Pure and format-agnostic: text is
 * cleaned but not escaped, URLs are http(s) or null. Included entries only.
 */

export interface LinkView {
  label: string;
  /** A safe http(s) URL, or null: shown as text without a link. */
  href: string | null;
}

export interface RelatedView extends LinkView {
  source: string | null;
}

export interface EntryView {
  storyId: string;
  title: string;
  href: string | null;
  source: string | null;
  /** The blurb on one line (for templates and JSON-like uses), or null. */
  blurb: string | null;
  /** The blurb's lines as the editor broke them (the review page keeps line breaks), each cleaned. */
  blurbLines: string[];
  victims: string[];
  cves: string[];
  undated: boolean;
  /** "Also covered by", at most maxAlsoCoveredBy of them; `alsoMore` counts the rest. */
  alsoCovered: LinkView[];
  alsoMore: number;
  previously: { title: string; issue: number }[];
  related: RelatedView[];
}

export interface SectionView {
  id: string;
  title: string;
  subtitle: string | null;
  showVictims: boolean;
  entries: EntryView[];
}

export interface LeadView {
  entry: EntryView;
  brief: {
    /** Every outlet that carried the story: its own source first, then every "also covered by". */
    outlets: LinkView[];
    victims: string[];
    actors: string[];
    cves: string[];
    figures: string[];
    previously: { title: string; issue: number }[];
    related: RelatedView[];
  };
}

export interface IssueView {
  name: string;
  date: string;
  number: number;
  /** The lead story's title; null when the issue has no lead. */
  headline: string | null;
  slots: Record<DraftSlot, ResolvedSlot>;
  lead: LeadView | null;
  /** The lists grouped under the news heading; null when none of them has an entry. */
  news: { heading: string; intro: string | null; lists: SectionView[] } | null;
  /** The other sections, each its own part after the news (the Wall of Shame). */
  sections: SectionView[];
  subscribeUrl: string | null;
  rssUrl: string | null;
  /** No lead and no list entry: the exports say so. */
  empty: boolean;
}

export const LEAD_SECTION_ID = 'lead';

export function issueView(draft: Draft, opts: ResolvedRenderOptions): IssueView {
  const visible = visibleSections(draft, opts);
  const leadEntry = visible.find((s) => s.section.id === LEAD_SECTION_ID)?.entries[0];
  const lists = visible
    .filter((s) => s.section.id !== LEAD_SECTION_ID)
    .map(({ section, entries, showVictims }): SectionView => ({
      id: section.id,
      title: cleanText(section.title),
      subtitle: nonEmpty(section.subtitle),
      showVictims,
      entries: entries.map((e) => entryView(e, opts.maxAlsoCoveredBy)),
    }));
  const { issue } = opts;
  const news = lists.filter((s) => issue.newsSections.includes(s.id));
  const lead = leadEntry ? leadView(leadEntry, opts.maxAlsoCoveredBy) : null;
  const name = cleanText(opts.newsletterName);
  const subscribeUrl = safeHttpUrl(issue.subscribeUrl);
  const rssUrl = safeHttpUrl(issue.rssUrl);
  const headline = lead?.entry.title ?? null;
  const slots = resolveSlots(draft, issue, lead?.entry.blurb ?? null, {
    name,
    date: draft.date,
    number: draft.number,
    headline,
    subscribe_url: subscribeUrl,
    rss_url: rssUrl,
  }, opts.placeholders);
  // Without a lead story there is nothing to comment on: a commentary shows only once written.
  if (!lead && slots.commentary.from === 'placeholder') slots.commentary = { from: 'omitted', text: null, placeholder: null };
  return {
    name,
    date: cleanText(draft.date),
    number: draft.number,
    headline,
    slots,
    lead,
    news: news.length > 0 ? { heading: cleanText(issue.newsHeading), intro: nonEmpty(issue.newsIntro), lists: news } : null,
    sections: lists.filter((s) => !issue.newsSections.includes(s.id)),
    subscribeUrl,
    rssUrl,
    empty: !lead && lists.length === 0,
  };
}

function entryView(entry: DraftEntry, maxLinks: number): EntryView {
  const { shown, more } = alsoCovered(entry, maxLinks);
  return {
    storyId: entry.storyId,
    title: displayTitle(entry.title),
    href: safeHttpUrl(entry.url),
    source: nonEmpty(entry.source),
    ...blurbOf(entry.blurb),
    victims: victimNames(entry),
    cves: entry.cves.map(cleanText).filter((c) => c !== ''),
    undated: entry.undated === true,
    alsoCovered: shown.map((l) => ({ label: cleanText(l.source) || displayTitle(l.title), href: safeHttpUrl(l.url) })),
    alsoMore: more,
    previously: (entry.previously ?? []).map((p) => ({ title: displayTitle(p.title), issue: p.draftNumber })),
    related: (entry.related ?? []).map((l) => ({ label: displayTitle(l.title), href: safeHttpUrl(l.url), source: nonEmpty(l.source) })),
  };
}

function leadView(entry: DraftEntry, maxLinks: number): LeadView {
  const view = entryView(entry, maxLinks);
  const outlets = [
    { label: view.source ?? view.title, href: view.href },
    ...entry.alsoCoveredBy.map((l) => ({ label: cleanText(l.source) || displayTitle(l.title), href: safeHttpUrl(l.url) })),
  ];
  const list = (values: readonly string[] | undefined) => (values ?? []).map(cleanText).filter((v) => v !== '');
  return {
    entry: view,
    brief: {
      outlets,
      victims: view.victims,
      actors: list(entry.facts?.actors),
      cves: view.cves,
      figures: list(entry.facts?.figures),
      previously: view.previously,
      related: view.related,
    },
  };
}

function nonEmpty(text: string | null | undefined): string | null {
  const cleaned = cleanText(text ?? '');
  return cleaned === '' ? null : cleaned;
}

/** The blurb's lines as the editor broke them, each cleaned, and the same on one line (null when empty). */
function blurbOf(text: string | null): Pick<EntryView, 'blurb' | 'blurbLines'> {
  const blurbLines = (text ?? '').split('\n').map(cleanText).filter((line) => line !== '');
  return { blurb: blurbLines.length > 0 ? blurbLines.join(' ') : null, blurbLines };
}
