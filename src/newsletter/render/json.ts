import { DRAFT_SLOTS, type Draft, type DraftEntry, type StoryLink } from '../../model/draft.js';
import { issueView, type LinkView } from './issue-view.js';
import { safeHttpUrl } from './url.js';
import { resolveRenderOptions, type RenderOptions } from './view.js';

/**
 * The issue as JSON for other tools: the full structure of every included entry (topics and
 * scores, rank reasons, "also covered by" members), keys in a fixed order whatever order the
 * stored objects had, two-space indentation, a trailing newline. Text is kept as stored (JSON
 * escaping suffices); URLs that are not http(s) become null, so the JSON never carries a link the
 * other formats refuse. `format` names the shape, to be bumped if it ever changes incompatibly.
 *
 * Added by issue 18 (after `sections`, nothing removed, so still `secdigest-draft/1`):
 * - `sentAt`: when the issue was marked sent, or null.
 * - `headline`: the lead story's title, or null when there is no lead.
 * - `slots`: every editor slot (teaser, sponsorLine, sponsorBlock, intro, commentary, second,
 *   signOff, ps, disclaimer) as resolved for the exports: `{ text, from }`, `from` being `draft`,
 *   `settings` (settings.issue's text, its Liquid rendered), `lead-blurb` (the teaser), `placeholder`
 *   (nothing written: the other formats show a placeholder; text null) or `omitted` (text null).
 * - `lead`: the lead story's `storyId`, `title`, `url`, `source` and its source brief (`outlets`:
 *   every outlet with its URL; `victims`, `actors`, `cves`, `figures`, `previously`, `related`).
 * - `news`: `{ heading, intro, sections }`, the ids of the lists grouped under the news heading.
 * Entries carry `related` and `facts` when they have them.
 */
export const DRAFT_JSON_FORMAT = 'secdigest-draft/1';

export function renderJson(draft: Draft, options?: RenderOptions): string {
  const opts = resolveRenderOptions(options);
  const view = issueView(draft, opts);
  const doc = {
    format: DRAFT_JSON_FORMAT,
    newsletter: opts.newsletterName,
    number: draft.number,
    date: draft.date,
    window: { since: draft.window.since, until: draft.window.until },
    createdAt: draft.createdAt,
    sections: draft.sections.map((s) => ({
      id: s.id,
      title: s.title,
      subtitle: s.subtitle,
      entries: s.entries.filter((e) => e.included).map(entryJson),
    })),
    sentAt: draft.sentAt ?? null,
    headline: view.headline,
    slots: Object.fromEntries(DRAFT_SLOTS.map((slot) => [slot, { text: view.slots[slot].text, from: view.slots[slot].from }])),
    lead: view.lead && {
      storyId: view.lead.entry.storyId,
      title: view.lead.entry.title,
      url: view.lead.entry.href,
      source: view.lead.entry.source,
      brief: {
        outlets: view.lead.brief.outlets.map(outletJson),
        victims: view.lead.brief.victims,
        actors: view.lead.brief.actors,
        cves: view.lead.brief.cves,
        figures: view.lead.brief.figures,
        previously: view.lead.brief.previously,
        related: view.lead.brief.related.map((r) => ({ title: r.label, source: r.source, url: r.href })),
      },
    },
    news: { heading: opts.issue.newsHeading, intro: opts.issue.newsIntro, sections: view.news?.lists.map((s) => s.id) ?? [] },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function entryJson(e: DraftEntry) {
  return {
    storyId: e.storyId,
    title: e.title,
    url: safeHttpUrl(e.url),
    source: e.source,
    sourceId: e.sourceId,
    blurb: e.blurb,
    topic: e.topic,
    topicScores: e.topicScores.map((t) => ({ id: t.id, score: t.score })),
    publishedAt: e.publishedAt,
    coverage: e.coverage,
    alsoCoveredBy: e.alsoCoveredBy.map(linkJson),
    victims: [...e.victims],
    cves: [...e.cves],
    score: e.score,
    rankReasons: [...e.rankReasons],
    included: e.included,
    // Only when the story continues an incident an earlier issue carried (issue 15).
    ...(e.undated ? { undated: true } : {}),
    ...(e.previously?.length ? { previously: e.previously.map((p) => ({ storyId: p.storyId, title: p.title, draftNumber: p.draftNumber })) } : {}),
    // Issue 18: the same company's other stories folded into this one, and the key facts found.
    ...(e.related?.length ? { related: e.related.map(linkJson) } : {}),
    ...(e.facts ? { facts: { actors: [...e.facts.actors], figures: [...e.facts.figures] } } : {}),
  };
}

function outletJson(l: LinkView) {
  return { source: l.label, url: l.href };
}

function linkJson(l: StoryLink) {
  return { source: l.source, sourceId: l.sourceId, title: l.title, url: safeHttpUrl(l.url) };
}
