import type { Draft } from '../model/draft.js';
import { cleanText } from '../newsletter/render/escape.js';
import { displayTitle } from '../newsletter/render/view.js';

/** One sent issue as the site shows it: plain text fields (escaped by whoever prints them) and its HTML fragment. */
export interface PublishedIssue {
  number: number;
  /** The issue's date (YYYY-MM-DD), as plain text. */
  date: string;
  sentAt: Date;
  /** Plain text, never empty. */
  headline: string;
  /** Site-relative path of its page, e.g. `issues/3.html`. */
  path: string;
  /** The export's HTML rendering of the issue (already escaped by the renderer). */
  fragment: string;
}

/** Shown when an issue has no included entry to take a headline from. */
export const NO_HEADLINE = 'No stories';

/**
 * The issue's headline: the first entry of the `lead` section when it has one, else of the first
 * section that has one. Only included entries count: an entry the editor excluded was never in
 * the sent issue, so its title must not be published as the issue's headline either.
 */
export function headlineOf(draft: Draft): string {
  const included = (id?: string) =>
    draft.sections.filter((s) => id === undefined || s.id === id).flatMap((s) => s.entries.filter((e) => e.included))[0];
  const entry = included('lead') ?? included();
  return entry ? displayTitle(entry.title) : NO_HEADLINE;
}

/**
 * The sent drafts as published issues, newest (highest number) first; drafts not sent are left
 * out whatever the caller passed, and a number seen twice keeps its first draft. `render` gives
 * the issue's HTML fragment.
 */
export function publishedIssues(drafts: readonly Draft[], render: (draft: Draft) => string, now: Date): PublishedIssue[] {
  const byNumber = new Map<number, PublishedIssue>();
  for (const draft of drafts) {
    if (draft.sentAt === null || byNumber.has(draft.number)) continue;
    // The number becomes a file name: only a positive whole number may.
    if (!Number.isSafeInteger(draft.number) || draft.number < 1) throw new TypeError(`draft number ${String(draft.number)} is not a positive whole number`);
    byNumber.set(draft.number, {
      number: draft.number,
      date: cleanText(draft.date),
      sentAt: validDate(draft.sentAt) ?? validDate(draft.createdAt) ?? now,
      headline: headlineOf(draft),
      path: `issues/${draft.number}.html`,
      fragment: render(draft),
    });
  }
  return [...byNumber.values()].sort((a, b) => b.number - a.number);
}

function validDate(text: string): Date | undefined {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
