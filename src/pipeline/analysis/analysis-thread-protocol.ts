/** The messages between the analysis stage and its thread (analysis-thread.ts, analysis-thread-entry.ts). */
import type { Classification, ClassifySettings } from '../../model/index.js';
import type { PreparedWire } from '../dedupe/index.js';
import type { ClassifiableItem } from './classifier.js';

export interface ThreadSetup {
  model: unknown;
  modelId: number | null;
  settings: ClassifySettings;
}

export type ThreadRequest =
  | { kind: 'classify'; seq: number; items: ClassifiableItem[] }
  | { kind: 'prepare'; seq: number; texts: [title: string, summary: string][] };

export type ThreadReply =
  | { kind: 'ready' }
  | { kind: 'classified'; seq: number; byItem: ReadonlyMap<string, Classification>; failures: { itemId: string; message: string }[] }
  | { kind: 'prepared'; seq: number; chunk: number; items: PreparedWire[] };

/** Items per `prepared` reply: the main thread waits for the first chunk only. */
export const PREPARE_CHUNK = 100;

