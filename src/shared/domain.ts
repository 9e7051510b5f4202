import type { Language } from './language';
import type { Role } from './roles';

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
  /** Which OS keystore protects the device secret; 'plaintext' means none (health warning). */
  keystoreBackend: string;
  keystoreProtected: boolean;
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
}

export interface CustomerInput {
  name: string;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  notes?: string | null;
}

export interface Customer {
  id: number;
  name: string;
  /** Display form, e.g. 0812-3456-7890. */
  phone: string | null;
  phoneE164: string | null;
  email: string | null;
  address: string | null;
  notes: string | null;
  createdAt: number;
  updatedAt: number;
  lastActivityAt: number;
}

export interface CustomerListItem {
  id: number;
  name: string;
  /** Masked (0812-****-7890) for roles without full view. */
  phone: string | null;
  lastActivityAt: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
}

export interface AuditEntry {
  id: number;
  at: number;
  actorId: string | null;
  actorName: string | null;
  action: string;
  target: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  detail: Record<string, unknown>;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenId: number | null;
}

export interface Settings {
  autoLockMinutes: number;
}

export type LockReason = 'manual' | 'idle' | 'os-lock' | 'suspend' | 'switch-user';

/** Events main pushes to a window. */
export interface EventMap {
  'session:locked': { reason: LockReason };
}
export type EventName = keyof EventMap;
