/**
 * Error codes that cross IPC as data. Codes are stable (the renderer and tests branch on them);
 * messages are localized in main and never carry personal data.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN',
  'LOCKED',
  'WRONG_PIN',
  'THROTTLED',
  'SLOT_DISABLED',
  'RECOVERY_REQUIRED',
  'WRONG_RECOVERY_CODE',
  'WEAK_PIN',
  'PIN_MISMATCH',
  'PIN_CHANGE_REQUIRED',
  'NOT_FOUND',
  'CONFLICT',
  'CORRUPT',
  'VAULT_TOO_NEW',
  'ALREADY_SETUP',
  'NOT_SETUP',
  'DEVICE_CHANGED',
  'KEYSTORE_UNAVAILABLE',
  'INVALID_PHONE',
  'SENSITIVE_DATA',
  'FIELD_DISABLED',
  'GUARDIAN_REQUIRED',
  'BUSY',
  'BAD_FILE',
  'CANCELLED',
  'NO_ACCESS',
  'DISK_FULL',
  'VAULT_IN_USE',
  'IO_ERROR',
  'PRIMARY_OFFLINE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Non-personal facts that help the UI explain an error (never values the user typed). */
/** Why one field was refused: shown beside it, and named in the message's summary. */
export type IssueReason =
  | 'required'
  | 'too_short'
  | 'too_long'
  | 'too_many'
  | 'too_small'
  | 'too_big'
  | 'not_whole'
  | 'future_date'
  | 'hidden_chars'
  | 'has_link'
  | 'invalid';

export interface FieldIssue {
  /** The field's path, e.g. "name" or "items.0". */
  field: string;
  reason: IssueReason;
  /** The bound that was crossed (characters, items or the number), when there is one. */
  limit?: number;
}

export interface ErrorDetails {
  /** Field paths that failed validation, e.g. ["pin"]. */
  fields?: string[];
  /** Per field, why (VALIDATION). */
  issues?: FieldIssue[];
  retryAfterMs?: number;
  attemptsLeft?: number;
  /** Machine-readable reason for WEAK_PIN and similar. */
  reason?: string;
  /**
   * The customer a duplicate phone belongs to: sent only to the window that asked, counted as
   * opening that customer by the usage guard; the audit entry names its id (never the name).
   */
  existing?: { id: number; name: string };
  /** Kinds of sensitive data found in free text (never the text itself). */
  kinds?: string[];
}

export interface AppErrorData {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };
