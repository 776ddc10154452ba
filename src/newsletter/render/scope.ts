import type { DraftSlot } from '../../model/draft.js';
import type { EntryView, IssueView, LinkView, RelatedView, SectionView } from './issue-view.js';
import { safe, type SafeFragment } from './liquid-engine.js';
import { INLINE_SLOTS, type ResolvedSlot } from './slots.js';
import type { TemplateFormat } from './view.js';

/**
 * What a format knows how to write from escaped parts: the pieces a template outputs whole
 * (links, entries, editor text), built here so that a template never has to assemble markup from
 * feed text itself. markdown.ts, html.ts and text.ts each provide one.
 */
export interface FormatKit {
  format: TemplateFormat;
  /** One line of feed or settings text, escaped: what every `{{ value }}` goes through. */
  escape(text: string): string;
  /** The label linked to `href`, or the label alone when there is no safe URL. */
  link(label: string, href: string | null): string;
  /** Editor-written text: paragraphs separated by blank lines, line breaks kept. */
  block(text: string): string;
  /** Editor-written text on one line. */
  inline(text: string): string;
  /** `[what to write]`, visibly not part of the issue. */
  placeholder(text: string, inline: boolean): string;
  /** A list entry's whole content (victims, linked title, source, blurb, related, also covered by). */
  entry(entry: EntryView, showVictims: boolean): string;
  /** "Subscribe by email · RSS" as links. */
  subscribe(links: LinkView[]): string;
  /** Values templates may use for presentation (HTML's inline styles). */
  style: Readonly<Record<string, string>>;
  /** Filters of this format only (plain text's `underline` and `indent`); they return SafeFragments. */
  filters?: Readonly<Record<string, (value: unknown, ...args: unknown[]) => unknown>>;
}

const SLOT_KEYS: Record<DraftSlot, string> = {
  teaser: 'teaser',
  sponsorLine: 'sponsor_line',
  intro: 'intro',
  sponsorBlock: 'sponsor_block',
  commentary: 'commentary',
  second: 'second',
  signOff: 'sign_off',
  ps: 'ps',
  disclaimer: 'disclaimer',
};

/** The Liquid scope of a template: snake_case keys, documented in the README ("Issue templates"). */
export function templateScope(view: IssueView, kit: FormatKit): Record<string, unknown> {
  const slotFragments = Object.fromEntries(
    (Object.entries(view.slots) as [DraftSlot, ResolvedSlot][]).map(([slot, r]) => [SLOT_KEYS[slot], slotFragment(slot, r, kit)]),
  );
  const slotTexts = Object.fromEntries(
    (Object.entries(view.slots) as [DraftSlot, ResolvedSlot][]).map(([slot, r]) => [SLOT_KEYS[slot], { text: r.text, from: r.from }]),
  );
  const subscribeLinks = [
    ...(view.subscribeUrl ? [{ label: 'Subscribe by email', href: view.subscribeUrl }] : []),
    ...(view.rssUrl ? [{ label: 'RSS', href: view.rssUrl }] : []),
  ];
  const lead = view.lead;
  return {
    format: kit.format,
    name: view.name,
    date: view.date,
    number: view.number,
    headline: view.headline,
    ...slotFragments,
    slots: slotTexts,
    lead: lead && {
      ...entryScope(lead.entry, false, kit),
      brief: {
        outlets: lead.brief.outlets.map((o) => linkScope(o, kit)),
        victims: lead.brief.victims,
        actors: lead.brief.actors,
        cves: lead.brief.cves,
        figures: lead.brief.figures,
        previously: lead.brief.previously,
        related: lead.brief.related.map((r) => relatedScope(r, kit)),
      },
    },
    news: view.news && { heading: view.news.heading, intro: view.news.intro, lists: view.news.lists.map((s) => sectionScope(s, kit)) },
    sections: view.sections.map((s) => sectionScope(s, kit)),
    subscribe_url: view.subscribeUrl,
    rss_url: view.rssUrl,
    subscribe_links: subscribeLinks.length > 0 ? safe(kit.subscribe(subscribeLinks)) : null,
    no_stories: view.empty,
    style: kit.style,
  };
}

function slotFragment(slot: DraftSlot, r: ResolvedSlot, kit: FormatKit): SafeFragment | null {
  const inline = INLINE_SLOTS.includes(slot);
  if (r.text !== null) return safe(inline ? kit.inline(r.text) : kit.block(r.text));
  if (r.placeholder !== null) return safe(kit.placeholder(r.placeholder, inline));
  return null;
}

function sectionScope(s: SectionView, kit: FormatKit) {
  return { id: s.id, title: s.title, subtitle: s.subtitle, show_victims: s.showVictims, entries: s.entries.map((e) => entryScope(e, s.showVictims, kit)) };
}

function entryScope(e: EntryView, showVictims: boolean, kit: FormatKit) {
  return {
    id: e.storyId,
    title: e.title,
    url: e.href,
    source: e.source,
    blurb: e.blurb,
    victims: e.victims,
    cves: e.cves,
    undated: e.undated,
    link: safe(kit.link(e.title, e.href)),
    item: safe(kit.entry(e, showVictims)),
    also_covered: e.alsoCovered.map((l) => linkScope(l, kit)),
    also_more: e.alsoMore,
    previously: e.previously,
    related: e.related.map((r) => relatedScope(r, kit)),
  };
}

function linkScope(l: LinkView, kit: FormatKit) {
  return { name: l.label, url: l.href, link: safe(kit.link(l.label, l.href)) };
}

function relatedScope(r: RelatedView, kit: FormatKit) {
  return { title: r.label, source: r.source, url: r.href, link: safe(kit.link(r.label, r.href)) };
}
