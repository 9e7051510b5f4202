import type { LockScreenUser } from '../../../shared/domain';
import { AppError } from '../../core/app-error';
import type { Core } from '../../core/core';
import { recoveryCardHtml } from '../../services/recovery-card';
import { getUser, insertUser, listUsers, setMeta, toSessionUser } from '../../services/users.repo';
import { formatRecoveryCode, recoveryGroup } from '../../vault/recovery-code';
import { randomUUID } from 'node:crypto';
import { sessionOf } from './context';

/** App status, setup, login and staff management. */
export function registerAuthHandlers(core: Core): void {
  const r = core.router;
  const db = () => core.vault.requireDb();
  const now = () => core.clock.now();

  r.handle('app:status', (ctx) => core.status(ctx.windowId));
  r.handle('app:setLanguage', (_ctx, input) => {
    core.setLanguage(input.language);
    return null;
  });

  r.handle('setup:create', async (ctx, input) => {
    const result = await core.auth.setup({ ...input, language: core.language() });
    core.beginSession(ctx.windowId, result.user);
    const pending = core.setPendingRecovery(result.recoveryCode);
    return {
      recoveryCode: formatRecoveryCode(pending.code),
      confirmGroups: pending.groups,
      kdf: { memoryKiB: result.kdf.memoryKiB, iterations: result.kdf.iterations, unlockMs: result.unlockMs },
    };
  });
  r.handle('setup:recoveryCode', async () => {
    if (!core.recoveryPending()) throw new AppError('CONFLICT', { reason: 'already_confirmed' });
    // After a restart the first code is gone from memory: issue a new one rather than trust it was seen.
    const pending =
      core.getPendingRecovery() ?? core.setPendingRecovery(await core.auth.reissueRecoveryCode());
    const kdf = core.slots.read().kdf;
    return {
      recoveryCode: formatRecoveryCode(pending.code),
      confirmGroups: pending.groups,
      kdf: { memoryKiB: kdf.memoryKiB, iterations: kdf.iterations, unlockMs: 0 },
    };
  });
  r.handle(
    'setup:confirmRecovery',
    (ctx, input) => {
      const pending = core.getPendingRecovery();
      if (!pending || !core.recoveryPending()) throw new AppError('CONFLICT', { reason: 'nothing_pending' });
      const answered = new Map(input.answers.map((a) => [a.group, a.value]));
      const wrong = pending.groups.filter(
        (g) => recoveryGroup(answered.get(g) ?? '', 1) !== recoveryGroup(pending.code, g),
      );
      if (wrong.length > 0) {
        throw new AppError('WRONG_RECOVERY_CODE', { fields: wrong.map((g) => `group${g}`) });
      }
      setMeta(db(), 'recovery_confirmed', '1');
      core.clearPendingRecovery();
      ctx.auditDetail.groupsChecked = pending.groups.length;
      return null;
    },
    { action: 'setup.confirmRecovery' },
  );
  r.handle(
    'setup:printRecoveryCard',
    async () => {
      const pending = core.getPendingRecovery();
      if (!pending) throw new AppError('CONFLICT', { reason: 'nothing_pending' });
      const html = recoveryCardHtml(
        pending.code,
        core.slots.read().shopName,
        core.language(),
        new Date(now()),
      );
      return core.printer.printToPdf(html, 'brankas-kartu-pemulihan.pdf');
    },
    { action: 'setup.printRecoveryCard' },
  );

  r.handle('auth:users', (): LockScreenUser[] => {
    if (!core.auth.isSetup()) return [];
    return core.slots
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
  });
  r.handle('auth:unlock', async (ctx, input) => {
    if (!core.auth.isSetup()) throw new AppError('NOT_SETUP');
    try {
      const user = await core.auth.unlock(input.userId, input.pin);
      core.beginSession(ctx.windowId, user);
      return user;
    } finally {
      core.closeVaultIfIdle();
    }
  });
  r.handle('auth:recoverOwner', async (ctx, input) => {
    if (!core.auth.isSetup()) throw new AppError('NOT_SETUP');
    try {
      const user = await core.auth.recoverOwner(input.code, input.newPin, input.newPinConfirm, {
        allowUnprotected: input.allowUnprotected === true,
      });
      core.beginSession(ctx.windowId, user);
      return user;
    } finally {
      core.closeVaultIfIdle();
    }
  });
  r.handle('auth:lock', (ctx) => {
    core.lock(ctx.windowId, 'manual');
    return null;
  });
  r.handle('auth:touch', () => null);
  r.handle('auth:changePin', async (ctx, input) => {
    const s = sessionOf(ctx);
    await core.auth.changePin(s.user.id, input.currentPin, input.newPin, input.newPinConfirm);
    const user = getUser(db(), s.user.id);
    if (!user) throw new AppError('NOT_FOUND');
    const sessionUser = toSessionUser(user);
    core.sessions.update(ctx.windowId, sessionUser);
    return sessionUser;
  });

  r.handle('users:list', () => listUsers(db()));
  r.handle(
    'users:create',
    async (_ctx, input) => {
      const name = input.name.trim();
      const taken = listUsers(db()).some((u) => u.active && u.name.toLowerCase() === name.toLowerCase());
      if (taken) throw new AppError('CONFLICT', { fields: ['name'], reason: 'duplicate_name' });
      const user = { id: randomUUID(), name, role: 'cashier' as const, mustChangePin: true };
      insertUser(db(), user, now());
      try {
        await core.auth.issuePinSlot(user, input.pin);
      } catch (err) {
        db().prepare('DELETE FROM users WHERE id = ?').run(user.id);
        throw err;
      }
      const row = getUser(db(), user.id);
      if (!row) throw new AppError('INTERNAL');
      return row;
    },
    { action: 'users.create', target: (_i, out) => out?.id ?? null },
  );
  r.handle(
    'users:resetPin',
    async (_ctx, input) => {
      const user = getUser(db(), input.userId);
      if (!user) throw new AppError('NOT_FOUND');
      if (user.role !== 'cashier') throw new AppError('FORBIDDEN', { reason: 'owner_uses_change_pin' });
      await core.auth.issuePinSlot(user, input.pin);
      db()
        .prepare('UPDATE users SET must_change_pin = 1, active = 1, updated_at = ? WHERE id = ?')
        .run(now(), user.id);
      return null;
    },
    { action: 'users.resetPin', target: (i) => i.userId },
  );
  r.handle(
    'users:disable',
    (_ctx, input) => {
      const user = getUser(db(), input.userId);
      if (!user) throw new AppError('NOT_FOUND');
      if (user.role === 'owner') throw new AppError('FORBIDDEN', { reason: 'cannot_disable_owner' });
      core.auth.disableSlot(user.id);
      db().prepare('UPDATE users SET active = 0, updated_at = ? WHERE id = ?').run(now(), user.id);
      for (const [windowId, s] of core.sessions.entries()) {
        if (s.user.id === user.id) core.lock(windowId, 'manual');
      }
      return null;
    },
    { action: 'users.disable', target: (i) => i.userId },
  );
}
