import type { ErrorCode, ErrorDetails } from '../../shared/errors';

/** Thrown by services; the router turns it into `{ ok: false, error }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: ErrorDetails,
  ) {
    super(code);
    this.name = 'AppError';
  }
}
