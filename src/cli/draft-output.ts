import type { DraftRun } from '../commands/draft.js';
import type { ExportResult } from '../commands/export.js';
import type { SkipReason } from '../newsletter/index.js';
import type { DraftSummary } from '../storage/index.js';
import { renderTable } from './format.js';

const BASIS: Record<DraftRun['basis'], string> = {
  since: 'from --since',
  window: 'from --window',
  'last-draft': 'since the last draft ended',
  default: 'the default window: no earlier draft',
};

const SKIPPED: Record<SkipReason, string> = {
  'already-used': 'already in a sent issue',
  irrelevant: 'irrelevant',
  'no-section': 'no matching section',
  duplicate: 'duplicate',
  'no-link': 'without a link',
  folded: 'folded into another story of the same company',
};

/** `secdigest draft`'s summary: the issue, its window, entries per section, what was left out. */
export function renderDraftSummary(run: DraftRun): string {
  const { draft } = run;
  if (!draft) {
    return [
      `Nothing to draft: no new stories first seen ${minute(run.window.since)} to ${minute(run.window.until)} UTC (${BASIS[run.basis]}); no draft stored`,
      `${run.stories} ${run.stories === 1 ? 'story' : 'stories'} in the window: ${leftOut(run, ['0 drafted']).join(', ')}`,
      ...(run.kept !== null ? [`The unsent draft #${run.kept} of this date was kept as it was`] : []),
    ].join('\n');
  }
  const lines = [
    `Draft #${draft.number} for ${draft.date}: stories first seen ${minute(draft.window.since)} to ${minute(draft.window.until)} UTC (${BASIS[run.basis]})`,
    ...(run.replaced !== null ? [`  (replaced the unsent draft #${run.replaced} of this date and discarded its edits; --new keeps it and drafts another)`] : []),
    '',
  ];
  const rows = draft.sections.map((s) => {
    const cut = run.overflow.find((o) => o.sectionId === s.id)?.entries.length ?? 0;
    return [s.title, `${s.entries.length} ${s.entries.length === 1 ? 'entry' : 'entries'}`, cut > 0 ? `${cut} more over the limit` : ''];
  });
  lines.push(...renderTable(['SECTION', 'ENTRIES', 'OVERFLOW'], rows).split('\n').map((l) => `  ${l}`), '');

  const drafted = draft.sections.reduce((n, s) => n + s.entries.length, 0);
  const overflow = run.overflow.reduce((n, o) => n + o.entries.length, 0);
  const parts = [`${drafted} drafted`];
  if (overflow > 0) parts.push(`${overflow} over the limits`);
  lines.push(`${run.stories} ${run.stories === 1 ? 'story' : 'stories'} in the window: ${leftOut(run, parts).join(', ')}`);
  if (run.unclassified > 0) {
    lines.push(`  (unclassified stories are left out; \`secdigest collect\` classifies what it stores)`);
  }
  lines.push(`Export it with: secdigest export ${draft.number} --format md --out issue-${draft.number}.md`);
  lines.push(`Once it is out: secdigest draft sent ${draft.number} (its stories are then not drafted again)`);
  return lines.join('\n');
}

/** The counts of what was left out before ranking, after `parts`. */
function leftOut(run: DraftRun, parts: string[]): string[] {
  const counts = new Map<SkipReason, number>();
  for (const s of run.skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  const all = [...parts];
  for (const [reason, n] of counts) all.push(`${n} ${SKIPPED[reason]}`);
  if (run.unclassified > 0) all.push(`${run.unclassified} not classified yet`);
  return all;
}

/** What `export --out` reports (stdout stays free for the issue itself otherwise). */
export function renderExportNote(result: ExportResult): string {
  return `wrote draft #${result.number} (${result.date}) as ${result.format}, ${result.bytes} bytes, to ${result.file}`;
}

function minute(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

/** `secdigest drafts`: one line per draft, newest first. */
export function renderDraftList(drafts: readonly DraftSummary[]): string {
  if (drafts.length === 0) return 'No drafts yet: run `secdigest draft`';
  const rows = drafts.map((d) => [`#${d.number}`, d.date, `${minute(d.since)} to ${minute(d.until)}`, String(d.entries), d.sentAt ? `sent ${minute(d.sentAt)}` : 'draft']);
  return renderTable(['ISSUE', 'DATE', 'WINDOW (UTC)', 'ENTRIES', 'STATUS'], rows);
}
