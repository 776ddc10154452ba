/** The messages between the analysis stage and its thread (analysis-thread.ts, analysis-thread-entry.ts). */
import type { Classification, ClassifySettings } from '../../model/index.js';
import type { PreparedWire } from '../dedupe/index.js';
import type { ClassifiableItem } from './classifier.js';

export interface ThreadSetup {
  model: unknown;
  modelId: number | null;
  settings: ClassifySettings;
}

/**
 * `batch`: classify `items` and prepare the chunks of `texts` (filing order) the main thread
 * leaves; `prepare`: only that (a stored window being loaded).
 */
export type ThreadRequest =
  | { kind: 'batch'; seq: number; items: ClassifiableItem[]; texts: [title: string, summary: string][]; claims: Int32Array }
  | { kind: 'prepare'; seq: number; texts: [title: string, summary: string][]; claims: Int32Array };

export type ThreadReply =
  | { kind: 'ready' }
  | { kind: 'classified'; seq: number; byItem: ReadonlyMap<string, Classification>; failures: { itemId: string; message: string }[] }
  | { kind: 'prepared'; seq: number; chunk: number; items: PreparedWire[] };

/** Texts per chunk: the unit the two threads share out (CLAIM), and items the thread classifies between two chunks. */
export const PREPARE_CHUNK = 100;

/**
 * Who prepares a chunk, one Int32 per chunk in memory both threads share: whoever swaps `free` for
 * its own mark first (Atomics.compareExchange). The main thread takes chunks from the front as it
 * files them; the thread takes them from the back between slices of classification, so the two
 * share the work whatever their speeds.
 */
export const CLAIM = { free: 0, thread: 1, main: 2 } as const;
