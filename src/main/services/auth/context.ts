import { checkPin } from '../../../shared/pin-policy';
import type { Role } from '../../../shared/roles';
import { AppError } from '../../lib/app-error';
import type { Mutex } from '../../lib/mutex';
import type { Clock } from '../../ports/ports';
import type { DeviceSecret } from '../../vault/device-secret';
import type { KdfParams } from '../../vault/kdf';
import type { KeySlotStore } from '../../vault/keyslots';
import type { VaultState } from '../../vault/vault-state';
import type { VaultGuard } from '../../vault/generation';
import type { Auditor } from '../auditor';
import type { RestoreLeftovers } from '../backup/leftovers';

export type KdfPolicy =
  | { mode: 'calibrate'; targetMs: number }
  /** Tests and benchmarks: fixed, cheap parameters. */
  | { mode: 'fixed'; params: KdfParams };

export interface AuthDeps {
  slots: KeySlotStore;
  device: DeviceSecret;
  vault: VaultState;
  /**
   * The auth flows record no call's outcome (the router does, from AppError.audit and the
   * handler's context): they only flush the queue into the vault they open, and note what they
   * find on the way (Auditor.found).
   */
  auditor: Pick<Auditor, 'found' | 'flushPending'>;
  clock: Clock;
  kdf: KdfPolicy;
  /** The vault's generation and the retired recovery codes, kept with the OS keystore. */
  guard: VaultGuard;
  /** Crash tests only: called by name between the steps of a key rotation and a restore's swap. */
  faultPoint?: (name: string) => void;
  /** What a restore set aside: deleted after a checked unlock and on a key rotation. */
  leftovers?: RestoreLeftovers;
}

/** What the auth modules share: one AuthService's dependencies, its lock and its lockout clock. */
export interface AuthCtx {
  readonly d: AuthDeps;
  readonly mutex: Mutex;
  /** Lockout deadlines on the monotonic clock, by slot id (this process only; see usableSlot). */
  readonly monoDeadlines: Map<string, number>;
}

export function isSetup(c: AuthCtx): boolean {
  return c.d.slots.exists();
}

/** Digits only, or a passphrase (the health screen suggests the stronger). */
export function pinKind(pin: string): 'digits' | 'passphrase' {
  return /^\d+$/.test(pin.normalize('NFKC')) ? 'digits' : 'passphrase';
}

export function requireStrongPin(pin: string, confirm: string, role: Role, current?: string): void {
  if (pin !== confirm) throw new AppError('PIN_MISMATCH', { fields: ['pinConfirm'] });
  const weakness = checkPin(pin, role === 'owner', current);
  if (weakness) throw new AppError('WEAK_PIN', { fields: ['pin'], reason: weakness });
}
