import { AppError } from '../../lib/app-error';
import { openedSince } from '../../services/usage-guard';
import { sessionOf } from './context';
import type { HandlerDeps } from './deps';
import type { HandlerContext } from '../router';
import type { SessionUser } from '../../../shared/domain';

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
  reports,
}: Pick<
  HandlerDeps,
  'router' | 'auth' | 'users' | 'lifecycle' | 'sessions' | 'anchor' | 'vault' | 'usage' | 'clock' | 'reports'
>): void {
  r.handle('auth:users', () => auth.lockScreenUsers());
  // The lock screen's calls are audited by the router like any other: their entries wait in the
  // queue while the vault is locked and join the chain once it is open (Auditor.flushPending).
  /**
   * A secret (PIN, recovery code) opens the vault, then the session begins. The call's entry is
   * written at once (ctx.lastStep), before anyone is in: an entry that cannot be written (a damaged
   * vault) fails the call with no session begun, and a window locked meanwhile still leaves it, as
   * the secret did open the vault. The vault closes again unless someone is in.
   */
  const openWithSecret = async (
    ctx: HandlerContext,
    open: () => Promise<SessionUser>,
    afterEntry?: () => void,
  ): Promise<SessionUser> => {
    if (!auth.isSetup()) throw new AppError('NOT_SETUP');
    const epoch = lifecycle.lockEpoch(ctx.windowId);
    try {
      const user = await open();
      ctx.auditActor = user.id;
      ctx.lastStep(() => null);
      afterEntry?.();
      lifecycle.beginUnlessLocked(ctx.windowId, user, epoch);
      return user;
    } finally {
      lifecycle.closeVaultIfIdle();
    }
  };
  r.handle(
    'auth:unlock',
    async (ctx, input) => {
      const user = await openWithSecret(ctx, () => auth.unlock(input.userId, input.pin));
      // A cashier's last hour counts again after the app was quit and started (the guard's
      // windows live in memory).
      if (user.role === 'cashier') {
        const now = clock.now();
        usage.resume(user, openedSince(vault.requireDb(), user.id, now - 3_600_000), now);
      } else reports.warmDashboard(clock.now());
      return user;
    },
    { action: 'auth.unlock', failures: 'reported' },
  );
  r.handle(
    'auth:recoverOwner',
    // Written async: the router then never holds a transaction around it (see isAsyncFunction).
    async (ctx, input) =>
      openWithSecret(
        ctx,
        async () => {
          const options = { allowUnprotected: input.allowUnprotected === true };
          const recovered = await auth.recoverOwner(input.code, input.newPin, input.newPinConfirm, options);
          ctx.auditDetail.deviceChanged = recovered.deviceChanged;
          return recovered.user;
        },
        // The device secret may be new: anchor the chain, with this entry, again under it.
        () => anchor.update(vault.requireDb(), true),
      ),
    { action: 'auth.recover', failures: 'reported' },
  );
  r.handle('auth:lock', (ctx) => {
    lifecycle.lock(ctx.windowId, 'manual');
    return null;
  });
  r.handle('auth:touch', () => null);
  r.handle(
    'auth:changePin',
    async (ctx, input) => {
      const s = sessionOf(ctx);
      await auth.changePin(s.user.id, input.currentPin, input.newPin, input.newPinConfirm);
      const user = users.sessionUser(s.user.id);
      sessions.update(ctx.windowId, user);
      return user;
    },
    { action: 'auth.changePin', target: (_input, user) => user?.id ?? null, failures: 'reported' },
  );
}
