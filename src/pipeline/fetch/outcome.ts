import type { FeedError, FetchOutcome } from '../../model/index.js';

/** A `FetchOutcome` before the fetcher stamps `attempts` and `durationMs` on it. */
export type OutcomeBody = FetchOutcome extends infer O
  ? O extends FetchOutcome
    ? Omit<O, 'attempts' | 'durationMs'>
    : never
  : never;

export function failed(status: number | null, error: FeedError): OutcomeBody {
  return { kind: 'failed', status, error };
}

export function stamp(body: OutcomeBody, attempts: number, durationMs: number): FetchOutcome {
  return { ...body, attempts, durationMs };
}
