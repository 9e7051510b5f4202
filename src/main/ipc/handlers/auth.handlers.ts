import { AppError } from '../../lib/app-error';
import { openedSince } from '../../services/usage-guard';
import { sessionOf } from './context';
import type { HandlerDeps } from './deps';

/** The lock screen and the session: log in, recover, lock, change one's own PIN. */
export function registerAuthHandlers({
  router: r,
  auth,
  users,
  lifecycle,
  sessions,
  anchor,
  vault,
  usage,
  clock,
}: Pick<
  HandlerDeps,
  'router' | 'auth' | 'users' | 'lifecycle' | 'sessions' | 'anchor' | 'vault' | 'usage' | 'clock'
>): void {
  r.handle('auth:users', () => auth.lockScreenUsers());
  r.handle('auth:unlock', async (ctx, input) => {
    if (!auth.isSetup()) throw new AppError('NOT_SETUP');
    const epoch = lifecycle.lockEpoch(ctx.windowId);
    try {
      const user = await auth.unlock(input.userId, input.pin);
      lifecycle.beginUnlessLocked(ctx.windowId, user, epoch);
      // A cashier's last hour counts again after the app was quit and started (the guard's
      // windows live in memory).
      if (user.role === 'cashier') {
        const now = clock.now();
        usage.resume(user, openedSince(vault.requireDb(), user.id, now - 3_600_000), now);
      }
      return user;
    } finally {
      lifecycle.closeVaultIfIdle();
    }
  });
  r.handle('auth:recoverOwner', async (ctx, input) => {
    if (!auth.isSetup()) throw new AppError('NOT_SETUP');
    const epoch = lifecycle.lockEpoch(ctx.windowId);
    try {
      const user = await auth.recoverOwner(input.code, input.newPin, input.newPinConfirm, {
        allowUnprotected: input.allowUnprotected === true,
      });
      // The device secret may be new: anchor the chain again under the new key.
      anchor.update(vault.requireDb(), true);
      lifecycle.beginUnlessLocked(ctx.windowId, user, epoch);
      return user;
    } finally {
      lifecycle.closeVaultIfIdle();
    }
  });
  r.handle('auth:lock', (ctx) => {
    lifecycle.lock(ctx.windowId, 'manual');
    return null;
  });
  r.handle('auth:touch', () => null);
  r.handle('auth:changePin', async (ctx, input) => {
    const s = sessionOf(ctx);
    await auth.changePin(s.user.id, input.currentPin, input.newPin, input.newPinConfirm);
    const user = users.sessionUser(s.user.id);
    sessions.update(ctx.windowId, user);
    return user;
  });
}
