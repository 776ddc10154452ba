import fs from 'node:fs';
import type { App } from '../app.js';
import { DRAFT_SLOTS, UsageError, type DraftSlot } from '../model/index.js';
import type { DraftSummary } from '../storage/index.js';

/*
 * A draft's life after `secdigest draft` (issue 18): list the drafts, delete one, mark one sent
 * (only sent issues use up their stories), and fill the editor-written parts from a file or text.
 */

type DraftsApp = Pick<App, 'storage' | 'now'>;

/** A draft number as typed (`3` or `#3`). */
export function parseDraftNumber(text: string): number {
  const value = /^#?\d+$/.test(text.trim()) ? Number(text.trim().replace('#', '')) : NaN;
  if (!Number.isSafeInteger(value) || value < 1) throw new UsageError(`DRAFT must be a draft number such as 3 (got "${text}")`);
  return value;
}

/** "no draft #7 (drafts: 1, 2, 3)", or how to make the first one. */
export function missingDraftMessage(drafts: readonly DraftSummary[], number: number | undefined): string {
  if (drafts.length === 0) return 'there is no draft yet: run `secdigest draft` first';
  const numbers = drafts.map((d) => d.number).sort((a, b) => a - b);
  return `no draft #${number} (drafts: ${numbers.length > 10 ? `${numbers[0]}–${numbers.at(-1)}` : numbers.join(', ')})`;
}

export interface DeleteResult {
  number: number;
  deleted: boolean;
}

/** Deletes a draft; a sent issue only with `force` (it is in the archive and its stories are used). */
export async function deleteDraft(app: Pick<App, 'storage'>, draft: string, options: { force?: boolean } = {}): Promise<DeleteResult> {
  const number = parseDraftNumber(draft);
  const outcome = await app.storage.drafts.delete(number, { evenIfSent: options.force === true });
  if (outcome === 'missing') throw new UsageError(missingDraftMessage(await app.storage.drafts.list(), number));
  if (outcome === 'sent') throw new UsageError(`issue #${number} was sent: it stays in the archive. Pass --force to delete it anyway`);
  return { number, deleted: true };
}

export interface SentResult {
  number: number;
  /** When it is marked sent now; null after --undo. */
  sentAt: string | null;
  /** It was already in the state asked for (then nothing changed). */
  unchanged: boolean;
}

/** Marks an issue sent now (a second call keeps the first time), or not sent with `undo`. */
export async function markSent(app: DraftsApp, draft: string, options: { undo?: boolean } = {}): Promise<SentResult> {
  const number = parseDraftNumber(draft);
  const at = options.undo ? null : app.now().toISOString();
  const change = await app.storage.drafts.setSent(number, at);
  if (!change.found) throw new UsageError(missingDraftMessage(await app.storage.drafts.list(), number));
  if (options.undo) return { number, sentAt: null, unchanged: change.before === null };
  return { number, sentAt: change.before ?? at, unchanged: change.before !== null };
}

export interface FillOptions {
  file?: string | undefined;
  text?: string | undefined;
  clear?: boolean | undefined;
}

export interface FillResult {
  number: number;
  slot: DraftSlot;
  /** Characters stored; 0 when cleared. */
  chars: number;
}

/** Most characters one slot holds: a lead commentary of several paragraphs fits many times over. */
export const MAX_SLOT_CHARS = 20_000;

/** Fills (or clears) one editor-written part of a draft from a file or text. */
export async function fillSlot(app: Pick<App, 'storage'>, draft: string, slotName: string, options: FillOptions): Promise<FillResult> {
  const number = parseDraftNumber(draft);
  const slot = parseSlot(slotName);
  const given = [options.file !== undefined, options.text !== undefined, options.clear === true].filter(Boolean).length;
  if (given !== 1) throw new UsageError('give exactly one of --file FILE, --text TEXT or --clear');
  const text = options.clear ? null : normalizeSlotText(options.file !== undefined ? readSlotFile(options.file) : (options.text ?? ''));
  if (text !== null && text.length > MAX_SLOT_CHARS) throw new UsageError(`${slot} is ${text.length} characters: at most ${MAX_SLOT_CHARS}`);
  const stored = await app.storage.drafts.setSlot(number, slot, text === '' ? null : text);
  if (!stored) throw new UsageError(missingDraftMessage(await app.storage.drafts.list(), number));
  return { number, slot, chars: text?.length ?? 0 };
}

export function parseSlot(name: string): DraftSlot {
  if ((DRAFT_SLOTS as readonly string[]).includes(name)) return name as DraftSlot;
  throw new UsageError(`unknown part "${name}" (parts: ${DRAFT_SLOTS.join(', ')})`);
}

/** Line ends made \n, trailing spaces and blank lines at either end dropped: what the editor meant. */
export function normalizeSlotText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

function readSlotFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
