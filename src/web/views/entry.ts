import type { DraftEntry } from '../../model/index.js';
import type { StoredClassification, StoryJoin } from '../../storage/index.js';
import { externalLink, html, type SafeHtml } from '../html.js';
import { MAX_BLURB, MAX_TITLE } from '../actions.js';
import { csrfField } from './layout.js';
import { formatUtc } from '../../model/time-format.js';
import { plural } from './format.js';
import { entryDetailForms, textLines, victimLine } from './entry-details.js';

export interface EntryContext {
  draftNumber: number;
  sectionId: string;
  sections: readonly { id: string; title: string }[];
  topics: readonly { id: string; label: string }[];
  csrfToken: string;
}

export function entryPath(draftNumber: number, storyId: string, action: string): string {
  return `/drafts/${draftNumber}/entries/${encodeURIComponent(storyId)}/${action}`;
}

/** One entry: what it is, why it is here (on demand), and every action as a plain form. */
export function entryView(entry: DraftEntry, position: number, evidence: StoredClassification | undefined, ctx: EntryContext, joins: readonly StoryJoin[] = []): SafeHtml {
  const action = (name: string, label: SafeHtml | string, title: string, extra: SafeHtml | string = '') =>
    html`<form method="post" action="${entryPath(ctx.draftNumber, entry.storyId, name)}" class="inline">${csrfField(ctx.csrfToken)}${extra}<button type="submit" data-action="${name}" title="${title}">${label}</button></form>`;
  const topicLabel = ctx.topics.find((t) => t.id === entry.topic)?.label ?? entry.topic;
  return html`<li class="entry${entry.included ? '' : ' excluded'}" id="entry-${entry.storyId}" data-story="${entry.storyId}" data-included="${String(entry.included)}" tabindex="-1">
<div class="entry-row">
<span class="rank">${position + 1}</span>
<div class="entry-body">
<h3 class="entry-title">${externalLink(entry.url, entry.title || 'Untitled')}</h3>
<p class="meta"><span class="source">${entry.source}</span> · <time datetime="${entry.publishedAt}">${formatUtc(entry.publishedAt)}</time> · <span class="coverage" title="distinct outlets that carried the story">${plural(entry.coverage, 'outlet')}</span> · <span class="topic">${topicLabel}</span>${entry.included ? '' : html` · <strong class="flag">excluded</strong>`}</p>
${victimLine(entry, ctx)}
${entry.blurb ? html`<p class="blurb">${textLines(entry.blurb)}</p>` : ''}
${alsoCovered(entry)}
${previously(entry)}
${evidenceView(entry, evidence, joins)}
</div>
<div class="entry-actions">
${action('up', arrow('↑', 'Move up'), 'Move up (Shift+K)')}${action('down', arrow('↓', 'Move down'), 'Move down (Shift+J)')}${entry.included ? action('exclude', 'Exclude', 'Leave out of the issue (x)') : action('include', 'Include', 'Put back in the issue (x)')}
</div>
</div>
${editView(entry, ctx)}
</li>`;
}

/** An arrow seen, its words heard: a screen reader would announce "↑" as "up arrow" or nothing (issue 19). */
function arrow(symbol: string, name: string): SafeHtml {
  return html`<span aria-hidden="true">${symbol}</span><span class="visually-hidden">${name}</span>`;
}

function alsoCovered(entry: DraftEntry): SafeHtml | '' {
  if (entry.alsoCoveredBy.length === 0) return '';
  const links = entry.alsoCoveredBy.map((link, i) => html`${i > 0 ? ', ' : ''}${externalLink(link.url, link.source)}`);
  return html`<p class="also">Also covered by: ${links}</p>`;
}

/** The earlier developments of the entry's incident that earlier issues carried (its thread, issue 15). */
function previously(entry: DraftEntry): SafeHtml | '' {
  const earlier = entry.previously ?? [];
  if (earlier.length === 0) return '';
  const items = earlier.map((p, i) => html`${i > 0 ? '; ' : ''}<a href="/drafts/${String(p.draftNumber)}">issue #${String(p.draftNumber)}</a>: ${p.title}`);
  return html`<p class="previously">Previously: ${items}</p>`;
}

/** One member's join as a line: "Outlet: event, 0.62 to the story, names velmont, 5 h after the first report". */
function joinLine(join: StoryJoin): string {
  let e: { rule?: string; storySimilarity?: number; sharedNames?: string[]; gapHours?: number };
  try {
    e = JSON.parse(join.evidence) as typeof e;
  } catch {
    return `${join.source}: (unreadable evidence)`;
  }
  const parts = [e.rule ?? '?'];
  if (typeof e.storySimilarity === 'number') parts.push(`${e.storySimilarity.toFixed(2)} to the story`);
  if (e.sharedNames?.length) parts.push(`names ${e.sharedNames.join(', ')}`);
  if (typeof e.gapHours === 'number') parts.push(`${Math.round(e.gapHours)} h after the first report`);
  return `${join.source}: ${parts.join(', ')}`;
}

function evidenceView(entry: DraftEntry, evidence: StoredClassification | undefined, joins: readonly StoryJoin[]): SafeHtml {
  const list = (title: string, items: readonly string[]) =>
    items.length ? html`<dt>${title}</dt><dd><ul>${items.map((i) => html`<li>${i}</li>`)}</ul></dd>` : '';
  const scores = (evidence?.topics ?? entry.topicScores).slice(0, 4).map((s) => `${s.id} ${s.score.toFixed(2)}`);
  return html`<details class="evidence"><summary>Why this entry</summary><dl>
${list('Rank', entry.rankReasons)}${list('Topic scores', scores)}
${evidence ? html`${list('Topic evidence', evidence.evidence.topic)}${list('Relevance', [`score ${evidence.relevanceScore?.toFixed(2) ?? '?'}`, ...evidence.evidence.relevance])}${list('Section', [evidence.section, ...evidence.evidence.section])}` : ''}
${list('CVEs', entry.cves)}${list('Victims', entry.victims)}${list('Story (how its reports joined it)', joins.map(joinLine))}
</dl></details>`;
}

function editView(entry: DraftEntry, ctx: EntryContext): SafeHtml {
  const form = (name: string, body: SafeHtml, button: string) =>
    html`<form method="post" action="${entryPath(ctx.draftNumber, entry.storyId, name)}" class="edit-${name}">${csrfField(ctx.csrfToken)}${body}<button type="submit">${button}</button></form>`;
  const options = (items: readonly { id: string; label: string }[], selected: string) =>
    items.map((o) => html`<option value="${o.id}"${o.id === selected ? html` selected` : ''}>${o.label}</option>`);
  const sections = ctx.sections.map((s) => ({ id: s.id, label: s.title }));
  // Off by default (issue 19): only a change the editor says is the classifier's mistake trains it.
  const teach = html` <label class="teach"><input type="checkbox" name="teach" value="on"> Teach the classifier</label>`;
  return html`<details class="edit"><summary>Edit</summary><div class="edit-forms">
${form('title', html`<label>Title <input name="title" value="${entry.title}" maxlength="${MAX_TITLE}" required></label>`, 'Save title')}
${form('blurb', html`<label>Blurb <textarea name="blurb" rows="3" maxlength="${MAX_BLURB}" placeholder="A few lines for readers">${entry.blurb ?? ''}</textarea></label>`, 'Save blurb')}
${form('topic', html`<label>Topic <select name="topic">${options(ctx.topics, entry.topic)}</select></label>${teach}`, 'Set topic')}
${form('section', html`<label>Section <select name="section">${options(sections, ctx.sectionId)}</select></label>${teach}`, 'Move')}
${entryDetailForms(entry, ctx)}
</div></details>`;
}
