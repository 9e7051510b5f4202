import { afterEach, describe, expect, it } from 'vitest';
import { CASHIER_PIN, makeCore, setupShop, type TestCore } from '../support/fixtures';

let t: TestCore;
afterEach(() => t?.cleanup());

const PHONE = '0812-7777-4242';
const OTHER = '0813-5555-1000';

async function asCashier(cashierId: string, first: boolean) {
  await t.ok('auth:lock', {});
  if (first) {
    await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
  } else {
    await t.ok('auth:unlock', { userId: cashierId, pin: '582914' });
  }
}

async function asOwner(ownerId: string) {
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: ownerId, pin: '271828' });
}

/** Digits as "d": the shape of a number as shown (0812-****-7890 -> dddd-****-dddd). */
const shape = (s: string) => s.replace(/\d/g, 'd');

/** The notice's words about what a cashier sees of a phone, as a customer reads them. */
async function noticeSays(): Promise<{ masked: boolean; example: string | null }> {
  const doc = JSON.stringify((await t.ok('docs:current', { kind: 'notice' })).text);
  return {
    masked: /Kasir melihat nomor HP tersamar|Cashiers see phone numbers masked/.test(doc),
    example: /\d[\d-]*\*[\d*-]*\d/.exec(doc)?.[0] ?? null,
  };
}

async function shop(customersPerHour = 1000) {
  t = makeCore({ usageLimits: { searchesPerMinute: 60, customersPerHour, searchedCustomersPerHour: 1000 } });
  const ids = await setupShop(t);
  const a = (await t.ok('customers:create', { name: 'Kanari Wulandari', phone: PHONE })).id;
  const b = (await t.ok('customers:create', { name: 'Bagus Pengisi', phone: OTHER })).id;
  return { ...ids, a, b };
}

describe('what the privacy notice says about cashiers and phones is what main does', () => {
  it('the notice says cashiers see phones masked, and a cashier opening a customer gets it masked', async () => {
    const s = await shop();
    const says = await noticeSays();
    expect(says.masked).toBe(true);

    await asCashier(s.cashierId, true);
    const seen = await t.ok('customers:get', { id: s.a });
    expect(seen.phone).not.toBe(PHONE);
    expect(JSON.stringify(seen)).not.toContain('77774242');
    expect(JSON.stringify(seen)).not.toContain('7777-4242');
    expect(seen.phone).toMatch(/4242$/);
    // The notice shows the mask; the cashier gets the same shape.
    expect(says.example).not.toBeNull();
    expect(shape(seen.phone!)).toBe(shape(says.example!));
    // The same mask as the cashier's search.
    const listed = await t.ok('customers:search', { query: '4242' });
    expect(listed.items.find((c) => c.id === s.a)?.phone).toBe(seen.phone);
  });

  it("a cashier's create and edit answers carry the phone masked; an unchanged masked phone keeps the number", async () => {
    const s = await shop();
    await asCashier(s.cashierId, true);
    const created = await t.ok('customers:create', { name: 'Tamu Baru', phone: '0857-1111-2233' });
    expect(JSON.stringify(created)).not.toContain('1111');
    expect(created.phone).toMatch(/2233$/);

    const masked = (await t.ok('customers:get', { id: s.a })).phone!;
    // The edit form sends back what it showed: the masked phone changes nothing.
    await t.ok('customers:update', { id: s.a, name: 'Kanari W.', phone: masked });
    const changed = await t.ok('customers:update', { id: s.a, name: 'Kanari W.', phone: '0812-9999-8888' });
    expect(JSON.stringify(changed)).not.toContain('9999');
    expect(changed.phone).toMatch(/8888$/);

    await asOwner(s.ownerId);
    expect((await t.ok('customers:get', { id: s.a })).phone).toBe('0812-9999-8888');
    expect((await t.ok('customers:get', { id: s.b })).phone).toBe(OTHER);
  });

  it('the whole number is shown on request: audited with the customer and counted as opening them', async () => {
    const s = await shop(1);
    await asCashier(s.cashierId, true);
    const r = await t.call('customers:revealPhone', { id: s.a });
    expect(r).toMatchObject({ ok: true, value: { phone: PHONE } });
    // Counted: the hour allows one customer, so revealing another's number is refused.
    expect(await t.call('customers:revealPhone', { id: s.b })).toMatchObject({
      ok: false,
      error: { code: 'THROTTLED' },
    });

    await asOwner(s.ownerId);
    const log = (await t.ok('audit:list', { limit: 100 })).items.filter((e) => e.actorId === s.cashierId);
    expect(log.filter((e) => e.action === 'customer.revealPhone').map((e) => [e.target, e.outcome])).toEqual(
      expect.arrayContaining([[String(s.a), 'ok']]),
    );
    // The owner still sees whole numbers, unmarked.
    const full = await t.ok('customers:get', { id: s.a });
    expect(full).toMatchObject({ phone: PHONE });
    expect(full.phoneMasked).toBeFalsy();
  });
});
