import type { ErrorCode, ErrorDetails } from '../../shared/errors';

/**
 * Thrown by services; the router turns it into `{ ok: false, error }`. The error it wraps stays as
 * its `cause` (ES2022) for main's log; the router never sends the cause to the renderer.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: ErrorDetails,
    options?: { cause?: unknown },
  ) {
    super(code, options);
    this.name = 'AppError';
  }
}
