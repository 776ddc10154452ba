import type { DraftEvent, DraftHistory, StoredDraft } from '../../storage/index.js';
import { formatUtc } from '../../model/time-format.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField } from './layout.js';

/**
 * The draft page's workbench bar (issue 19): the way into the week's pool (a link and a GET search
 * form, both working without the page script), undo and redo as plain forms, and the latest edits in
 * words.
 */
export interface WorkbenchModel {
  draft: StoredDraft;
  /** Window stories the draft does not hold. */
  poolSize: number;
  history: DraftHistory;
  topics: readonly { id: string; label: string }[];
  csrfToken: string;
}

/** Edits listed on the draft page. */
export const HISTORY_SHOWN = 20;

export function workbench(model: WorkbenchModel): SafeHtml {
  const base = `/drafts/${model.draft.number}`;
  const { history } = model;
  const step = (name: 'undo' | 'redo', label: string, enabled: boolean) =>
    html`<form method="post" action="${base}/${name}" class="inline">${csrfField(model.csrfToken)}<button type="submit" data-history="${name}"${enabled ? '' : html` disabled`}>${label}</button></form>`;
  return html`<section class="workbench" aria-label="Pool and history">
<p class="pool-link"><a href="${base}/pool">The week's pool (${model.poolSize} ${model.poolSize === 1 ? 'story' : 'stories'} not in this issue)</a></p>
<form method="get" action="${base}/pool" class="pool-search" role="search"><label>Search the pool <input type="search" name="q" placeholder="title, summary or source"></label> <button type="submit">Search</button></form>
<div class="history-buttons">${step('undo', 'Undo', history.canUndo)}${step('redo', 'Redo', history.canRedo)}</div>
<details class="history"><summary>History (${history.events.length === 0 ? 'no edits yet' : `latest ${history.events.length}`})</summary>
${history.events.length ? html`<ol class="history-list">${history.events.map((e) => html`<li${e.undone ? html` class="undone"` : ''}><time datetime="${e.at}">${formatUtc(e.at)}</time> ${describeEvent(e, model)}${e.undone ? ' (undone)' : ''}</li>`)}</ol>` : html`<p class="empty">Edits of entries show here, newest first.</p>`}
</details>
</section>`;
}

/** One edit in words: `Excluded "Title"`, `Moved "Title" to Wall of Shame`, … */
export function describeEvent(event: DraftEvent, context: Pick<WorkbenchModel, 'draft' | 'topics'>): string {
  const before = event.before?.entry;
  const after = event.after?.entry;
  const title = `"${after?.title ?? before?.title ?? event.storyId}"`;
  const section = (id: string | undefined) => context.draft.sections.find((s) => s.id === id)?.title ?? id ?? '?';
  const topic = (id: string | undefined) => context.topics.find((t) => t.id === id)?.label ?? id ?? '?';
  switch (event.action) {
    case 'include':
      return `Included ${title}`;
    case 'exclude':
      return `Excluded ${title}`;
    case 'up':
    case 'down':
      return `Moved ${title} ${event.action}`;
    case 'title':
      return `Retitled "${before?.title ?? ''}" as ${title}`;
    case 'blurb':
      return `Edited the blurb of ${title}`;
    case 'topic':
      return `Set the topic of ${title} to ${topic(after?.topic)}`;
    case 'section':
      return `Moved ${title} to ${section(event.after?.sectionId)}`;
    case 'add':
      return `Added the link ${title}`;
    case 'promote':
      return `Promoted ${title} from the pool into ${section(event.after?.sectionId)}`;
    case 'victim':
      return after?.victims[0] ? `Named the victim of ${title}: ${after.victims[0]}` : `Removed the victim of ${title}`;
    case 'main-link':
      return `Made ${after?.source ?? '?'} the main link of ${title}`;
    case 'link':
      return `Gave ${title} a link`;
    case 'revert':
      return `Reverted ${title} to the original`;
  }
}
