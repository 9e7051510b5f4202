import type { SessionUser } from '../../../shared/domain';
import { AppError } from '../../lib/app-error';
import { getUser, toSessionUser } from '../users.repo';
import type { AuthCtx } from './context';
import { admit, tryPinKeys, usableSlot } from './lockout';
import { openSettlingRotation } from './rotation-settle';

/** Lock-screen login. The attempt is counted before the PIN is checked, so parallel guesses cannot skip the counter. */
export async function unlock(c: AuthCtx, userId: string, pin: string): Promise<SessionUser> {
  return c.mutex.run(async () => {
    const slot = usableSlot(c, userId);
    const deviceSecret = c.d.device.load();
    const keys = await tryPinKeys(c, slot, pin, deviceSecret);
    const db = openSettlingRotation(c, keys, slot);
    admit(c, db);
    const user = getUser(db, userId);
    if (!user || !user.active || user.role !== slot.roleHint) {
      throw new AppError('SLOT_DISABLED', undefined, {
        audit: { actor: userId, outcome: 'denied', detail: { reason: 'inactive' } },
      });
    }
    // What waited while the vault was locked joins the chain first; the router's entry for this
    // unlock follows it.
    c.d.auditor.flushPending();
    c.d.leftovers?.afterUnlock(db);
    return toSessionUser(user);
  });
}
