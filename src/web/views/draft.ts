import type { DraftSlot } from '../../model/index.js';
import type { StoredClassification, StoryJoin } from '../../storage/index.js';
import type { StoredDraft } from '../../storage/index.js';
import { html, type SafeHtml } from '../html.js';
import { barChart } from './charts.js';
import { entryView, type EntryContext } from './entry.js';
import { formatUtc } from '../../model/time-format.js';
import { plural } from './format.js';
import { keyboardHelp } from './keys.js';
import { workbench, type WorkbenchModel } from './history.js';
import { csrfField, layout } from './layout.js';

export interface DraftPageModel {
  draft: StoredDraft;
  topics: readonly { id: string; label: string }[];
  /** The classifier's labels and evidence of each entry's representative item, by story id. */
  evidence: ReadonlyMap<string, StoredClassification>;
  /** How each entry's story was formed (its members' join evidence), by story id. */
  joins?: ReadonlyMap<string, readonly StoryJoin[]>;
  csrfToken: string;
  /** What an empty editor part shows in the export (settings.issue's text), by part. */
  slotDefaults?: Partial<Record<DraftSlot, string>>;
  /** The week's pool link and search, undo / redo and the latest edits (issue 19; views/history.ts). */
  workbench?: WorkbenchModel;
}

/** The editor-written parts in the order the issue prints them, with what each is for. */
const PARTS: readonly { slot: DraftSlot; label: string; rows: number }[] = [
  { slot: 'teaser', label: 'Teaser (the line under the headline; default: the lead story\'s blurb)', rows: 2 },
  { slot: 'sponsorLine', label: 'Sponsor line ("In partnership with …")', rows: 1 },
  { slot: 'intro', label: 'Intro', rows: 3 },
  { slot: 'sponsorBlock', label: 'Sponsor block', rows: 3 },
  { slot: 'commentary', label: 'Lead story commentary (blank lines separate paragraphs)', rows: 8 },
  { slot: 'second', label: 'Second piece (optional)', rows: 4 },
  { slot: 'signOff', label: 'Sign-off', rows: 2 },
  { slot: 'ps', label: 'P.S.', rows: 2 },
  { slot: 'disclaimer', label: 'Disclaimer', rows: 2 },
];

export function draftPage(model: DraftPageModel): string {
  const { draft } = model;
  const entries = draft.sections.flatMap((s) => s.entries);
  const included = entries.filter((e) => e.included).length;
  const base = `/drafts/${draft.number}`;
  const body = html`<section class="draft-head">
<div><h1>Issue #${draft.number} <span class="date">${draft.date}</span></h1>
<p class="window">Stories first seen ${formatUtc(draft.window.since)} – ${formatUtc(draft.window.until)} · ${plural(included, 'entry', 'entries')} included, ${entries.length - included} excluded</p></div>
<div class="toolbar">
<a class="button" href="${base}/export.md" download>Export Markdown</a>
<a class="button" href="${base}/export.html" download>Export HTML</a>
<button type="button" id="copy-markdown" data-src="${base}/export.md" hidden>Copy Markdown</button>
<span id="status" role="status" aria-live="polite"></span>
</div>
</section>
${model.workbench ? workbench(model.workbench) : ''}
<div class="columns">
<div class="sections" id="draft" data-draft="${draft.number}">
${draft.sections.map((section) => {
  const ctx: EntryContext = { draftNumber: draft.number, sectionId: section.id, sections: draft.sections, topics: model.topics, csrfToken: model.csrfToken };
  return html`<section class="section" id="section-${section.id}" data-section="${section.id}">
<h2>${section.title} <span class="count">${section.entries.filter((e) => e.included).length}</span></h2>
${section.subtitle ? html`<p class="subtitle">${section.subtitle}</p>` : ''}
${section.entries.length
  ? html`<ol class="entries">${section.entries.map((entry, i) => entryView(entry, i, model.evidence.get(entry.storyId), ctx, model.joins?.get(entry.storyId)))}</ol>`
  : html`<p class="empty">No entries.</p>`}
</section>`;
})}
${addLinkForm(model)}
${partsForm(model)}
</div>
<aside class="side" aria-label="Preview and topic mix">
<details class="preview" open><summary>Preview</summary>
<iframe src="${base}/preview" title="Preview of the issue as exported" sandbox="allow-popups allow-popups-to-escape-sandbox" loading="lazy"></iframe>
<p class="hint"><a href="${base}/preview" target="_blank" rel="noopener">Open the preview</a></p>
</details>
<h2>Topic mix</h2>
${topicMix(model)}
${keyboardHelp()}
</aside>
</div>`;
  return layout({ title: `Issue #${draft.number}`, csrfToken: model.csrfToken, active: 'drafts', body, skipTo: { href: '#draft', label: 'Skip to the draft' } });
}

function addLinkForm(model: DraftPageModel): SafeHtml {
  const { draft } = model;
  return html`<section class="add-link"><h2>Add a link</h2>
<form method="post" action="/drafts/${draft.number}/entries" class="add">${csrfField(model.csrfToken)}
<label class="wide">Link <input name="url" type="url" required placeholder="https://…"></label>
<label>Title <input name="title" maxlength="300" placeholder="read from the page"></label>
<label>Source <input name="source" maxlength="100" placeholder="read from the page"></label>
<label>Section <select name="section">${draft.sections.map((s) => html`<option value="${s.id}">${s.title}</option>`)}</select></label>
<label>Topic <select name="topic">${model.topics.map((t) => html`<option value="${t.id}"${t.id === 'other' ? html` selected` : ''}>${t.label}</option>`)}</select></label>
<button type="submit">Add link</button>
</form>
<p class="hint">Title and source are read from the page when left empty; type them when the page cannot be reached.</p>
</section>`;
}

/** The editor-written parts of the issue, one form each (empty text clears a part). */
function partsForm(model: DraftPageModel): SafeHtml {
  const { draft } = model;
  return html`<section class="parts" id="parts"><h2>Issue parts</h2>
<p class="hint">Written by you. An empty part prints its default from settings.issue, or a visible placeholder.</p>
${PARTS.map(({ slot, label, rows }) => {
  const fallback = model.slotDefaults?.[slot] ?? '';
  return html`<form method="post" action="/drafts/${draft.number}/slots/${slot}" class="part" id="part-${slot}">${csrfField(model.csrfToken)}
<label for="part-${slot}-text">${label}</label>
<textarea id="part-${slot}-text" name="text" rows="${rows}" maxlength="20000" placeholder="${fallback}">${draft.slots[slot] ?? ''}</textarea>
<button type="submit">Save ${slotName(slot)}</button>
</form>`;
})}
</section>`;
}

function slotName(slot: DraftSlot): string {
  return slot.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
}

function topicMix(model: DraftPageModel): SafeHtml {
  const counts = new Map<string, number>();
  for (const entry of model.draft.sections.flatMap((s) => s.entries)) {
    if (entry.included) counts.set(entry.topic, (counts.get(entry.topic) ?? 0) + 1);
  }
  if (counts.size === 0) return html`<p class="empty">Nothing included yet.</p>`;
  const label = (id: string) => model.topics.find((t) => t.id === id)?.label ?? id;
  const bars = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id, value]) => ({ label: label(id), value }));
  return barChart(bars, 'Included entries by topic');
}
