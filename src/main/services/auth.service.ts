import type { LockScreenUser, SessionUser } from '../../shared/domain';
import type { Role } from '../../shared/roles';
import { Mutex } from '../lib/mutex';
import type { KdfParams } from '../vault/kdf';
import { refuseRetiredCode, restoreFromBackup } from './backup/restore-commit';
import { isSetup, type AuthCtx, type AuthDeps } from './auth/context';
import { changePin, issuePinSlot } from './auth/pin-change';
import { checkRecoveryCode, recoverOwner, reissueRecoveryCode } from './auth/recovery';
import { rotateKey } from './auth/rotation-settle';
import { setup } from './auth/setup';
import { disableSlot } from './auth/slot-crypto';
import { unlock } from './auth/unlock';

export type { AuthDeps, KdfPolicy } from './auth/context';
export { delayAfter, FIRST_DELAY_MS, FREE_ATTEMPTS, MAX_ATTEMPTS } from './auth/lockout';

/**
 * The key slots and the vault's keys, one operation at a time: each method is one module of
 * services/auth (and the restore commit beside backup/restore.ts), sharing this service's lock
 * and lockout clock.
 */
export class AuthService {
  private readonly c: AuthCtx;

  constructor(d: AuthDeps) {
    this.c = { d, mutex: new Mutex(), monoDeadlines: new Map() };
  }

  isSetup(): boolean {
    return isSetup(this.c);
  }

  /** Names on the lock screen, owner first. Roles here are cosmetic: the vault's users table decides. */
  lockScreenUsers(): LockScreenUser[] {
    if (!this.isSetup()) return [];
    return this.c.d.slots
      .pinSlots()
      .map((s) => ({
        id: s.userId,
        name: s.name,
        roleHint: s.roleHint,
        disabled: s.disabled || s.wrapped === null,
        needsRecovery: s.needsRecovery,
      }))
      .sort(
        (a, b) =>
          Number(a.roleHint === 'cashier') - Number(b.roleHint === 'cashier') || a.name.localeCompare(b.name),
      );
  }

  restoreFromBackup(input: Parameters<typeof restoreFromBackup>[1]): ReturnType<typeof restoreFromBackup> {
    return restoreFromBackup(this.c, input);
  }

  refuseRetiredCode(code: string, accepted: boolean): Promise<boolean> {
    return refuseRetiredCode(this.c, code, accepted);
  }

  checkRecoveryCode(code: string): Promise<string> {
    return checkRecoveryCode(this.c, code);
  }

  kdfParams(): KdfParams {
    return this.c.d.slots.read().kdf;
  }

  shopName(): string {
    return this.c.d.slots.read().shopName;
  }

  setup(input: Parameters<typeof setup>[1]): ReturnType<typeof setup> {
    return setup(this.c, input);
  }

  unlock(userId: string, pin: string): Promise<SessionUser> {
    return unlock(this.c, userId, pin);
  }

  changePin(userId: string, currentPin: string, newPin: string, confirm: string): Promise<void> {
    return changePin(this.c, userId, currentPin, newPin, confirm);
  }

  recoverOwner(
    code: string,
    newPin: string,
    confirm: string,
    options: { allowUnprotected?: boolean } = {},
  ): Promise<{ user: SessionUser; deviceChanged: boolean }> {
    return recoverOwner(this.c, code, newPin, confirm, options);
  }

  issuePinSlot(user: { id: string; name: string; role: Role }, pin: string): Promise<void> {
    return issuePinSlot(this.c, user, pin);
  }

  disableSlot(userId: string): void {
    disableSlot(this.c, userId);
  }

  reissueRecoveryCode(): Promise<string> {
    return reissueRecoveryCode(this.c);
  }

  rotateKey(ownerId: string, pin: string): Promise<{ recoveryCode: string; shut: number }> {
    return rotateKey(this.c, ownerId, pin);
  }
}
