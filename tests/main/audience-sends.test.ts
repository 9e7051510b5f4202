import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, setupShop, type TestCore } from '../support/fixtures';

let t: TestCore;
afterEach(() => t?.cleanup());

const WA = 2;
const PROMO = 'Halo {nama}, promo kopi minggu ini!';

/** Three who consented to WhatsApp promotions (Ani, Budi, Cici) and Dodi who did not. */
async function shop() {
  t = makeCore();
  await setupShop(t);
  const consented = (name: string, phone: string) =>
    t.ok('customers:create', { name, phone, consents: [{ purposeId: WA, method: 'verbal' }] });
  const ani = await consented('Ani', '0812-1111-0001');
  const budi = await consented('Budi', '0812-1111-0002');
  const cici = await consented('Cici', '0812-1111-0003');
  const dodi = await t.ok('customers:create', { name: 'Dodi', phone: '0812-1111-0004' });
  return { ani, budi, cici, dodi };
}

const list = (message = PROMO, unsentOnly = false) =>
  t.ok('audience:list', { channel: 'whatsapp', message, unsentOnly });

describe('marketing: who a WhatsApp message was sent to', () => {
  it('opening a customer\'s link marks this message sent to them; "belum dikirim" lists the others', async () => {
    const { ani, budi, cici } = await shop();
    expect((await list()).unsent).toBe(3);
    await t.ok('audience:whatsapp', { customerId: ani.id, message: PROMO, mode: 'open' });
    const all = await list();
    expect(all.items.map((m) => [m.name, m.sentAt !== null])).toEqual([
      ['Ani', true],
      ['Budi', false],
      ['Cici', false],
    ]);
    expect(all.items[0]!.sentAt).toBe(t.clock.now());
    expect(all).toMatchObject({ total: 3, audience: 3, unsent: 2 });
    const unsent = await list(PROMO, true);
    expect(unsent.items.map((m) => m.id)).toEqual([budi.id, cici.id]);
    expect(unsent).toMatchObject({ total: 2, audience: 3, unsent: 2 });
    // Copying is not sending: no mark until the owner says so.
    await t.ok('audience:whatsapp', { customerId: budi.id, message: PROMO, mode: 'copy' });
    expect((await list()).unsent).toBe(2);
    await t.ok('audience:markSent', { customerId: budi.id, message: PROMO, sent: true });
    expect((await list(PROMO, true)).items.map((m) => m.id)).toEqual([cici.id]);
    // Marked by mistake: taken back.
    await t.ok('audience:markSent', { customerId: budi.id, message: PROMO, sent: false });
    expect((await list(PROMO, true)).items.map((m) => m.id)).toEqual([budi.id, cici.id]);
  });

  it('per message: another message has been sent to nobody yet', async () => {
    const { ani } = await shop();
    await t.ok('audience:whatsapp', { customerId: ani.id, message: PROMO, mode: 'open' });
    expect((await list('Halo {nama}, toko tutup hari Jumat.')).unsent).toBe(3);
    expect((await list(`  ${PROMO}  `)).unsent).toBe(2);
  });

  it('only the audience is marked: a customer without consent, or who withdrew, is refused and nothing changes', async () => {
    const { ani, dodi } = await shop();
    const refused = await t.call('audience:markSent', { customerId: dodi.id, message: PROMO, sent: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await t.ok('consent:withdraw', { customerId: ani.id, purposeId: WA, method: 'verbal' });
    expect(
      await t.call('audience:markSent', { customerId: ani.id, message: PROMO, sent: true }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const db = t.core.vault.requireDb();
    expect(db.prepare('SELECT count(*) FROM audience_sends').pluck().get()).toBe(0);
    const log = await t.ok('audit:list', { action: 'audience.markSent', limit: 10 });
    expect(log.items.map((e) => [e.outcome, e.target])).toEqual([
      ['failed', String(ani.id)],
      ['failed', String(dodi.id)],
    ]);
  });

  it('every mark is audited with the customer, and goes when the customer is erased', async () => {
    const { ani, budi } = await shop();
    await t.ok('audience:whatsapp', { customerId: ani.id, message: PROMO, mode: 'open' });
    await t.ok('audience:markSent', { customerId: budi.id, message: PROMO, sent: true });
    const opened = await t.ok('audit:list', { action: 'audience.whatsapp', limit: 10 });
    expect(opened.items[0]).toMatchObject({
      target: String(ani.id),
      detail: { mode: 'open', markedSent: true },
    });
    const marked = await t.ok('audit:list', { action: 'audience.markSent', limit: 10 });
    expect(marked.items.map((e) => [e.outcome, e.target, e.detail.sent])).toEqual([
      ['ok', String(budi.id), true],
    ]);
    // The audit names no message: only the customer and what was done.
    expect(JSON.stringify([opened.items, marked.items])).not.toContain('promo');
    await t.ok('customers:erase', { id: ani.id, confirm: true });
    const db = t.core.vault.requireDb();
    expect(db.prepare('SELECT customer_id FROM audience_sends').pluck().all()).toEqual([budi.id]);
  });
});
