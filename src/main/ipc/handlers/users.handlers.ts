import type { HandlerDeps } from './deps';

/** The owner's staff management. */
export function registerUsersHandlers({
  router: r,
  users,
  lifecycle,
}: Pick<HandlerDeps, 'router' | 'users' | 'lifecycle'>): void {
  r.handle('users:list', () => users.list());
  r.handle('users:create', (_ctx, input) => users.createCashier(input.name, input.pin), {
    action: 'users.create',
    target: (_i, out) => out?.id ?? null,
  });
  r.handle(
    'users:resetPin',
    async (_ctx, input) => {
      await users.resetPin(input.userId, input.pin);
      return null;
    },
    { action: 'users.resetPin', target: (i) => i.userId },
  );
  r.handle(
    'users:disable',
    (_ctx, input) => {
      users.disable(input.userId);
      // A disabled cashier still at a window is logged out there at once.
      lifecycle.lockUser(input.userId, 'manual');
      return null;
    },
    { action: 'users.disable', target: (i) => i.userId },
  );
}
