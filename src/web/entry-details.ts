import type { EntryRef, ReviewRepository } from '../storage/index.js';
import { safeHttpUrl } from '../newsletter/render/url.js';
import { ReviewError } from './errors.js';
import { editorLink } from './page-info.js';

/**
 * The entry details an editor owns (issue 19, point 3): the victim the Wall of Shame names, which
 * outlet is the main link, and a link for an entry that has none. Each resolves false when the
 * draft has no such entry, and is recorded in the draft's history by the review port.
 */

type Deps = { review: Pick<ReviewRepository, 'snapshot' | 'setVictims' | 'setLink'> };

export const MAX_VICTIM = 200;

/** Sets the first victim (the name the exports print); an empty name removes it. */
export async function setVictim(deps: Deps, ref: EntryRef, name: string): Promise<boolean> {
  const current = await deps.review.snapshot(ref);
  if (!current) return false;
  const others = current.entry.victims.slice(1);
  return deps.review.setVictims(ref, name === '' ? others : [name, ...others]);
}

/**
 * Makes one of the story's other outlets (`url`: its link, as the form lists them) the entry's
 * main link and source; the old main link takes its place among the outlets. The title stays the
 * editor's.
 */
export async function chooseMainLink(deps: Deps, ref: EntryRef, url: unknown): Promise<boolean> {
  if (typeof url !== 'string' || url === '') throw new ReviewError('bad-request', 'Choose the outlet to link to.');
  const current = await deps.review.snapshot(ref);
  if (!current) return false;
  const { entry } = current;
  const i = entry.alsoCoveredBy.findIndex((link) => link.url === url);
  if (i < 0) throw new ReviewError('bad-request', 'That link is not one of this story\'s outlets.');
  const chosen = entry.alsoCoveredBy[i]!;
  if (!safeHttpUrl(chosen.url)) throw new ReviewError('bad-request', `${chosen.source} has no http(s) link to use.`);
  const outlets = [...entry.alsoCoveredBy];
  outlets[i] = { source: entry.source, sourceId: entry.sourceId, title: entry.title, url: entry.url };
  return deps.review.setLink(ref, { url: chosen.url, source: chosen.source, sourceId: chosen.sourceId, alsoCoveredBy: outlets }, 'main-link');
}

/** Gives a link-less entry (no http(s) link) the link the editor typed, by the rules of "Add a link". */
export async function giveLink(deps: Deps, ref: EntryRef, raw: unknown): Promise<boolean> {
  if (typeof raw !== 'string' || raw.trim() === '') throw new ReviewError('bad-request', 'Type the link (https://…).');
  const url = editorLink(raw);
  const current = await deps.review.snapshot(ref);
  if (!current) return false;
  const { entry } = current;
  if (safeHttpUrl(entry.url)) throw new ReviewError('conflict', 'This entry already has a link: choose another outlet as its main link instead.');
  const source = entry.source.trim() || new URL(url).hostname.replace(/^www\./, '');
  return deps.review.setLink(ref, { url, source, sourceId: entry.sourceId, alsoCoveredBy: entry.alsoCoveredBy }, 'link');
}
