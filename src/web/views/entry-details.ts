import type { DraftEntry } from '../../model/index.js';
import { hasLink } from '../../newsletter/links.js';
import { html, type SafeHtml } from '../html.js';
import { MAX_VICTIM } from '../entry-details.js';
import { csrfField } from './layout.js';

/**
 * The entry details an editor owns (issue 19): the victim the Wall of Shame names, the main link
 * among the story's outlets, a link for an entry that has none, and "Revert to original". Plain
 * forms, included in the entry's Edit panel (entry.ts).
 */
export interface DetailsContext {
  draftNumber: number;
  sectionId: string;
  csrfToken: string;
}

const path = (ctx: DetailsContext, entry: DraftEntry, action: string) =>
  `/drafts/${ctx.draftNumber}/entries/${encodeURIComponent(entry.storyId)}/${action}`;

/** The victim's name on the page: on the Wall of Shame, or wherever the entry names one. */
export function victimLine(entry: DraftEntry, ctx: Pick<DetailsContext, 'sectionId'>): SafeHtml | '' {
  const victim = entry.victims[0];
  if (!victim && ctx.sectionId !== 'wall-of-shame') return '';
  return html`<p class="victim">Victim: ${victim ? html`<strong>${victim}</strong>` : html`<em>none named</em>`}</p>`;
}

/** Text with its line breaks kept, each line escaped. */
export function textLines(text: string): SafeHtml {
  return html`${text.split('\n').map((line, i) => html`${i > 0 ? html`<br>` : ''}${line}`)}`;
}

export function entryDetailForms(entry: DraftEntry, ctx: DetailsContext): SafeHtml {
  const form = (action: string, body: SafeHtml, button: string) =>
    html`<form method="post" action="${path(ctx, entry, action)}" class="edit-${action}">${csrfField(ctx.csrfToken)}${body}<button type="submit">${button}</button></form>`;
  const outlets = entry.alsoCoveredBy.filter((link) => hasLink(link.url));
  return html`${form('victim', html`<label>Victim <input name="victim" value="${entry.victims[0] ?? ''}" maxlength="${MAX_VICTIM}" placeholder="the organisation hit (Wall of Shame)"></label>`, 'Save victim')}
${outlets.length ? form('main-link', html`<label>Main link <select name="link"><option value="" selected>${entry.source} (now)</option>${outlets.map((l) => html`<option value="${l.url ?? ''}">${l.source}</option>`)}</select></label>`, 'Use as main link') : ''}
${hasLink(entry.url) ? '' : form('link', html`<label>Link <input name="url" type="url" required placeholder="https://…"></label>`, 'Add the link')}
${form('revert', html``, 'Revert to original')}`;
}
