import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ClientCore } from '../../src/main/lan/client-core';
import { LanServer } from '../../src/main/lan/server';
import { tlsLinks } from '../../src/main/lan/tls-link';
import { MemoryHandoff, MemoryKeyStore } from '../../src/main/ports/memory-ports';
import { startBridge, type Bridge } from '../support/bridge';
import { shopContext, shot, watchPage } from '../support/browser';
import { CASHIER_PIN, OWNER_PIN, setupShop, tempDir } from '../support/fixtures';
import { loginAs, useJourney } from '../support/journey';

/**
 * Two counters in Chromium: one page on the primary (the vault's laptop), one on a second laptop
 * whose own Core holds no vault and reaches the primary over the real mutual-TLS link on
 * 127.0.0.1. The second laptop pairs from its setup screen; a cashier on each serves customers at
 * the same time; then the primary goes away and the second laptop says so.
 */
const ANDI = { name: /Andi/, pin: '582914' };
const RINA = { name: /Rina/, pin: '602413' };
const server = new LanServer({ interfaces: ['127.0.0.1'], port: 0 });
let port = 0;
let rinaId = '';
let ownerOf = '';
const folder = tempDir('brankas-e2e-counter-');
const laptop = new ClientCore({
  dataDir: folder.dir,
  keyStore: new MemoryKeyStore(),
  links: tlsLinks,
  handoff: new MemoryHandoff(),
});
let second: Bridge | undefined;

afterAll(async () => {
  laptop.dispose();
  await second?.close();
  await server.stop();
  folder.cleanup();
});

const j = useJourney(
  async (t) => {
    const { cashierId, ownerId } = await setupShop(t);
    ownerOf = ownerId;
    rinaId = (await t.ok('users:create', { name: 'Rina', pin: CASHIER_PIN })).id;
    port = (await t.ok('lan:enable', { enabled: true })).listening!.port;
    // Both cashiers have chosen their own PINs already (a first login is another journey's).
    for (const [id, pin] of [
      [cashierId, ANDI.pin],
      [rinaId, RINA.pin],
    ] as const) {
      await t.ok('auth:lock', {});
      await t.ok('auth:unlock', { userId: id, pin: CASHIER_PIN });
      await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: pin, newPinConfirm: pin });
    }
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
  },
  { lanHost: server },
);

/** A new customer through the counter's form: name, phone, Simpan; her page opens. */
async function newCustomer(page: Page, name: string, phone: string): Promise<void> {
  await page.getByRole('button', { name: /Pelanggan baru/ }).click();
  const form = page.locator('form.panel-form');
  await form.getByLabel('Nama', { exact: true }).fill(name);
  await form.getByLabel(/Nomor HP/).fill(phone);
  await form.getByRole('button', { name: 'Simpan' }).click();
  await page.getByRole('heading', { name }).waitFor();
}

describe('e2e in Chromium: two counters, one vault', () => {
  it('pairs from the setup screen, serves customers on both at once, and says when the primary is gone', async () => {
    second = await startBridge(laptop);
    const context = await shopContext(j.browser, { width: 1280, height: 800 }, j.t.clock);
    const counter2 = await context.newPage();
    const watch2 = watchPage(counter2, second.url.replace(/\/$/, ''));
    await counter2.goto(second.url);

    // The second laptop's setup screen: connect instead of making a vault.
    await counter2.getByRole('button', { name: 'Sambungkan ke laptop utama' }).click();
    await counter2.getByRole('heading', { name: 'Sambungkan ke laptop utama' }).waitFor();
    await shot(counter2, 'lan-10-connect');

    // The owner makes a code on the primary (Settings shows it; here the core is asked directly).
    await j.t.ok('auth:unlock', { userId: ownerOf, pin: OWNER_PIN }, 'owner-desk');
    const { code } = await j.t.ok('lan:newCode', {}, 'owner-desk');
    await counter2.getByLabel('Alamat laptop utama').fill(`127.0.0.1:${port}`);
    await counter2.getByLabel('Kode sambung').fill(code);
    await counter2.getByLabel('Nama laptop ini').fill('Kasir 2');
    await counter2.getByRole('button', { name: 'Sambungkan' }).click();
    // Paired: its lock screen lists the shop's staff, from the primary.
    await loginAs(counter2, RINA.name, RINA.pin);
    await counter2.getByRole('heading', { name: 'Pelanggan', exact: true }).waitFor();

    // The primary's own counter, at the same time.
    const counter1 = await context.newPage();
    const watch1 = watchPage(counter1, j.bridge.url.replace(/\/$/, ''));
    await counter1.goto(j.bridge.url);
    await loginAs(counter1, ANDI.name, ANDI.pin);
    await counter1.getByRole('heading', { name: 'Pelanggan', exact: true }).waitFor();

    await Promise.all([
      newCustomer(counter1, 'Sinta Dewi', '0812-5550-1111'),
      newCustomer(counter2, 'Yusuf Hakim', '0813-5550-2222'),
    ]);
    await shot(counter2, 'lan-11-second-counter');

    // Each counter finds the other's customer: one vault.
    const vault = j.t.core.vault.requireDb();
    const names = vault.prepare('SELECT name FROM customers ORDER BY id').pluck().all() as string[];
    expect(names).toEqual(expect.arrayContaining(['Sinta Dewi', 'Yusuf Hakim']));
    // The second laptop's customer came from its device, by Rina.
    const entry = vault
      .prepare("SELECT actor, detail FROM audit_log WHERE action = 'customer.create' ORDER BY id DESC")
      .all() as { actor: string; detail: string }[];
    const fromLaptop = entry.find((e) => e.actor === rinaId);
    expect(JSON.parse(fromLaptop!.detail)).toHaveProperty('device');

    // The primary goes away: the second counter says so and keeps its screen.
    await server.stop();
    await counter2.getByRole('button', { name: /Pelanggan baru/ }).click();
    await counter2.locator('form.panel-form').getByLabel('Nama', { exact: true }).fill('Tono');
    await counter2.locator('form.panel-form').getByRole('button', { name: 'Simpan' }).click();
    await counter2
      .getByRole('alert')
      .filter({ hasText: /Laptop utama tidak terhubung/ })
      .first()
      .waitFor();
    expect(await counter2.locator('form.panel-form').getByLabel('Nama', { exact: true }).inputValue()).toBe(
      'Tono',
    );
    await shot(counter2, 'lan-12-disconnected');

    // Nothing left either page for anywhere but its own app.
    expect(watch1.foreign).toEqual([]);
    expect(watch2.foreign).toEqual([]);
    await context.close();
  });
});
