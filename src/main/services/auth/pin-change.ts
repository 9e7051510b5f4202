import type { Role } from '../../../shared/roles';
import { checkPin } from '../../../shared/pin-policy';
import { AppError } from '../../lib/app-error';
import { setMeta } from '../settings.service';
import { getUser, setUserFlags } from '../users.repo';
import { pinKind, requireStrongPin, type AuthCtx } from './context';
import { tryPin, usableSlot } from './lockout';
import { replacePinSlot } from './slot-crypto';

/** Checks the current PIN again (counted like a login) and writes a new slot. */
export async function changePin(
  c: AuthCtx,
  userId: string,
  currentPin: string,
  newPin: string,
  confirm: string,
): Promise<void> {
  return c.mutex.run(async () => {
    const db = c.d.vault.requireDb();
    const user = getUser(db, userId);
    if (!user) throw new AppError('NOT_FOUND');
    requireStrongPin(newPin, confirm, user.role, currentPin);
    const slot = usableSlot(c, userId);
    const deviceSecret = c.d.device.load();
    const dek = await tryPin(c, slot, currentPin, deviceSecret);
    dek.fill(0);
    await replacePinSlot(c, user, newPin, deviceSecret);
    setUserFlags(db, userId, { mustChangePin: false }, c.d.clock.now());
    if (user.role === 'owner') setMeta(db, 'owner_pin_kind', pinKind(newPin));
  });
}

/** Owner issues a PIN slot for a user (new cashier, or a reset). Needs the open vault. */
export async function issuePinSlot(
  c: AuthCtx,
  user: { id: string; name: string; role: Role },
  pin: string,
): Promise<void> {
  const weakness = checkPin(pin, user.role === 'owner');
  if (weakness) throw new AppError('WEAK_PIN', { fields: ['pin'], reason: weakness });
  return c.mutex.run(() => replacePinSlot(c, user, pin, c.d.device.load()));
}
