/** The shop's deletion schedule (UU PDP Art. 42-44; sales books per UU KUP Art. 28(11)). */
export interface RetentionPolicy {
  /** A customer with no purchase, visit or consent event for this many months is erased. */
  inactiveMonths: number;
  /** Promotional consent lapses after this many months without renewal; 0 = never. */
  consentLapseMonths: number;
  /** Anonymous sales records are kept this many years (minimum 5, default 10). */
  salesKeepYears: number;
  /** A customer kept past the due date comes back for review after this many months. */
  keepReviewMonths: number;
}

/** Limits every policy value must respect (checked by the contract and again by the service). */
export const RETENTION_LIMITS = {
  inactiveMonths: { min: 3, max: 240 },
  consentLapseMonths: { min: 0, max: 120 },
  salesKeepYears: { min: 5, max: 30 },
  keepReviewMonths: { min: 1, max: 24 },
} as const satisfies Record<keyof RetentionPolicy, { min: number; max: number }>;

export interface DeletionSchedule {
  /** First instant of the day the customer is erased (Asia/Jakarta), unless kept. */
  dueAt: number;
  /** 'inactive': by the policy from the last activity; 'kept': held by the owner until a review date. */
  basis: 'inactive' | 'kept';
  lastActivityAt: number;
  /** The policy's period in months (the screen moves the date when activity moves it). */
  inactiveMonths: number;
  keepReason: string | null;
}

export interface ReviewItem {
  id: number;
  name: string;
  phone: string | null;
  schedule: DeletionSchedule;
  /** Already due (waiting for the next purge), by main's clock. */
  overdue: boolean;
}

export interface PurgeResult {
  erased: number;
  consentsLapsed: number;
  salesDeleted: number;
  /** The purge stopped short of today's date: the clock jumped ahead of the last purge (see README). */
  heldBack: boolean;
}

export interface RetentionProgress {
  phase: 'lapsing' | 'erasing' | 'sales' | 'cleaning';
  done: number;
  total: number;
}
