import type { Language } from '../language';
import type { Role } from '../roles';
import type { LanClientStatus } from './lanClient';

/** What the lock screen may know before anyone logs in: no customer data. */
export interface LockScreenUser {
  id: string;
  name: string;
  /** Cosmetic: the role that counts is in the encrypted users table. */
  roleHint: Role;
  disabled: boolean;
  needsRecovery: boolean;
}

export interface SessionUser {
  id: string;
  name: string;
  role: Role;
  mustChangePin: boolean;
}

export interface AppStatus {
  setupDone: boolean;
  shopName: string | null;
  language: Language;
  /** null while locked. */
  user: SessionUser | null;
  /** True between setup and the owner confirming the recovery code. */
  recoveryPending: boolean;
  /** While the code waits: the incident whose key rotation issued it (null: set-up or a restore). */
  recoveryIncident: number | null;
  /** Which OS keystore protects the device secret; 'plaintext' means none (health warning). */
  keystoreBackend: string;
  keystoreProtected: boolean;
  /** For the owner: cashiers slowed down for unusual volume in the last 7 days (audit 'usage.limited'). */
  usageAlerts: number;
  /**
   * Found at start-up: a restore cut short was finished ('restored') or undone ('rolled_back'); a
   * restore marker this device did not write was refused and removed, the current vault kept
   * ('marker_rejected'); a marker could not be checked because the keystore is unavailable, so
   * nothing was changed ('marker_unverified').
   */
  restoreOutcome: 'restored' | 'rolled_back' | 'marker_rejected' | 'marker_unverified' | null;
  /**
   * The vault, key slots and anchor a restore replaced are still in the data folder (since: the
   * restore's time). They are deleted once the restored vault has been opened and checked, and at
   * once on an erasure or a key rotation; checkFailed: the last check failed, so they are kept.
   */
  restoreLeftovers: { since: number; checkFailed: boolean } | null;
  /** For the owner: no verified backup in the last 7 days. */
  backupDue: boolean;
  /** For the owner: why the last automatic backup failed (null when it did not). */
  backupError: string | null;
  /** For the owner: customers' requests overdue or due within 24 hours (null when none). */
  requestsDue: { overdue: number; dueSoon: number } | null;
  /** For the owner: an open incident and its 72-hour deadline, shown until it is closed. */
  openIncident: { id: number; dueAt: number } | null;
  /** This user has to read the staff briefing (first login, every N months, a new text). */
  briefingDue: boolean;
  /**
   * The briefing is shown before anything else: a cashier whose briefing is due, or a user who
   * has never read it. An owner otherwise reads a due briefing when she decides (a banner).
   */
  briefingGate: boolean;
  /** Only on a paired laptop (a client of the primary's vault): its link to the primary. */
  lan?: LanClientStatus;
}

export interface SetupResult {
  /** Shown once, in groups of four: 'ABCD-EFGH-...'. */
  recoveryCode: string;
  /** 1-based group numbers the owner must type back. */
  confirmGroups: number[];
  kdf: { memoryKiB: number; iterations: number; unlockMs: number };
}

export interface UserRow {
  id: string;
  name: string;
  role: Role;
  active: boolean;
  mustChangePin: boolean;
  createdAt: number;
  /** Active, but the PIN is shut (too many wrong PINs, or its key slot is gone): reset the PIN. */
  pinLocked: boolean;
}
