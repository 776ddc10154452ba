import type { PoolQuery, PoolStory } from '../../newsletter/pool.js';
import { POOL_REASON_LABELS } from '../../newsletter/pool.js';
import { hasLink } from '../../newsletter/links.js';
import type { StoredDraft } from '../../storage/index.js';
import { formatUtc } from '../../model/time-format.js';
import { externalLink, html, type SafeHtml } from '../html.js';
import { plural } from './format.js';
import { keyboardHelp, POOL_SHORTCUTS } from './keys.js';
import { csrfField, layout } from './layout.js';

export interface PoolPageModel {
  draft: StoredDraft;
  /** The whole pool, and what the query kept of it. */
  pool: readonly PoolStory[];
  shown: readonly PoolStory[];
  query: PoolQuery;
  topics: readonly { id: string; label: string }[];
  csrfToken: string;
}

/** Stories shown at once: a week's pool runs to a few hundred; the search narrows it. */
export const POOL_PAGE_SIZE = 200;

/**
 * The week's pool (issue 19): every story of the draft's window it does not hold, why not, and a
 * promote form each. The search is a plain GET form, so it works without the page script.
 */
export function poolPage(model: PoolPageModel): string {
  const { draft } = model;
  const base = `/drafts/${draft.number}`;
  const shown = model.shown.slice(0, POOL_PAGE_SIZE);
  const body = html`<section class="pool-head">
<h1>The week's pool <span class="date">issue #${draft.number}</span></h1>
<p class="window">${plural(model.pool.length, 'story', 'stories')} first seen ${formatUtc(draft.window.since)} – ${formatUtc(draft.window.until)} are not in this issue${model.shown.length === model.pool.length ? '' : html`; ${plural(model.shown.length, 'matches', 'match')} the search`}${shown.length < model.shown.length ? html`, the first ${shown.length} shown` : ''}.</p>
<p><a href="${base}">Back to issue #${draft.number}</a></p>
${searchForm(model)}
</section>
${shown.length ? html`<ol class="pool">${shown.map((story) => storyView(model, story))}</ol>` : html`<p class="empty">No story of the pool matches.</p>`}
${keyboardHelp(POOL_SHORTCUTS)}`;
  return layout({ title: `The week's pool · issue #${draft.number}`, csrfToken: model.csrfToken, active: 'drafts', body });
}

function searchForm(model: PoolPageModel): SafeHtml {
  const { query, pool } = model;
  const select = (name: keyof PoolQuery, label: string, options: readonly { id: string; label: string }[]) =>
    html`<label>${label} <select name="${name}"><option value="">any</option>${options.map((o) => html`<option value="${o.id}"${query[name] === o.id ? html` selected` : ''}>${o.label}</option>`)}</select></label>`;
  const sources = new Map<string, string>();
  for (const { candidate } of pool) sources.set(candidate.sourceId, candidate.source);
  const topicsSeen = new Set(pool.map((p) => p.candidate.topic));
  const reasons = Object.entries(POOL_REASON_LABELS).filter(([id]) => pool.some((p) => p.reason === id)).map(([id, label]) => ({ id, label }));
  return html`<form method="get" action="/drafts/${model.draft.number}/pool" class="pool-search" role="search">
<label class="wide">Search <input type="search" name="q" value="${query.q ?? ''}" placeholder="title, summary or source"></label>
${select('topic', 'Topic', model.topics.filter((t) => topicsSeen.has(t.id)))}
${select('section', 'Section', model.draft.sections.map((s) => ({ id: s.id, label: s.title })))}
${select('source', 'Source', [...sources].sort((a, b) => a[1].localeCompare(b[1])).map(([id, label]) => ({ id, label })))}
${select('reason', 'Why not', reasons)}
<label>CVE <input name="cve" value="${query.cve ?? ''}" placeholder="CVE-2026-…"></label>
<label>Victim <input name="victim" value="${query.victim ?? ''}"></label>
<button type="submit">Search</button> <a href="/drafts/${model.draft.number}/pool">Clear</a>
</form>`;
}

function storyView(model: PoolPageModel, story: PoolStory): SafeHtml {
  const { candidate: c } = story;
  const topic = model.topics.find((t) => t.id === c.topic)?.label ?? c.topic;
  const section = model.draft.sections.find((s) => s.id === story.sectionId)?.title;
  const list = (label: string, items: readonly (SafeHtml | string)[]) =>
    items.length ? html`<dt>${label}</dt><dd>${items.map((item, i) => html`${i > 0 ? ', ' : ''}${item}`)}</dd>` : '';
  return html`<li class="pool-story" id="pool-${c.storyId}" data-story="${c.storyId}" data-reason="${story.reason}">
<h2 class="entry-title">${externalLink(c.url, c.title || 'Untitled')}</h2>
<p class="meta"><span class="source">${c.source}</span> · <time datetime="${c.publishedAt}">${formatUtc(c.publishedAt)}</time> · <span class="topic">${topic}</span>${section ? html` · <span class="section">${section}</span>` : ''}</p>
<p class="why"><strong>Why not: </strong>${story.why}</p>
<dl class="pool-facts">
${list('CVEs', c.cves)}${list('Victims', c.victims)}${list('Outlets', c.alsoCoveredBy.map((l) => externalLink(l.url, l.source)))}
</dl>
${promoteForm(model, story)}
</li>`;
}

function promoteForm(model: PoolPageModel, story: PoolStory): SafeHtml {
  const { candidate: c } = story;
  const id = `promote-${c.storyId}`;
  const linked = hasLink(c.url) || c.alsoCoveredBy.some((l) => hasLink(l.url));
  return html`<form method="post" action="/drafts/${model.draft.number}/pool/${encodeURIComponent(c.storyId)}/promote" class="promote">${csrfField(model.csrfToken)}
<label for="${id}-section">Promote into</label> <select id="${id}-section" name="section">${model.draft.sections.map((s) => html`<option value="${s.id}"${s.id === story.sectionId ? html` selected` : ''}>${s.title}</option>`)}</select>
${linked ? '' : html`<label>Link <input name="url" type="url" required placeholder="https://…"></label>`}
<button type="submit">Promote</button>
</form>`;
}
