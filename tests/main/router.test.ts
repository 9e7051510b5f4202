import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS, contract, type ChannelName } from '../../src/shared/contract';
import { COLUMN, GATES, MATRIX, SAMPLE, expected, type Row, type Who } from '../support/channel-matrix';
import { CASHIER_PIN, OWNER_PIN, makeCore, setupShop, type TestCore } from '../support/fixtures';

async function as(who: Who): Promise<TestCore> {
  const t = makeCore();
  const { cashierId } = await setupShop(t);
  await t.ok('customers:create', { name: 'Pelanggan Satu', phone: '0813-1111-2222' });
  if (who === 'owner') return t;
  await t.ok('auth:lock', {});
  if (who === 'nobody') return t;
  await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
  if (who === 'cashier')
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
  return t;
}

/** The ipc.denied entries in the log, read by the owner in a window of their own. */
async function deniedEntries(
  t: TestCore,
): Promise<{ channel: unknown; code: unknown; actor: string | null; outcome: string }[]> {
  const owner = (await t.ok('auth:users', {}, 'w-audit')).find((u) => u.roleHint === 'owner')!;
  await t.ok('auth:unlock', { userId: owner.id, pin: OWNER_PIN }, 'w-audit');
  const log = await t.ok('audit:list', { action: 'ipc.denied', limit: 500 }, 'w-audit');
  return log.items.map((e) => ({
    channel: e.detail.channel,
    code: e.detail.code,
    actor: e.actorId,
    outcome: e.outcome,
  }));
}

describe('router: the whole channel x role matrix', () => {
  let t: TestCore | undefined;
  afterEach(() => t?.cleanup());

  it('every contract channel has exactly one handler', async () => {
    t = makeCore();
    expect(t.core.router.missing()).toEqual([]);
    expect(() => t!.core.router.handle('app:status', () => t!.core.lifecycle.status('x'))).toThrow(/twice/);
  });

  it('the table names every channel of the contract, and no other', () => {
    const table = Object.keys(MATRIX).sort();
    expect(table).toEqual([...CHANNELS].sort());
    expect(table).toEqual(Object.keys(contract).sort());
    for (const row of Object.values(MATRIX) as Row[]) {
      expect(row).toHaveLength(3);
      for (const cell of row) expect(['Y', 'n']).toContain(cell);
    }
  });

  for (const who of ['nobody', 'owner', 'cashier', 'new-cashier'] as const) {
    for (const channel of CHANNELS) {
      const want = expected(channel, who);
      it(`${who} -> ${channel}: ${want ?? 'allowed'}`, async () => {
        t = await as(who);
        const actor = who === 'nobody' ? null : ((await t.ok('app:status', {})).user?.id ?? null);
        const r = await t.call(channel, SAMPLE[channel] as never);
        const code = r.ok ? null : r.error.code;
        if (!r.ok) expect(r.error.message.length).toBeGreaterThan(5);
        const denied = (await deniedEntries(t)).filter((e) => e.channel === channel);
        if (want) {
          // Refused in main with the gate's code, and recorded with who asked and why.
          expect(code).toBe(want);
          expect(denied).toEqual([{ channel, code: want, actor, outcome: 'denied' }]);
        } else {
          expect(GATES).not.toContain(code);
          expect(denied).toEqual([]);
        }
      });
    }
  }

  it('denied calls are written to the audit log, with the channel and no data', async () => {
    t = await as('cashier');
    expect((await t.call('audit:list', {})).ok).toBe(false);
    expect((await t.call('users:create', { name: 'Diam-diam', pin: '582914' })).ok).toBe(false);
    await t.ok('auth:lock', {});
    expect((await t.call('customers:search', { query: 'x' })).ok).toBe(false);
    const owner = (await t.ok('auth:users', {})).find((u) => u.roleHint === 'owner')!;
    await t.ok('auth:unlock', { userId: owner.id, pin: '271828' });
    const log = await t.ok('audit:list', { limit: 200 });
    const denied = log.items.filter((e) => e.action === 'ipc.denied');
    expect(denied.map((e) => e.detail.channel).sort()).toEqual([
      'audit:list',
      'customers:search',
      'users:create',
    ]);
    expect(JSON.stringify(log.items)).not.toContain('Diam-diam');
  });

  it('unknown channels and malformed input get their own codes and change nothing', async () => {
    t = await as('owner');
    const before = (await t.ok('customers:search', { query: '' })).total;
    expect(await t.core.dispatch('w1', 'customers:drop', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(await t.core.dispatch('w1', '__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    const bad = await t.core.dispatch('w1', 'customers:create', { name: '', phone: 42, extra: 'x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!bad.ok) expect(bad.error.details?.fields).toEqual(expect.arrayContaining(['name', 'phone']));
    const phone = await t.call('customers:create', { name: 'Rina Wati', phone: '12345' });
    expect(phone).toMatchObject({ ok: false, error: { code: 'INVALID_PHONE' } });
    if (!phone.ok) expect(phone.error.message).not.toContain('12345');
    expect((await t.ok('customers:search', { query: '' })).total).toBe(before);
  });

  it('errors are in the chosen language', async () => {
    t = await as('nobody');
    const id = await t.call('customers:search', { query: '' });
    await t.ok('app:setLanguage', { language: 'en' });
    const en = await t.call('customers:search', { query: '' });
    expect(!id.ok && id.error.message).toMatch(/terkunci/);
    expect(!en.ok && en.error.message).toMatch(/locked/);
  });
});

describe('router: a cashier whose staff briefing is due', () => {
  let t: TestCore | undefined;
  afterEach(() => t?.cleanup());

  // By hand: reading the rules, the check, and the session's own channels (language, PIN, leaving).
  const DURING_BRIEFING: readonly ChannelName[] = [
    'app:status',
    'app:setLanguage',
    'auth:users',
    'auth:lock',
    'auth:touch',
    'auth:changePin',
    'briefing:get',
    'briefing:quiz',
    'briefing:answer',
  ];

  it('is refused every other channel a cashier may use, each refusal audited with the reason', async () => {
    t = makeCore();
    const { cashierId } = await setupShop(t, { cashierBriefed: false });
    await t.ok('customers:create', { name: 'Pelanggan Satu', phone: '0813-1111-2222' });
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
    const gated = CHANNELS.filter(
      (c) =>
        MATRIX[c][COLUMN.cashier] === 'Y' && MATRIX[c][COLUMN.nobody] === 'n' && !DURING_BRIEFING.includes(c),
    );
    expect(gated.length).toBeGreaterThan(15);
    for (const channel of gated) {
      const r = await t.call(channel, SAMPLE[channel] as never);
      expect(r, channel).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', details: { reason: 'briefing_due' } },
      });
    }
    // The briefing itself works.
    await t.ok('briefing:get', {});
    await t.ok('briefing:quiz', {});
    const denied = (await deniedEntries(t)).filter((e) => e.actor === cashierId);
    expect(denied.map((e) => e.channel).sort()).toEqual([...gated].sort());
  });
});
