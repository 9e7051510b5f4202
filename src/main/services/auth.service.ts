import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LockScreenUser, SessionUser } from '../../shared/domain';
import type { Language } from '../../shared/language';
import { checkPin } from '../../shared/pin-policy';
import type { Role } from '../../shared/roles';
import { AppError } from '../lib/app-error';
import { fsyncDir, renameOnly } from '../lib/durable-fs';
import type { Auditor } from './auditor';
import { Mutex } from '../lib/mutex';
import type { Clock } from '../ports/ports';
import { secretUnreadable, type DeviceSecret } from '../vault/device-secret';
import {
  argon2id,
  calibrate,
  MAX_ITERATIONS,
  MAX_MEMORY_KIB,
  MIN_ITERATIONS,
  MIN_MEMORY_KIB,
  pinWrappingKey,
  restoreMarkerKey,
  unwrapKey,
  wrapKey,
  type KdfParams,
} from '../vault/kdf';
import type { KeySlotStore, PinSlot, RecoverySlot } from '../vault/keyslots';
import { KEYSLOT_FORMAT } from '../vault/keyslots-migrations';
import {
  generateRecoveryCode,
  isWellFormedRecoveryCode,
  normalizeRecoveryCode,
} from '../vault/recovery-code';
import type { VaultState } from '../vault/vault-state';
import { stampGeneration, vaultGeneration, type VaultGuard } from '../vault/generation';
import { fingerprintCode } from '../vault/retired-codes';
import {
  commitRestore,
  discardRestore,
  restorePaths,
  stageRestoredSlots,
  type PreparedRestore,
} from './backup/restore';
import type { RestoreLeftovers } from './backup/leftovers';
import { awaitNewRecoveryCode, getMeta, initSettings, setMeta } from './settings.service';
import * as rotation from '../vault/key-rotation';
import type { Db } from '../vault/database';
import { refreshNotice } from './rights/documents';
import { firstActiveOwner, getUser, insertUser, setUserFlags, toSessionUser } from './users.repo';

/** Consecutive failures before delays start, and before a slot is shut. */
export const FREE_ATTEMPTS = 5;
export const MAX_ATTEMPTS = 10;
export const FIRST_DELAY_MS = 30_000;

export type KdfPolicy =
  | { mode: 'calibrate'; targetMs: number }
  /** Tests and benchmarks: fixed, cheap parameters. */
  | { mode: 'fixed'; params: KdfParams };

export interface AuthDeps {
  slots: KeySlotStore;
  device: DeviceSecret;
  vault: VaultState;
  auditor: Auditor;
  clock: Clock;
  kdf: KdfPolicy;
  /** The vault's generation and the retired recovery codes, kept with the OS keystore. */
  guard: VaultGuard;
  /** Crash tests only: called by name between the steps of a key rotation and a restore's swap. */
  faultPoint?: (name: string) => void;
  /** What a restore set aside: deleted after a checked unlock and on a key rotation. */
  leftovers?: RestoreLeftovers;
}

export function delayAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return FIRST_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS);
}

/** Digits only, or a passphrase (the health screen suggests the stronger). */
function pinKind(pin: string): 'digits' | 'passphrase' {
  return /^\d+$/.test(pin.normalize('NFKC')) ? 'digits' : 'passphrase';
}

function slotAad(slot: { id: string; kind: string }, userId = ''): string {
  return `brankas/${slot.kind}/${slot.id}/${userId}`;
}

function requireStrongPin(pin: string, confirm: string, role: Role, current?: string): void {
  if (pin !== confirm) throw new AppError('PIN_MISMATCH', { fields: ['pinConfirm'] });
  const weakness = checkPin(pin, role === 'owner', current);
  if (weakness) throw new AppError('WEAK_PIN', { fields: ['pin'], reason: weakness });
}

export class AuthService {
  private readonly mutex = new Mutex();
  /** Lockout deadlines on the monotonic clock, by slot id (this process only; see usableSlot). */
  private readonly monoDeadlines = new Map<string, number>();

  constructor(private readonly d: AuthDeps) {}

  isSetup(): boolean {
    return this.d.slots.exists();
  }

  /** Names on the lock screen, owner first. Roles here are cosmetic: the vault's users table decides. */
  lockScreenUsers(): LockScreenUser[] {
    if (!this.isSetup()) return [];
    return this.d.slots
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

  /**
   * Replaces the vault with one restored from a backup opened with the recovery code: a new data
   * key, a new owner PIN, the code as the recovery slot; cashiers' PINs must be reset by the
   * owner. The current vault (if any) is set aside until the restored one is opened and checked,
   * then deleted (leftovers.ts). The caller has ended every session.
   */
  async restoreFromBackup(input: {
    dataDir: string;
    code: string;
    newPin: string;
    confirm: string;
    language: Language;
    /** Builds the restored vault beside the current one (backup verified, re-keyed to newDek, checked). */
    prepare: (code: string, newDek: Buffer) => Promise<PreparedRestore>;
    /** Ends every session: called after everything that can be refused, before the swap. */
    beforeSwap: () => void;
    /**
     * The owner chose to restore although a key rotation retired the code: the restored vault
     * then gets a fresh recovery code instead, so the retired one never opens anything new.
     */
    acceptRetiredCode?: boolean;
  }): Promise<{
    user: SessionUser;
    customers: number;
    /** Set when the typed code was retired: the code that now opens the vault (shown once). */
    freshRecoveryCode: string | null;
    /** Backups were on in the restored vault (they follow the fresh code, if there is one). */
    backupsOn: boolean;
    /** Key rotations made after the backup was taken (audited into the restored vault). */
    rotationsSince: number;
  }> {
    return this.mutex.run(async () => {
      requireStrongPin(input.newPin, input.confirm, 'owner');
      const code = normalizeRecoveryCode(input.code);
      if (!isWellFormedRecoveryCode(code)) throw new AppError('WRONG_RECOVERY_CODE', { fields: ['code'] });
      const retired = await this.refuseRetiredCode(code, input.acceptRetiredCode === true);
      const liveCode = retired ? generateRecoveryCode() : code;
      // Decided before anything is written, and the secret written only at the commit: a refused
      // or failed restore leaves the device secret (and the current vault's PIN slots) as they were.
      const device = this.restoreDeviceSecret();
      const deviceSecret = device.secret;
      const dek = randomBytes(32);
      const prepared = await input.prepare(code, Buffer.from(dek));
      // Newer than every vault this keystore has seen (before the commit: a crash after it must
      // not leave a restored vault that the generation check refuses).
      const generation = this.d.guard.next(this.d.vault.isOpen() ? this.d.vault.requireDb() : null);
      let backupGeneration = 0;
      try {
        this.d.vault.withFile(restorePaths(input.dataDir).nextVault, dek, (staged) => {
          backupGeneration = vaultGeneration(staged);
          stampGeneration(staged, generation);
        });
      } catch (err) {
        discardRestore(input.dataDir);
        throw err;
      }
      const params = this.isSetup()
        ? this.newSlotParams()
        : this.d.kdf.mode === 'calibrate'
          ? (await calibrate(this.d.kdf.targetMs)).params
          : this.d.kdf.params;
      const ownerSlot = await this.makePinSlot(
        { userId: prepared.owner.id, name: prepared.owner.name, role: 'owner' },
        input.newPin,
        params,
        deviceSecret,
        dek,
      );
      const recoverySlot = await this.makeRecoverySlot(liveCode, params, dek);
      const cashierSlots: PinSlot[] = prepared.cashiers.map((c) => ({
        kind: 'pin',
        id: randomUUID(),
        userId: c.id,
        name: c.name,
        roleHint: 'cashier',
        kdf: params,
        salt: '',
        wrapped: null,
        failedAttempts: 0,
        lockedUntil: 0,
        disabled: true,
        needsRecovery: false,
      }));
      stageRestoredSlots(
        input.dataDir,
        JSON.stringify({
          format: KEYSLOT_FORMAT,
          vaultId: randomUUID(),
          shopName: prepared.manifest.shopName,
          language: input.language,
          kdf: params,
          slots: [ownerSlot, recoverySlot, ...cashierSlots],
          pending: [],
        }),
      );
      input.beforeSwap();
      this.d.vault.close();
      try {
        commitRestore(
          input.dataDir,
          this.d.clock.now(),
          restoreMarkerKey(deviceSecret),
          this.d.faultPoint,
          device.write,
        );
      } finally {
        // Whatever the commit got to, the cached slots may be the replaced ones: the next audit
        // entry queued in the file (the failure's own) must not write them back over the new.
        this.d.slots.reload();
      }
      const db = this.d.vault.open(dek);
      const rotationsSince = this.d.guard.restored(db, backupGeneration).length;
      const backupsOn = Boolean(getMeta(db, 'backup_key'));
      if (retired) {
        // As after a rotation: the fresh code must be typed back, and no backup is keyed from the
        // retired one (the caller re-keys backups to the fresh code).
        awaitNewRecoveryCode(db);
        this.d.auditor.record({
          actor: prepared.owner.id,
          action: 'backups.restore',
          outcome: 'ok',
          detail: { retiredCode: true, freshCodeIssued: true, ownerChoice: true },
        });
      }
      const owner = getUser(db, prepared.owner.id);
      if (!owner) throw new AppError('CORRUPT');
      if (device.write) {
        this.d.auditor.record({
          actor: owner.id,
          action: 'device.create',
          outcome: 'ok',
          detail: { reason: device.reason, backend: this.d.device.info().backend },
        });
      }
      this.d.leftovers?.afterUnlock(db);
      return {
        user: toSessionUser(owner),
        customers: prepared.manifest.counts.customers ?? 0,
        freshRecoveryCode: retired ? liveCode : null,
        backupsOn,
        rotationsSince,
      };
    });
  }

  /**
   * A restore with a code a key rotation retired is refused (audited) unless the owner chose to
   * go on; returns whether the code is retired. Also asked before a restore takes its file.
   */
  async refuseRetiredCode(code: string, accepted: boolean): Promise<boolean> {
    const retired = await this.d.guard.isRetired(normalizeRecoveryCode(code));
    if (retired && !accepted) {
      this.d.auditor.record({
        actor: null,
        action: 'backups.restore',
        outcome: 'denied',
        detail: { reason: 'retired_code' },
      });
      throw new AppError('WRONG_RECOVERY_CODE', { fields: ['code'], reason: 'retired_code' });
    }
    return retired;
  }

  /** The normalized recovery code, if it opens the recovery slot (backups are keyed from it). */
  async checkRecoveryCode(code: string): Promise<string> {
    return this.mutex.run(async () => {
      const normalized = normalizeRecoveryCode(code);
      const dek = isWellFormedRecoveryCode(normalized) ? await this.tryRecovery(normalized) : null;
      if (!dek) throw new AppError('WRONG_RECOVERY_CODE', { fields: ['code'] });
      dek.fill(0);
      return normalized;
    });
  }

  kdfParams(): KdfParams {
    return this.d.slots.read().kdf;
  }

  shopName(): string {
    return this.d.slots.read().shopName;
  }

  /**
   * First run: device secret, data key, vault with the owner in it, then key slots. The vault is
   * written before keyslots.json so a crash in between leaves "not set up" rather than a
   * slot file pointing at nothing; a leftover vault from such a crash is moved aside, not deleted.
   */
  async setup(input: {
    shopName: string;
    ownerName: string;
    pin: string;
    pinConfirm: string;
    language: Language;
  }): Promise<{ user: SessionUser; recoveryCode: string; kdf: KdfParams; unlockMs: number }> {
    return this.mutex.run(async () => {
      if (this.isSetup()) throw new AppError('ALREADY_SETUP');
      requireStrongPin(input.pin, input.pinConfirm, 'owner');
      const { params, measuredMs } =
        this.d.kdf.mode === 'calibrate'
          ? await calibrate(this.d.kdf.targetMs)
          : { params: this.d.kdf.params, measuredMs: 0 };

      this.moveAsideLeftoverVault();
      const deviceSecret = this.d.device.create();
      const dek = randomBytes(32);
      const ownerId = randomUUID();
      const now = this.d.clock.now();
      const ownerSlot = await this.makePinSlot(
        { userId: ownerId, name: input.ownerName, role: 'owner' },
        input.pin,
        params,
        deviceSecret,
        dek,
      );
      const recoveryCode = generateRecoveryCode();
      const recoverySlot = await this.makeRecoverySlot(recoveryCode, params, dek);

      const db = this.d.vault.open(dek);
      db.transaction(() => {
        initSettings(db, input.shopName, now);
        insertUser(db, { id: ownerId, name: input.ownerName, role: 'owner', mustChangePin: false }, now);
        // Version 1 of the privacy notice exists before the first consent is recorded under it.
        refreshNotice(db, now);
        setMeta(db, 'owner_pin_kind', pinKind(input.pin));
        stampGeneration(db, this.d.guard.next(null));
      })();
      this.d.slots.create({
        format: KEYSLOT_FORMAT,
        vaultId: randomUUID(),
        shopName: input.shopName,
        language: input.language,
        kdf: params,
        slots: [ownerSlot, recoverySlot],
        pending: [],
      });
      this.d.guard.created(db);
      this.d.auditor.record({
        actor: ownerId,
        action: 'setup.create',
        outcome: 'ok',
        detail: { kdfIterations: params.iterations, kdfMemoryKiB: params.memoryKiB },
      });
      const user = getUser(db, ownerId);
      if (!user) throw new AppError('INTERNAL');
      return { user: toSessionUser(user), recoveryCode, kdf: params, unlockMs: measuredMs };
    });
  }

  /** Lock-screen login. The attempt is counted before the PIN is checked, so parallel guesses cannot skip the counter. */
  async unlock(userId: string, pin: string): Promise<SessionUser> {
    return this.mutex.run(async () => {
      const slot = this.usableSlot(userId);
      const deviceSecret = this.d.device.load();
      const keys = await this.tryPinKeys(slot, pin, deviceSecret, 'auth.unlock');
      const db = this.openSettlingRotation(keys, slot);
      this.admit(db);
      const user = getUser(db, userId);
      if (!user || !user.active || user.role !== slot.roleHint) {
        this.d.auditor.record({
          actor: userId,
          action: 'auth.unlock',
          outcome: 'denied',
          detail: { reason: 'inactive' },
        });
        throw new AppError('SLOT_DISABLED');
      }
      this.d.auditor.flushPending();
      this.d.auditor.record({ actor: userId, action: 'auth.unlock', outcome: 'ok' });
      this.d.leftovers?.afterUnlock(db);
      return toSessionUser(user);
    });
  }

  /** Checks the current PIN again (counted like a login) and writes a new slot. */
  async changePin(userId: string, currentPin: string, newPin: string, confirm: string): Promise<void> {
    return this.mutex.run(async () => {
      const db = this.d.vault.requireDb();
      const user = getUser(db, userId);
      if (!user) throw new AppError('NOT_FOUND');
      requireStrongPin(newPin, confirm, user.role, currentPin);
      const slot = this.usableSlot(userId);
      const deviceSecret = this.d.device.load();
      const dek = await this.tryPin(slot, currentPin, deviceSecret, 'auth.changePin');
      dek.fill(0);
      await this.replacePinSlot(user, newPin, deviceSecret);
      setUserFlags(db, userId, { mustChangePin: false }, this.d.clock.now());
      if (user.role === 'owner') setMeta(db, 'owner_pin_kind', pinKind(newPin));
      this.d.auditor.record({ actor: userId, action: 'auth.changePin', target: userId, outcome: 'ok' });
    });
  }

  /**
   * Owner forgot the PIN (or is locked out, or the OS keystore changed): the recovery code opens
   * the vault and a new owner PIN is set. If the device secret cannot be read any more, a new one
   * is made and cashier slots, which depended on the old one, are shut until the owner resets them.
   */
  async recoverOwner(
    code: string,
    newPin: string,
    confirm: string,
    options: { allowUnprotected?: boolean } = {},
  ): Promise<SessionUser> {
    return this.mutex.run(async () => {
      requireStrongPin(newPin, confirm, 'owner');
      const normalized = normalizeRecoveryCode(code);
      const dek = isWellFormedRecoveryCode(normalized) ? await this.tryRecovery(normalized) : null;
      if (!dek) {
        this.d.auditor.record({ actor: null, action: 'auth.recover', outcome: 'failed' });
        throw new AppError('WRONG_RECOVERY_CODE', { fields: ['code'] });
      }
      // Queued entries join the chain before the device secret may be replaced: they were
      // authenticated with a key derived from the old one.
      const db = this.d.vault.open(dek);
      this.admit(db);
      this.d.auditor.flushPending();
      let deviceChanged = false;
      let deviceSecret: Buffer;
      try {
        deviceSecret = this.d.device.load();
      } catch (err) {
        // A secret that is there but cannot be read is not replaced: its rights or the disk are the fault.
        if (secretUnreadable(err)) throw err;
        // Never quietly trade the OS keystore's protection for none: a locked keyring is unlocked
        // and retried; keeping the secret unprotected is the owner's explicit, audited choice.
        const lowers = this.d.device.replacingLowersProtection();
        if (lowers && !options.allowUnprotected) {
          this.d.auditor.record({
            actor: null,
            action: 'auth.recover',
            outcome: 'denied',
            detail: { reason: 'keystore_unavailable' },
          });
          throw err instanceof AppError && err.code === 'KEYSTORE_UNAVAILABLE'
            ? err
            : new AppError('KEYSTORE_UNAVAILABLE', { reason: 'keystore_unavailable' });
        }
        const from = this.d.device.info();
        deviceSecret = this.d.device.replace();
        deviceChanged = true;
        if (lowers) {
          this.d.auditor.record({
            actor: null,
            action: 'device.resealUnprotected',
            outcome: 'ok',
            detail: { backend: from.backend, ownerConsent: true },
          });
        }
      }
      const owner = firstActiveOwner(db);
      if (!owner) throw new AppError('CORRUPT');
      await this.replacePinSlot(owner, newPin, deviceSecret);
      if (deviceChanged) {
        this.d.slots.update((f) => {
          for (const s of f.slots) {
            if (s.kind === 'pin' && s.userId !== owner.id) {
              s.wrapped = null;
              s.disabled = true;
            }
          }
        });
      }
      this.d.auditor.flushPending();
      this.d.auditor.record({
        actor: owner.id,
        action: 'auth.recover',
        outcome: 'ok',
        detail: { deviceChanged },
      });
      this.d.leftovers?.afterUnlock(db);
      return toSessionUser(owner);
    });
  }

  /** Owner issues a PIN slot for a user (new cashier, or a reset). Needs the open vault. */
  async issuePinSlot(user: { id: string; name: string; role: Role }, pin: string): Promise<void> {
    const weakness = checkPin(pin, user.role === 'owner');
    if (weakness) throw new AppError('WEAK_PIN', { fields: ['pin'], reason: weakness });
    return this.mutex.run(() => this.replacePinSlot(user, pin, this.d.device.load()));
  }

  /** Removes the wrapped key itself: a disabled user's PIN opens nothing, even with the file. */
  disableSlot(userId: string): void {
    this.d.slots.update((f) => {
      for (const s of f.slots) {
        if (s.kind === 'pin' && s.userId === userId) {
          s.wrapped = null;
          s.disabled = true;
        }
      }
    });
  }

  /** A fresh recovery code replaces the old slot (used when the first one was never confirmed). */
  async reissueRecoveryCode(): Promise<string> {
    return this.mutex.run(async () => {
      const code = generateRecoveryCode();
      const slot = await this.makeRecoverySlot(code, this.newSlotParams(), this.d.vault.requireDek());
      const replaced = this.d.slots.recoverySlot();
      this.d.slots.update((f) => {
        f.slots = f.slots.filter((s) => s.kind !== 'recovery');
        f.slots.push(slot);
      });
      // After the swap: a crash before this leaves the replaced code unretired, never the live
      // one retired.
      this.d.guard.retire(replaced);
      return code;
    });
  }

  /**
   * Parameters for a new slot: those calibrated at setup (kept in keyslots.json), but never below
   * the floor, so someone who lowers them in that file cannot make every later slot weak; and
   * never absurdly high, so a raised value cannot exhaust memory.
   */
  private newSlotParams(): KdfParams {
    const stored = this.d.slots.read().kdf;
    const floor: KdfParams =
      this.d.kdf.mode === 'fixed'
        ? this.d.kdf.params
        : { alg: 'argon2id', memoryKiB: MIN_MEMORY_KIB, iterations: MIN_ITERATIONS, parallelism: 1 };
    const within = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));
    return {
      alg: 'argon2id',
      memoryKiB: within(stored.memoryKiB, floor.memoryKiB, MAX_MEMORY_KIB),
      iterations: within(stored.iterations, floor.iterations, MAX_ITERATIONS),
      parallelism: within(stored.parallelism, floor.parallelism, 4),
    };
  }

  private usableSlot(userId: string): PinSlot {
    const slot = this.d.slots.pinSlotFor(userId);
    if (!slot) throw new AppError('NOT_FOUND');
    if (slot.needsRecovery) throw new AppError('RECOVERY_REQUIRED');
    if (slot.disabled || !slot.wrapped) throw new AppError('SLOT_DISABLED');
    // Waits run on the monotonic clock, so setting the computer's clock back or forward changes
    // nothing. The persisted wall-clock deadline only carries a wait across a restart: then it is
    // capped at the nominal delay (a clock set back cannot stretch it) and moved onto the
    // monotonic clock.
    const mono = this.d.clock.monotonic();
    let deadline = this.monoDeadlines.get(slot.id);
    if (deadline === undefined) {
      const carried = Math.min(slot.lockedUntil - this.d.clock.now(), delayAfter(slot.failedAttempts));
      deadline = mono + Math.max(0, carried);
      this.monoDeadlines.set(slot.id, deadline);
    }
    const wait = deadline - mono;
    if (wait > 0) throw new AppError('THROTTLED', { retryAfterMs: Math.ceil(wait) });
    return slot;
  }

  /**
   * Breach response: a new data key for the vault (UU PDP Art. 46; DESIGN key hierarchy). The
   * owner types the PIN again (counted like a login). The owner's slot is rewrapped under the same
   * PIN; a new recovery code replaces the old one (returned once, to be confirmed); cashiers' slots
   * cannot be rewrapped without their PINs and are shut until the owner sets new ones. Crash-safe
   * in three steps (vault/key-rotation.ts).
   */
  async rotateKey(ownerId: string, pin: string): Promise<{ recoveryCode: string; shut: number }> {
    return this.mutex.run(async () => {
      this.d.vault.requireDb();
      const slot = this.usableSlot(ownerId);
      if (slot.roleHint !== 'owner') throw new AppError('FORBIDDEN');
      const deviceSecret = this.d.device.load();
      const current = await this.tryPin(slot, pin, deviceSecret, 'key.rotate');
      current.fill(0);
      // What a restore set aside opens with a key this rotation retires: gone before it starts, so
      // no crash in between leaves it (an abandoned rotation loses nothing by it).
      this.d.leftovers?.discard('rotation');
      const fresh = this.d.slots.pinSlotFor(ownerId)!;
      const newDek = randomBytes(32);
      const recoveryCode = generateRecoveryCode();
      const recovery = await this.makeRecoverySlot(recoveryCode, this.newSlotParams(), newDek);
      const stretched = await argon2id(pin, Buffer.from(fresh.salt, 'base64'), fresh.kdf);
      const kek = pinWrappingKey(stretched, deviceSecret, fresh.id);
      stretched.fill(0);
      const wrapped = wrapKey(kek, newDek, slotAad(fresh, ownerId));
      kek.fill(0);
      // The new number goes into the vault before the re-key copies it: whichever key opens the
      // vault after a crash, the vault is never behind the keystore's record.
      const db = this.d.vault.requireDb();
      stampGeneration(db, this.d.guard.next(db));
      rotation.prepare(this.d.slots, fresh.id, { wrapped, recovery }, this.d.clock.now());
      this.d.faultPoint?.('rotate:prepared');
      const reopened = this.d.vault.rekey(newDek, () => this.d.faultPoint?.('rotate:copied'));
      this.d.faultPoint?.('rotate:rekeyed');
      // Only now is the old code retired: before the re-key it still opened the vault.
      this.d.guard.rotated(reopened, this.d.slots.recoverySlot());
      this.d.faultPoint?.('rotate:retired');
      // The new code must be typed back, as at setup. Recorded before the slots take the new code:
      // a crash between the two must still leave the owner asked to confirm a code that works
      // (the next start issues one), never an unknown code and a vault that thinks all is well.
      setMeta(reopened, 'recovery_confirmed', '0');
      this.d.faultPoint?.('rotate:confirm-pending');
      const shut = rotation.finish(this.d.slots);
      this.d.faultPoint?.('rotate:finished');
      return { recoveryCode, shut };
    });
  }

  /**
   * Opens the vault after a PIN, finishing or forgetting a key rotation a crash interrupted: the
   * key that opens the vault says whether the rekey happened.
   */
  private openSettlingRotation(keys: { dek: Buffer; next: Buffer | null }, slot: PinSlot): Db {
    if (!rotation.pending(this.d.slots)) {
      keys.next?.fill(0);
      return this.d.vault.open(keys.dek);
    }
    try {
      const db = this.d.vault.open(keys.dek);
      keys.next?.fill(0);
      rotation.abandon(this.d.slots);
      // A copy made under the new key that never replaced the vault goes too, with the rollback
      // journal SQLite kept beside it if the crash came while it was being re-keyed.
      for (const leftover of ['.rekey', '.rekey-journal'])
        rmSync(`${this.d.vault.path}${leftover}`, { force: true });
      this.d.auditor.record({
        actor: slot.userId,
        action: 'key.rotate',
        outcome: 'failed',
        detail: { reason: 'interrupted' },
      });
      return db;
    } catch (err) {
      keys.dek.fill(0);
      // Only a first page the old key does not decrypt (no reason) may mean the swap happened.
      if (!keys.next || !(err instanceof AppError) || err.code !== 'CORRUPT' || err.details?.reason) {
        keys.next?.fill(0);
        // Only the owner's slot holds the new key: a cashier waits for the owner.
        throw slot.roleHint === 'owner' ? err : new AppError('SLOT_DISABLED');
      }
      const db = this.d.vault.open(keys.next);
      // While the slots still hold the old recovery slot: its code is retired.
      this.d.guard.rotated(db, this.d.slots.recoverySlot());
      rotation.finish(this.d.slots);
      this.d.leftovers?.discard('rotation');
      // The new recovery code was never shown: the owner gets another one to confirm, and
      // backups (keyed from the code) wait for it.
      awaitNewRecoveryCode(db);
      this.d.auditor.record({
        actor: slot.userId,
        action: 'key.rotate',
        outcome: 'ok',
        detail: { completedAfterCrash: true },
      });
      return db;
    }
  }

  /** Refuses a vault older than the keystore's record of it (an old copy put back): it is closed. */
  private admit(db: Db): void {
    try {
      this.d.guard.admit(db);
    } catch (err) {
      this.d.vault.close();
      throw err;
    }
  }

  private async tryPin(slot: PinSlot, pin: string, deviceSecret: Buffer, action: string): Promise<Buffer> {
    const { dek, next } = await this.tryPinKeys(slot, pin, deviceSecret, action);
    next?.fill(0);
    return dek;
  }

  /** The PIN's key(s): the data key, and during a rotation the new one too. */
  private async tryPinKeys(
    slot: PinSlot,
    pin: string,
    deviceSecret: Buffer,
    action: string,
  ): Promise<{ dek: Buffer; next: Buffer | null }> {
    const failures = slot.failedAttempts + 1;
    const now = this.d.clock.now();
    this.monoDeadlines.set(slot.id, this.d.clock.monotonic() + delayAfter(failures));
    // Persist the attempt as failed first; success below resets it.
    this.d.slots.update((f) => {
      const s = f.slots.find((x): x is PinSlot => x.kind === 'pin' && x.id === slot.id);
      if (!s) return;
      s.failedAttempts = failures;
      s.lockedUntil = now + delayAfter(failures);
      if (failures >= MAX_ATTEMPTS) {
        if (s.roleHint === 'owner') s.needsRecovery = true;
        else s.disabled = true;
      }
    });
    const stretched = await argon2id(pin, Buffer.from(slot.salt, 'base64'), slot.kdf);
    const kek = pinWrappingKey(stretched, deviceSecret, slot.id);
    stretched.fill(0);
    const dek = slot.wrapped ? unwrapKey(kek, slot.wrapped, slotAad(slot, slot.userId)) : null;
    const next = dek && slot.next ? unwrapKey(kek, slot.next, slotAad(slot, slot.userId)) : null;
    kek.fill(0);
    if (dek) {
      this.d.slots.update((f) => {
        const s = f.slots.find((x): x is PinSlot => x.kind === 'pin' && x.id === slot.id);
        if (!s) return;
        s.failedAttempts = 0;
        s.lockedUntil = 0;
        s.disabled = false;
        s.needsRecovery = false;
      });
      this.monoDeadlines.delete(slot.id);
      return { dek, next };
    }
    this.d.auditor.record({
      actor: slot.userId,
      action,
      outcome: 'failed',
      detail: { reason: 'wrong_pin', failures },
    });
    if (failures >= MAX_ATTEMPTS) {
      if (slot.roleHint === 'owner') throw new AppError('RECOVERY_REQUIRED');
      this.disableSlot(slot.userId);
      throw new AppError('SLOT_DISABLED');
    }
    if (failures >= FREE_ATTEMPTS) throw new AppError('THROTTLED', { retryAfterMs: delayAfter(failures) });
    throw new AppError('WRONG_PIN', { attemptsLeft: FREE_ATTEMPTS - failures });
  }

  private async tryRecovery(normalized: string): Promise<Buffer | null> {
    const slot = this.d.slots.recoverySlot();
    const kek = await argon2id(normalized, Buffer.from(slot.salt, 'base64'), slot.kdf);
    const dek = unwrapKey(kek, slot.wrapped, slotAad(slot));
    kek.fill(0);
    return dek;
  }

  private async replacePinSlot(
    user: { id: string; name: string; role: Role },
    pin: string,
    deviceSecret: Buffer,
  ): Promise<void> {
    const slot = await this.makePinSlot(
      { userId: user.id, name: user.name, role: user.role },
      pin,
      this.newSlotParams(),
      deviceSecret,
      this.d.vault.requireDek(),
    );
    this.d.slots.update((f) => {
      f.slots = f.slots.filter((s) => !(s.kind === 'pin' && s.userId === user.id));
      f.slots.push(slot);
    });
  }

  private async makePinSlot(
    who: { userId: string; name: string; role: Role },
    pin: string,
    kdf: KdfParams,
    deviceSecret: Buffer,
    dek: Buffer,
  ): Promise<PinSlot> {
    const id = randomUUID();
    const salt = randomBytes(16);
    const stretched = await argon2id(pin, salt, kdf);
    const kek = pinWrappingKey(stretched, deviceSecret, id);
    stretched.fill(0);
    const base = { kind: 'pin' as const, id };
    const wrapped = wrapKey(kek, dek, slotAad(base, who.userId));
    kek.fill(0);
    return {
      ...base,
      userId: who.userId,
      name: who.name,
      roleHint: who.role,
      kdf,
      salt: salt.toString('base64'),
      wrapped,
      failedAttempts: 0,
      lockedUntil: 0,
      disabled: false,
      needsRecovery: false,
    };
  }

  private async makeRecoverySlot(code: string, kdf: KdfParams, dek: Buffer): Promise<RecoverySlot> {
    const id = randomUUID();
    const salt = randomBytes(16);
    const kek = await argon2id(normalizeRecoveryCode(code), salt, kdf);
    const base = { kind: 'recovery' as const, id };
    const wrapped = wrapKey(kek, dek, slotAad(base));
    kek.fill(0);
    const fingerprint = fingerprintCode(normalizeRecoveryCode(code));
    return { ...base, kdf, salt: salt.toString('base64'), wrapped, fingerprint };
  }

  /**
   * The device secret a restore seals the new PIN slots with: the current one if it can be read;
   * a new one (written at the commit, not before: commitRestore) on a new laptop or when the
   * keystore that sealed it is gone. Never one with less protection than the old: a keystore
   * that protected the secret and offers none now (locked, not started) refuses the restore, as
   * recoverOwner does, so the owner unlocks it and retries; the data folder is left unchanged.
   */
  private restoreDeviceSecret(): { secret: Buffer; write?: () => void; reason?: string } {
    if (!this.d.device.exists()) {
      const secret = randomBytes(32);
      return { secret, write: () => this.d.device.store(secret), reason: 'new' };
    }
    try {
      return { secret: this.d.device.load() };
    } catch (err) {
      if (secretUnreadable(err)) throw err;
      // The router audits the refusal (backups.restore, failed).
      if (this.d.device.replacingLowersProtection()) {
        throw err instanceof AppError && err.code === 'KEYSTORE_UNAVAILABLE'
          ? err
          : new AppError('KEYSTORE_UNAVAILABLE', { reason: 'keystore_unavailable' });
      }
      const secret = randomBytes(32);
      return { secret, write: () => this.d.device.store(secret), reason: 'replaced' };
    }
  }

  private moveAsideLeftoverVault(): void {
    const path = this.d.vault.path;
    if (!existsSync(path)) return;
    const stamp = this.d.clock.now();
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(path + suffix)) renameOnly(path + suffix, `${path}.orphan-${stamp}${suffix}`);
    }
    // Durable before the new slots are written: the old vault must not come back under them.
    fsyncDir(dirname(path));
  }
}
