import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SessionUser } from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { AppError } from '../../lib/app-error';
import { fsyncDir, renameOnly } from '../../lib/durable-fs';
import { calibrate, type KdfParams } from '../../vault/kdf';
import { KEYSLOT_FORMAT } from '../../vault/keyslots-migrations';
import { generateRecoveryCode } from '../../vault/recovery-code';
import { stampGeneration } from '../../vault/generation';
import { refreshNotice } from '../rights/documents';
import { initSettings, setMeta } from '../settings.service';
import { getUser, insertUser, toSessionUser } from '../users.repo';
import { isSetup, pinKind, requireStrongPin, type AuthCtx } from './context';
import { makePinSlot, makeRecoverySlot } from './slot-crypto';

/**
 * First run: device secret, data key, vault with the owner in it, then key slots. The vault is
 * written before keyslots.json so a crash in between leaves "not set up" rather than a
 * slot file pointing at nothing; a leftover vault from such a crash is moved aside, not deleted.
 */
export async function setup(
  c: AuthCtx,
  input: {
    shopName: string;
    ownerName: string;
    pin: string;
    pinConfirm: string;
    language: Language;
  },
): Promise<{ user: SessionUser; recoveryCode: string; kdf: KdfParams; unlockMs: number }> {
  return c.mutex.run(async () => {
    if (isSetup(c)) throw new AppError('ALREADY_SETUP');
    requireStrongPin(input.pin, input.pinConfirm, 'owner');
    const { params, measuredMs } =
      c.d.kdf.mode === 'calibrate'
        ? await calibrate(c.d.kdf.targetMs)
        : { params: c.d.kdf.params, measuredMs: 0 };

    moveAsideLeftoverVault(c);
    const deviceSecret = c.d.device.create();
    const dek = randomBytes(32);
    const ownerId = randomUUID();
    const now = c.d.clock.now();
    const ownerSlot = await makePinSlot(
      { userId: ownerId, name: input.ownerName, role: 'owner' },
      input.pin,
      params,
      deviceSecret,
      dek,
    );
    const recoveryCode = generateRecoveryCode();
    const recoverySlot = await makeRecoverySlot(recoveryCode, params, dek);

    const db = c.d.vault.open(dek);
    db.transaction(() => {
      initSettings(db, input.shopName, now);
      insertUser(db, { id: ownerId, name: input.ownerName, role: 'owner', mustChangePin: false }, now);
      // Version 1 of the privacy notice exists before the first consent is recorded under it.
      refreshNotice(db, now);
      setMeta(db, 'owner_pin_kind', pinKind(input.pin));
      stampGeneration(db, c.d.guard.next(null));
    })();
    c.d.slots.create({
      format: KEYSLOT_FORMAT,
      vaultId: randomUUID(),
      shopName: input.shopName,
      language: input.language,
      kdf: params,
      slots: [ownerSlot, recoverySlot],
      pending: [],
    });
    c.d.guard.created(db);
    const user = getUser(db, ownerId);
    if (!user) throw new AppError('INTERNAL');
    return { user: toSessionUser(user), recoveryCode, kdf: params, unlockMs: measuredMs };
  });
}

function moveAsideLeftoverVault(c: AuthCtx): void {
  const path = c.d.vault.path;
  if (!existsSync(path)) return;
  const stamp = c.d.clock.now();
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(path + suffix)) renameOnly(path + suffix, `${path}.orphan-${stamp}${suffix}`);
  }
  // Durable before the new slots are written: the old vault must not come back under them.
  fsyncDir(dirname(path));
}
