import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CASHIER_PIN, makeCore, OWNER_PIN, setupShop, type TestCore } from '../support/fixtures';

const cores: TestCore[] = [];
afterEach(() => {
  while (cores.length) cores.pop()!.cleanup();
});

const WRONG = '000123';
const UNKNOWN_USER = '00000000-0000-4000-8000-000000000000';

async function lockedShop() {
  const t = makeCore();
  cores.push(t);
  const ids = await setupShop(t);
  await t.ok('auth:lock', {});
  return { t, ...ids };
}

function editSlot(t: TestCore, userId: string, change: Record<string, unknown>): void {
  const path = join(t.dir, 'keyslots.json');
  const file = JSON.parse(readFileSync(path, 'utf8')) as { slots: Record<string, unknown>[] };
  for (const s of file.slots) if (s.userId === userId) Object.assign(s, change);
  writeFileSync(path, JSON.stringify(file));
}

/** A fresh core over the same folder and clock: what a restart of the app sees. */
function restart(t: TestCore): TestCore {
  t.core.dispose();
  const again = makeCore({ dir: t.dir, keyStore: t.keyStore, clock: t.clock });
  cores.push(again);
  return again;
}

describe('unlock: the PIN check and its counter (DESIGN: 5 free attempts, then doubling waits)', () => {
  it('a right PIN resets the counter: the next mistakes start again from five', async () => {
    const { t, cashierId } = await lockedShop();
    for (let i = 0; i < 4; i++) await t.call('auth:unlock', { userId: cashierId, pin: WRONG });
    await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    const slots = JSON.parse(readFileSync(join(t.dir, 'keyslots.json'), 'utf8')) as {
      slots: { userId?: string; failedAttempts?: number; lockedUntil?: number }[];
    };
    expect(slots.slots.find((s) => s.userId === cashierId)).toMatchObject({
      failedAttempts: 0,
      lockedUntil: 0,
    });
    await t.ok('auth:lock', {});
    expect(await t.call('auth:unlock', { userId: cashierId, pin: WRONG })).toMatchObject({
      error: { code: 'WRONG_PIN', details: { attemptsLeft: 4 } },
    });
    // The owner's counter was never touched by the cashier's mistakes.
    expect(await t.call('auth:unlock', { userId: cashierId, pin: CASHIER_PIN })).toMatchObject({ ok: true });
  });

  it('a login is audited as such', async () => {
    const { t, ownerId } = await lockedShop();
    await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    const log = await t.ok('audit:list', { limit: 5 });
    expect(log.items[0]).toMatchObject({ action: 'auth.unlock', outcome: 'ok', actorId: ownerId });
  });

  it('an unknown user is NOT_FOUND', async () => {
    const { t } = await lockedShop();
    expect(await t.call('auth:unlock', { userId: UNKNOWN_USER, pin: OWNER_PIN })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
  });

  it('a waiting user is told how long, and the wait runs on elapsed time: setting the clock back does not stretch it', async () => {
    const { t, cashierId } = await lockedShop();
    for (let i = 0; i < 5; i++) await t.call('auth:unlock', { userId: cashierId, pin: WRONG });
    t.clock.advance(10_000);
    expect(await t.call('auth:unlock', { userId: cashierId, pin: CASHIER_PIN })).toMatchObject({
      error: { code: 'THROTTLED', details: { retryAfterMs: 20_000 } },
    });
    t.clock.setWall(t.clock.now() - 3_600_000);
    t.clock.advance(20_000);
    expect(await t.call('auth:unlock', { userId: cashierId, pin: CASHIER_PIN })).toMatchObject({ ok: true });
  });

  it('across a restart the wait goes on from where it was, never longer than the nominal delay', async () => {
    const { t, cashierId } = await lockedShop();
    for (let i = 0; i < 5; i++) await t.call('auth:unlock', { userId: cashierId, pin: WRONG });
    t.clock.advance(20_000);
    const again = restart(t);
    expect(await again.call('auth:unlock', { userId: cashierId, pin: CASHIER_PIN })).toMatchObject({
      error: { code: 'THROTTLED', details: { retryAfterMs: 10_000 } },
    });
    // The clock set back a day before the next start: still at most the 30 s delay.
    again.clock.setWall(again.clock.now() - 86_400_000);
    const third = restart(again);
    const r = await third.call('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    expect(r).toMatchObject({ error: { code: 'THROTTLED' } });
    if (!r.ok) expect(r.error.details?.retryAfterMs).toBeLessThanOrEqual(30_000);
    // And that wait ends after that much elapsed time, wherever the wall clock stands.
    third.clock.advance(30_000);
    expect(await third.call('auth:unlock', { userId: cashierId, pin: CASHIER_PIN })).toMatchObject({
      ok: true,
    });
  });

  it('the tenth wrong PIN: the owner is sent to the recovery code, a cashier is shut out and the key is gone', async () => {
    const { t, cashierId, ownerId } = await lockedShop();
    const last = async (userId: string) => {
      let r = await t.call('auth:unlock', { userId, pin: WRONG });
      for (let n = 2; n <= 10; n++) {
        t.clock.advance(3_600_000);
        r = await t.call('auth:unlock', { userId, pin: WRONG });
      }
      return r;
    };
    expect(await last(ownerId)).toMatchObject({ error: { code: 'RECOVERY_REQUIRED' } });
    expect(await last(cashierId)).toMatchObject({ error: { code: 'SLOT_DISABLED' } });
    const file = JSON.parse(readFileSync(join(t.dir, 'keyslots.json'), 'utf8')) as {
      slots: { userId?: string; wrapped?: unknown; disabled?: boolean }[];
    };
    expect(file.slots.find((s) => s.userId === cashierId)).toMatchObject({ wrapped: null, disabled: true });
  });

  it('each wrong PIN is audited with the running count, never the PIN', async () => {
    const { t, ownerId } = await lockedShop();
    await t.call('auth:unlock', { userId: ownerId, pin: WRONG });
    await t.call('auth:unlock', { userId: ownerId, pin: WRONG });
    await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    const log = await t.ok('audit:list', { limit: 10 });
    const failed = log.items.filter((e) => e.action === 'auth.unlock' && e.outcome === 'failed');
    expect(failed.map((e) => e.detail).sort((x, y) => Number(x.failures) - Number(y.failures))).toEqual([
      { reason: 'wrong_pin', failures: 1 },
      { reason: 'wrong_pin', failures: 2 },
    ]);
    expect(JSON.stringify(log.items)).not.toContain(WRONG);
  });

  it('a slot marked disabled opens nothing, even with its key still in it', async () => {
    const { t, cashierId } = await lockedShop();
    editSlot(t, cashierId, { disabled: true });
    const again = restart(t);
    expect(await again.call('auth:unlock', { userId: cashierId, pin: CASHIER_PIN })).toMatchObject({
      error: { code: 'SLOT_DISABLED' },
    });
  });

  it('a cashier slot relabelled as owner in the unencrypted file gains nothing: refused and audited', async () => {
    const { t, cashierId, ownerId } = await lockedShop();
    editSlot(t, cashierId, { roleHint: 'owner' });
    const again = restart(t);
    expect(await again.call('auth:unlock', { userId: cashierId, pin: CASHIER_PIN })).toMatchObject({
      error: { code: 'SLOT_DISABLED' },
    });
    await again.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    const log = await again.ok('audit:list', { limit: 20 });
    expect(log.items).toContainEqual(
      expect.objectContaining({
        action: 'auth.unlock',
        outcome: 'denied',
        actorId: cashierId,
        detail: { reason: 'inactive' },
      }),
    );
  });

  it('a user deactivated in the vault cannot log in with a slot that still holds the key', async () => {
    const t = makeCore();
    cores.push(t);
    const { cashierId } = await setupShop(t);
    t.core.vault.requireDb().prepare('UPDATE users SET active = 0 WHERE id = ?').run(cashierId);
    await t.ok('auth:lock', {});
    expect(await t.call('auth:unlock', { userId: cashierId, pin: CASHIER_PIN })).toMatchObject({
      error: { code: 'SLOT_DISABLED' },
    });
  });
});
