import type { Draft, DraftEntry, StoryLink } from '../../model/draft.js';
import { safeHttpUrl } from './url.js';
import { resolveRenderOptions, type RenderOptions } from './view.js';

/**
 * The issue as JSON for other tools: the full structure of every included entry (topics and
 * scores, rank reasons, "also covered by" members), keys in a fixed order whatever order the
 * stored objects had, two-space indentation, a trailing newline. Text is kept as stored (JSON
 * escaping suffices); URLs that are not http(s) become null, so the JSON never carries a link the
 * other formats refuse. `format` names the shape, to be bumped if it ever changes incompatibly.
 */
export const DRAFT_JSON_FORMAT = 'secdigest-draft/1';

export function renderJson(draft: Draft, options?: RenderOptions): string {
  const opts = resolveRenderOptions(options);
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
  };
}

function linkJson(l: StoryLink) {
  return { source: l.source, sourceId: l.sourceId, title: l.title, url: safeHttpUrl(l.url) };
}
