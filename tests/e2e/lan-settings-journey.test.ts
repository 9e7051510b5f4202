import { afterAll, describe, expect, it } from 'vitest';
import { LanClient } from '../../src/main/lan/client';
import { newIdentity } from '../../src/main/lan/identity';
import { LanServer } from '../../src/main/lan/server';
import { shot } from '../support/browser';
import { OWNER_PIN, setupShop } from '../support/fixtures';
import { openAs, useJourney } from '../support/journey';

/**
 * Settings → "Kasir tambahan" on the primary in Chromium: a real LanServer on 127.0.0.1 behind the
 * shop's Core, laptops paired over real mutual TLS, the owner's screen at both laptop sizes.
 */
const OWNER = { name: /Bu Sari/, pin: OWNER_PIN };
const TIMING = { connectTimeoutMs: 2000, callTimeoutMs: 3000, tries: 2, retryBaseMs: 20 };
const server = new LanServer({ interfaces: ['127.0.0.1'], port: 0 });
const clients: LanClient[] = [];
let port = 0;

afterAll(async () => {
  for (const c of clients.splice(0)) c.close();
  await server.stop();
});

/** A new laptop pairs with the code it was told and makes one call (the primary sees it). */
async function pairLaptop(code: string, name: string, now: number): Promise<void> {
  const identity = await newIdentity(name, new Date(now));
  const pairing = await LanClient.pair({ host: '127.0.0.1', port, code, name, identity, timing: TIMING });
  const client = new LanClient({
    host: '127.0.0.1',
    port,
    identity,
    serverFingerprint: pairing.serverFingerprint,
    timing: TIMING,
  });
  clients.push(client);
  await client.call('w1', 'app:status', {});
}

const j = useJourney(
  async (t) => {
    await setupShop(t);
    port = (await t.ok('lan:enable', { enabled: true })).listening!.port;
    await pairLaptop((await t.ok('lan:newCode', {})).code, 'Kasir depan', t.clock.now());
    t.clock.advance(3_600_000);
    await pairLaptop((await t.ok('lan:newCode', {})).code, 'Laptop gudang', t.clock.now());
    const gudang = (await t.ok('lan:devices', {})).find((d) => d.name === 'Laptop gudang')!;
    await t.ok('lan:revoke', { deviceId: gudang.id });
    t.clock.advance(600_000);
  },
  { lanHost: server },
);

describe('e2e in Chromium: the owner pairs a second counter from Settings', () => {
  it('shows where to connect and a code; the laptop that types it appears; revoking asks first', async () => {
    const { context, page, watch } = await openAs(j, OWNER);
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /Pengaturan/ })
      .click();
    const section = page.getByTestId('lan-settings');
    await section.getByRole('switch', { name: 'Kasir tambahan' }).waitFor();
    expect(await section.getByRole('switch').getAttribute('aria-checked')).toBe('true');
    await section.getByText('127.0.0.1').waitFor();
    await section.getByText(String(port)).waitFor();
    expect(await section.getByTestId('lan-device').count()).toBe(2);
    await section.getByText(/^Dicabut /).waitFor();

    // By keyboard: the code button, then Enter.
    await section.getByRole('button', { name: 'Buat kode sambung' }).focus();
    await page.keyboard.press('Enter');
    const code = await section.getByTestId('lan-code').innerText();
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    await section.getByText(/^Berlaku \d+:\d\d lagi \(sampai /).waitFor();
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'lan-01-settings-code');

    // The code on the screen pairs a third laptop over TLS: the list shows it by itself, and the
    // used code leaves the screen.
    await pairLaptop(code, 'Kasir belakang', j.t.clock.now());
    await section.getByText('Kasir belakang', { exact: true }).waitFor();
    await section.getByText(/"Kasir belakang" sudah tersambung/).waitFor();
    expect(await section.getByTestId('lan-code').count()).toBe(0);
    await shot(page, 'lan-01b-paired');

    await section.getByRole('button', { name: 'Cabut akses Kasir depan' }).click();
    const ask = section.getByRole('alertdialog');
    await ask.getByText(/Cabut akses Kasir depan\?/).waitFor();
    await ask.scrollIntoViewIfNeeded();
    await shot(page, 'lan-02-revoke-confirm');
    await ask.getByRole('button', { name: 'Cabut akses' }).click();
    await expect.poll(() => section.getByText(/^Dicabut /).count()).toBe(2);
    // Main recorded it (the test's own window is locked: the vault is read directly).
    const revoked = j.t.core.vault
      .requireDb()
      .prepare('SELECT revoked_at FROM lan_devices WHERE name = ?')
      .pluck()
      .get('Kasir depan');
    expect(revoked).not.toBeNull();
    await shot(page, 'lan-03-devices');

    // The same screen in English, with the firewall answer said the same way.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await section.getByRole('switch', { name: 'Extra cashier laptops' }).waitFor();
    await section.getByText(/allow Private networks only, not Public networks/).waitFor();
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'lan-04-settings-en');

    expect(watch.foreign).toEqual([]);
    expect(watch.errors).toEqual([]);
    await context.close();
  }, 60_000);
});
