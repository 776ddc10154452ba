import { createHash } from 'node:crypto';
import { CorrectionError, type DraftEntry, type Section } from '../model/index.js';
import { cleanText } from '../newsletter/render/escape.js';
import type { EntryRef, LabelCorrection, ReviewRepository } from '../storage/index.js';
import { ReviewError } from './errors.js';
import { editorLink, type PageFetcher } from './page-info.js';
import { chooseMainLink, giveLink, MAX_VICTIM, setVictim } from './entry-details.js';

/**
 * What the editor can do to a draft entry. Plain functions of their dependencies: the routes
 * only parse the request and pick one. Each change is written at once (and recorded in the draft's
 * history by the review port); a topic or section change is also stored as a training correction of
 * the story's representative item only when the editor ticks "Teach the classifier" (`teach`).
 */
export interface ActionDeps {
  review: ReviewRepository;
  now: () => Date;
  /** Topic ids an entry may be given. */
  topicIds: ReadonlySet<string>;
  /** The classifier section each draft section holds (latest-news → news, …), for corrections. */
  classifierSection: ReadonlyMap<string, Section>;
  fetchPage: PageFetcher;
  /**
   * Checks a training correction and puts it in its stored form (pipeline/analysis/corrections.ts
   * labelCorrection); the review port writes it with the edit, in the edit's transaction.
   */
  checkCorrection: (correction: { field: 'topic' | 'section'; value: string; at: Date }) => LabelCorrection;
}

export const ENTRY_ACTIONS = ['include', 'exclude', 'up', 'down', 'title', 'blurb', 'topic', 'section', 'victim', 'main-link', 'link', 'revert'] as const;
export type EntryAction = (typeof ENTRY_ACTIONS)[number];

export const MAX_TITLE = 300;
/** A blurb may run to a few lines (issue 19); the exports print it as escaped text. */
export const MAX_BLURB = 1000;

/**
 * Applies one action to an entry; `fields` are the submitted form fields. Each action reads only
 * what it needs: a plain write learns from the write itself whether the entry exists (a title
 * that fails its check is refused before that), a topic or section change reads the entry's
 * current value first.
 */
export async function applyEntryAction(deps: ActionDeps, ref: EntryRef, action: EntryAction, fields: Record<string, unknown>): Promise<void> {
  if (!(await entryAction(deps, ref, action, fields))) throw new ReviewError('not-found', `This draft has no entry ${ref.storyId}.`);
}

/** False when the draft has no such entry. */
function entryAction(deps: ActionDeps, ref: EntryRef, action: EntryAction, fields: Record<string, unknown>): Promise<boolean> {
  switch (action) {
    case 'include':
    case 'exclude':
      return deps.review.setIncluded(ref, action === 'include');
    case 'up':
    case 'down':
      return deps.review.move(ref, action === 'up' ? -1 : 1);
    case 'title':
      return deps.review.setTitle(ref, oneLine(fields.title, 'title', MAX_TITLE, true));
    case 'blurb':
      return deps.review.setBlurb(ref, multiLine(fields.blurb, 'blurb', MAX_BLURB) || null);
    case 'topic':
      return changeTopic(deps, ref, fields.topic, teaches(fields.teach));
    case 'section':
      return changeSection(deps, ref, fields.section, teaches(fields.teach));
    case 'victim':
      return setVictim(deps, ref, oneLine(fields.victim, 'victim', MAX_VICTIM, false));
    case 'main-link':
      return chooseMainLink(deps, ref, fields.link);
    case 'link':
      return giveLink(deps, ref, fields.url);
    case 'revert':
      return deps.review.revert(ref);
  }
}

/**
 * The "Teach the classifier" checkbox (issue 19): a training correction only when the editor asks
 * for one. A move made for layout ("this fits the Wall of Shame better") is not a label the
 * classifier got wrong, and storing it silently taught the model the editor's layout.
 */
function teaches(value: unknown): boolean {
  return value === 'on' || value === '1' || value === 'true' || value === true;
}

async function changeTopic(deps: ActionDeps, ref: EntryRef, value: unknown, teach: boolean): Promise<boolean> {
  const place = await deps.review.entry(ref);
  if (!place) return false;
  const topic = field(value, 'topic');
  requireTopic(deps, topic);
  if (topic === place.topic) return true;
  return corrected(() => deps.review.changeTopic(ref, topic, teach ? deps.checkCorrection({ field: 'topic', value: topic, at: deps.now() }) : undefined));
}

async function changeSection(deps: ActionDeps, ref: EntryRef, value: unknown, teach: boolean): Promise<boolean> {
  const place = await deps.review.entry(ref);
  if (!place) return false;
  const sectionId = field(value, 'section');
  const previous = place.sectionId;
  await requireSection(deps, ref.draftId, sectionId);
  if (sectionId === previous) return true;
  // Only a move between a news and a press-release section can correct the classifier: Latest
  // News and the Wall of Shame both hold news, and which one a story lands in follows its topic.
  const from = deps.classifierSection.get(previous);
  const to = deps.classifierSection.get(sectionId);
  const correction = teach && from && to && from !== to ? deps.checkCorrection({ field: 'section', value: to, at: deps.now() }) : undefined;
  // Back to the section it came from: back to its place there, not the end (issue 19).
  const position = await deps.review.placeBeforeMove(ref, sectionId);
  return corrected(() => deps.review.moveToSection(ref, sectionId, correction, position));
}

/**
 * A topic or section edit with its correction. A refused correction (refused by the check before
 * the write, or by the port inside the edit's transaction, which then rolls the edit back) is the
 * editor's bad request, not a bug.
 */
async function corrected(edit: () => Promise<boolean>): Promise<boolean> {
  try {
    return await edit();
  } catch (error) {
    if (error instanceof CorrectionError) throw new ReviewError('bad-request', error.message, { cause: error });
    throw error;
  }
}

export interface ManualLink {
  url: string;
  /** Default: the draft's first section. */
  sectionId?: string;
  title?: string;
  source?: string;
  topic?: string;
}

/**
 * Adds a link the editor found elsewhere. Typed title and source win; what is missing is read
 * from the page. An unreachable page with no typed title is refused, asking for one.
 */
export async function addManualLink(deps: ActionDeps, draftId: number, link: ManualLink): Promise<string> {
  const url = editorLink(link.url);
  const sectionId = link.sectionId ?? (await deps.review.firstSectionId(draftId)) ?? '';
  await requireSection(deps, draftId, sectionId);
  const topic = link.topic || 'other';
  requireTopic(deps, topic);
  let title = oneLine(link.title ?? '', 'title', MAX_TITLE, false);
  let source = oneLine(link.source ?? '', 'source', 100, false);
  let publishedAt: string | undefined;
  if (!title || !source) {
    try {
      const page = await deps.fetchPage(url);
      title ||= page.title ?? '';
      source ||= page.source;
      publishedAt = page.publishedAt;
    } catch (error) {
      if (!title || !(error instanceof ReviewError)) throw error;
    }
  }
  if (!title) throw new ReviewError('unreachable', 'The page has no title: type one by hand.');
  source ||= new URL(url).hostname.replace(/^www\./, '');
  const storyId = `manual-${createHash('sha256').update(url).digest('hex').slice(0, 12)}`;
  const entry: DraftEntry = {
    storyId,
    title,
    url,
    source,
    sourceId: 'manual',
    blurb: null,
    topic,
    topicScores: [],
    publishedAt: publishedAt ?? deps.now().toISOString(),
    coverage: 1,
    alsoCoveredBy: [],
    victims: [],
    cves: [],
    score: 0,
    rankReasons: ['added by the editor'],
    included: true,
  };
  if (!(await deps.review.addEntry(draftId, sectionId, entry))) throw new ReviewError('conflict', 'That link is already in this draft.');
  return storyId;
}

export function field(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new ReviewError('bad-request', `Missing ${name}.`);
  return value;
}

/** A single line of editor text: controls and newlines removed, length-checked. */
export function oneLine(value: unknown, name: string, max: number, required: boolean): string {
  if (value !== undefined && typeof value !== 'string') throw new ReviewError('bad-request', `Bad ${name}.`);
  const text = cleanText(value ?? '');
  if (required && text === '') throw new ReviewError('bad-request', `The ${name} cannot be empty.`);
  if (text.length > max) throw new ReviewError('bad-request', `The ${name} is longer than ${max} characters.`);
  return text;
}

/**
 * Editor text that may run to several lines (a blurb): line ends made \n, controls and invisible
 * characters dropped, spaces within a line collapsed, at most one blank line in a row, length-checked.
 */
function multiLine(value: unknown, name: string, max: number): string {
  if (value !== undefined && typeof value !== 'string') throw new ReviewError('bad-request', `Bad ${name}.`);
  const text = (value ?? '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(cleanText)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (text.length > max) throw new ReviewError('bad-request', `The ${name} is longer than ${max} characters.`);
  return text;
}

function requireTopic(deps: ActionDeps, topic: string): void {
  if (!deps.topicIds.has(topic)) throw new ReviewError('bad-request', `Unknown topic "${topic}".`);
}

export async function requireSection(deps: ActionDeps, draftId: number, sectionId: string): Promise<void> {
  if (!(await deps.review.hasSection(draftId, sectionId))) throw new ReviewError('bad-request', `This draft has no section "${sectionId}".`);
}
