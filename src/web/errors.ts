import { SecdigestError } from '../model/errors.js';

/** What a review request can fail with; each maps to one HTTP status in the error handler. */
export const REVIEW_ERROR_STATUS = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  /** A manual link whose page could not be read, and no title was typed. */
  unreachable: 422,
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
