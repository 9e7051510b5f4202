import type { ErrorCode, ErrorDetails } from '../../shared/errors';

/**
 * What a service found out about a refused call that its channel's audit entry must say and the
 * router cannot know: who proved to be asking (the PIN's user at the lock screen), whether it was
 * a denial, and the entry's details (a wrong PIN's count). The router writes the one entry with
 * it; it never reaches the renderer.
 */
export interface AuditReport {
  actor?: string | null;
  outcome?: 'failed' | 'denied';
  detail?: Record<string, unknown>;
}

/**
 * Thrown by services; the router turns it into `{ ok: false, error }`. The error it wraps stays as
 * its `cause` (ES2022) for main's log; the router never sends the cause to the renderer.
 */
export class AppError extends Error {
  /** The call's audit entry as the service saw it (see AuditReport); the router records it. */
  readonly audit?: AuditReport;

  constructor(
    readonly code: ErrorCode,
    readonly details?: ErrorDetails,
    options?: { cause?: unknown; audit?: AuditReport },
  ) {
    super(code, options);
    this.name = 'AppError';
    if (options?.audit) this.audit = options.audit;
  }
}
