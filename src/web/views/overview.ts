import { feedAttention, feedHealth, movedNote } from '../../model/feed-health.js';
import { formatUtc, timeAgo } from '../../model/time-format.js';
import type { DraftSummary } from '../../storage/index.js';
import type { FeedActivity } from '../../storage/index.js';
import { externalLink, html, type SafeHtml } from '../html.js';
import { sparkline } from './charts.js';
import { layout } from './layout.js';

export function draftsPage(drafts: readonly DraftSummary[], csrfToken: string): string {
  const body = drafts.length
    ? html`<h1>Drafts</h1>${scrollable('Drafts', html`<table class="list"><thead><tr><th>Issue</th><th>Date</th><th>Window</th><th class="num">Entries</th><th>Created</th></tr></thead><tbody>
${drafts.map((d) => html`<tr><td><a href="/drafts/${d.number}">#${d.number}</a></td><td>${d.date}</td><td>${formatUtc(d.since)} – ${formatUtc(d.until)}</td><td class="num">${d.entries}</td><td>${formatUtc(d.createdAt)}</td></tr>`)}
</tbody></table>`)}`
    : html`<h1>Drafts</h1><p class="empty">No drafts yet: run <code>secdigest draft</code> first.</p>`;
  return layout({ title: 'Drafts', csrfToken, active: 'drafts', body });
}

/**
 * The feed-health page. `isEnabled` says whether feeds.yaml fetches a feed (a stored feed that is
 * off, or no longer listed, shows as disabled and never needs attention); the rule is the one
 * `secdigest feeds` and `doctor` use (model/feed-health.ts).
 */
export function feedsPage(
  feeds: readonly FeedActivity[],
  options: { now: Date; days: number; csrfToken: string; isEnabled?: (feedId: string) => boolean },
): string {
  const isEnabled = options.isEnabled ?? (() => true);
  const attention = feeds.filter((f) => feedAttention(f, isEnabled(f.id))).length;
  const body = html`<h1>Feed health</h1>
<p class="window">${feeds.length} feeds, ${attention} need attention · items published per day over the last ${options.days} days (UTC)</p>
${scrollable('Feeds', html`<table class="list feeds"><thead><tr><th>Feed</th><th>Kind</th><th>Status</th><th>Last success</th><th class="num">Errors</th><th>Last error</th><th>Items per day</th><th class="num">Total</th></tr></thead><tbody>
${feeds.map((f) => {
  const enabled = isEnabled(f.id);
  const status = feedHealth(f, enabled) === 'disabled' ? 'disabled' : (f.lastStatus ?? 'never fetched');
  const total = f.itemsPerDay.reduce((a, b) => a + b, 0);
  return html`<tr class="${feedAttention(f, enabled) ? 'attention' : ''}">
<td>${externalLink(f.url, f.name, 'feed-name')}<div class="feed-id">${f.id}</div></td>
<td>${f.kind}</td>
<td><span class="status status-${status.replace(/[^a-z-]/g, '')}">${status}</span></td>
<td title="${formatUtc(f.lastSuccessAt)}">${timeAgo(f.lastSuccessAt, options.now)}</td>
<td class="num" title="in a row now / failed fetches in ${options.days} days">${f.consecutiveErrors} / ${f.recentErrors}</td>
<td class="error">${f.lastErrorCode ? html`<code>${f.lastErrorCode}</code> ${f.lastError ?? ''}` : ''}${f.disabledReason ? html`<div>${f.disabledReason}</div>` : ''}${f.movedTo ? html`<div>${movedNote(f.movedTo)}</div>` : ''}</td>
<td>${sparkline(f.itemsPerDay, `${f.name}: ${f.itemsPerDay.join(', ')} items per day`)}</td>
<td class="num">${total}</td>
</tr>`;
})}
</tbody></table>`)}`;
  return layout({ title: 'Feed health', csrfToken: options.csrfToken, active: 'feeds', body });
}

/**
 * The page of a failed request. One under /drafts/N (a no-script form post that failed: an empty
 * title, an unreadable link) links back to that draft, where the editor was (issue 19).
 */
export function errorPage(status: number, message: string, csrfToken: string, path = ''): string {
  const draft = /^\/drafts\/(\d{1,9})\//.exec(path)?.[1];
  const back = draft ? html`<a href="/drafts/${draft}">Back to issue #${draft}</a> · <a href="/drafts">All drafts</a>` : html`<a href="/drafts">Back to the drafts</a>`;
  return layout({ title: `Error ${status}`, csrfToken, active: 'drafts', body: html`<h1>${status === 404 ? 'Not found' : 'Something went wrong'}</h1><p class="error-message">${message}</p><p>${back}</p>` });
}

/**
 * A wide table in a box that scrolls sideways by itself, so a narrow screen (320–390 px) never
 * scrolls the whole page. Focusable and named: a keyboard user can scroll it (axe
 * scrollable-region-focusable).
 */
function scrollable(label: string, table: SafeHtml): SafeHtml {
  return html`<div class="table-scroll" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
}
