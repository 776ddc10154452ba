import { SecdigestError } from '../model/errors.js';
import { asStorageError } from '../storage/index.js';

/** What a review request can fail with; each maps to one HTTP status in the error handler. */
export const REVIEW_ERROR_STATUS = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  /** A manual link whose page could not be read, and no title was typed. */
  unreachable: 422,
  /** The database could not be used: another process keeps it locked, the disk is full, … */
  unavailable: 503,
} as const;

export type ReviewErrorCode = keyof typeof REVIEW_ERROR_STATUS;

export class ReviewError extends SecdigestError {
  declare readonly code: ReviewErrorCode;
  constructor(code: ReviewErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }

  get status(): number {
    return REVIEW_ERROR_STATUS[this.code];
  }
}

/**
 * A SQLite failure of the environment as the editor should read it (503, try again), or undefined
 * for anything else. A lock held by a collect or an `analyze --db` passes in seconds.
 */
export function databaseUnavailable(error: unknown): ReviewError | undefined {
  const failure = asStorageError(error);
  if (!failure?.environmental) return undefined;
  const message = failure.failure === 'busy'
    ? 'The database is busy: another secdigest process is writing to it. Try again in a moment.'
    : `The database could not be used (${failure.driverCode}: ${failure.message}).`;
  return new ReviewError('unavailable', message, { cause: error });
}
