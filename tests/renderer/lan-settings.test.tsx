import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprintOfPem, newIdentity } from '../../src/main/lan/identity';
import { normalizePairingCode, pairingKey, pairingProof } from '../../src/main/lan/pairing-proof';
import { MemoryLanHost } from '../../src/main/ports/memory-ports';
import { useLan } from '../../src/renderer/features/lan/lan.store';
import { useSession } from '../../src/renderer/features/session/session.store';
import { SettingsPage } from '../../src/renderer/features/settings/SettingsPage';
import { IncidentPanel } from '../../src/renderer/features/privacy/IncidentPanel';
import { useShop } from '../../src/renderer/features/shop/shop.store';
import { shopDateTime } from '../../src/shared/shop-time';
import { CASHIER_PIN, makeCore, setupShop, type TestCore } from '../support/fixtures';
import { connect } from './connect';

// Settings → "Kasir tambahan" on the primary, against a real Core on a real encrypted vault; the
// LAN server is the recording MemoryLanHost (what the Core asks of it is checked too).

let t: TestCore;
let host: MemoryLanHost;

async function shop(opts: { lanHost?: boolean } = {}) {
  host = new MemoryLanHost();
  t = makeCore(opts.lanHost === false ? {} : { lanHost: host });
  await setupShop(t);
  connect(t);
  await useSession.getState().refresh();
}

afterEach(() => {
  t?.cleanup();
  useShop.setState({ fields: [], purposes: [], loaded: false });
  useLan.setState({ status: null, devices: [], code: null, available: true });
});

/** A new laptop pairing with the code it was told, as the link's server hands the attempt on. */
async function pairLaptop(code: string, name: string): Promise<void> {
  const clientFp = (await newIdentity(name, new Date(t.clock.now()))).fingerprint;
  const serverFp = fingerprintOfPem(host.started!.identity.cert);
  const key = await pairingKey(normalizePairingCode(code)!, serverFp, clientFp);
  const result = await t.core.lanBackend.pair({
    clientFingerprint: clientFp,
    serverFingerprint: serverFp,
    name,
    proof: pairingProof(key, 'client', serverFp, clientFp),
  });
  if (!result.ok) throw new Error(`pairing failed: ${result.reason}`);
}

const theSwitch = () => screen.getByRole('switch', { name: 'Kasir tambahan' });

describe('Settings → Kasir tambahan (owner, on the primary)', () => {
  it('is off by default; turned on it shows the address, port, fingerprint and a one-time code counting down to its expiry', async () => {
    await shop();
    render(<SettingsPage />);
    const user = userEvent.setup();
    await screen.findByRole('heading', { name: 'Kasir tambahan' });
    expect(theSwitch().getAttribute('aria-checked')).toBe('false');
    expect(screen.queryByText('127.0.0.1')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Buat kode sambung' })).toBeNull();
    expect(host.starts).toBe(0);
    // The Windows firewall prompt: Private networks only, said so in the owner's language.
    expect(screen.getByText(/izinkan hanya "Jaringan pribadi" \(Private networks\)/)).toBeTruthy();

    await user.click(theSwitch());
    await waitFor(() => expect(theSwitch().getAttribute('aria-checked')).toBe('true'));
    expect(host.starts).toBe(1);
    expect(screen.getByText('127.0.0.1')).toBeTruthy();
    expect(screen.getByText('47110')).toBeTruthy();
    const status = await t.ok('lan:status', {});
    expect(screen.getByTestId('lan-fingerprint').textContent).toBe(status.fingerprint);

    const issuedAt = t.clock.now();
    await user.click(screen.getByRole('button', { name: 'Buat kode sambung' }));
    const code = (await screen.findByTestId('lan-code')).textContent!;
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    const until = shopDateTime(issuedAt + 10 * 60_000, 'id', 'short');
    expect(screen.getByTestId('lan-countdown').textContent).toMatch(
      new RegExp(`^Berlaku (10:00|9:5\\d) lagi \\(sampai ${until}\\)$`),
    );

    // The code on the screen is the one main accepts: the new laptop joins the list by itself,
    // and the used code leaves the screen, the owner told why.
    await pairLaptop(code, 'Kasir 2');
    expect(await screen.findByText('Kasir 2')).toBeTruthy();
    expect(screen.queryByTestId('lan-code')).toBeNull();
    expect(screen.getByText(/"Kasir 2" sudah tersambung\. Kode tadi sudah terpakai/)).toBeTruthy();

    // A new code, then ten minutes on the clock: it leaves the screen and the owner is told why.
    await user.click(screen.getByRole('button', { name: 'Buat kode sambung' }));
    expect(await screen.findByTestId('lan-code')).toBeTruthy();
    expect(screen.queryByText(/sudah tersambung/)).toBeNull();
    t.clock.advance(10 * 60_000 + 1_000);
    expect(await screen.findByText(/Kode sambung sudah kedaluwarsa/)).toBeTruthy();
    expect(screen.queryByTestId('lan-code')).toBeNull();
  });

  it('revoking asks first; confirmed, main cuts the laptop off and the list shows it revoked', async () => {
    await shop();
    await t.ok('lan:enable', { enabled: true });
    await pairLaptop((await t.ok('lan:newCode', {})).code, 'Kasir 2');
    const [device] = await t.ok('lan:devices', {});
    render(<SettingsPage />);
    const user = userEvent.setup();
    const row = await screen.findByTestId('lan-device');
    expect(within(row).getByText('Kasir 2')).toBeTruthy();
    expect(within(row).getByText(/^Disambungkan /)).toBeTruthy();
    expect(within(row).getByText('Belum pernah terlihat')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Cabut akses Kasir 2' }));
    const ask = screen.getByRole('alertdialog');
    expect(ask.textContent).toMatch(/Cabut akses Kasir 2\?/);
    await user.click(within(ask).getByRole('button', { name: 'Batal' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect((await t.ok('lan:devices', {}))[0]!.revokedAt).toBeNull();
    expect(host.cutOffs).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Cabut akses Kasir 2' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cabut akses' }));
    expect(await within(row).findByText(/^Dicabut /)).toBeTruthy();
    expect(within(row).queryByRole('button')).toBeNull();
    expect((await t.ok('lan:devices', {}))[0]!.revokedAt).not.toBeNull();
    expect(host.cutOffs).toEqual([device!.id]);
  });

  it('turning it off (from the keyboard) stops the server and takes the address and the open code away', async () => {
    await shop();
    render(<SettingsPage />);
    const user = userEvent.setup();
    await screen.findByRole('heading', { name: 'Kasir tambahan' });
    theSwitch().focus();
    await user.keyboard(' ');
    await user.click(await screen.findByRole('button', { name: 'Buat kode sambung' }));
    await screen.findByTestId('lan-code');

    theSwitch().focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(theSwitch().getAttribute('aria-checked')).toBe('false'));
    expect(host.stops).toBe(1);
    expect((await t.ok('lan:status', {})).enabled).toBe(false);
    expect(screen.queryByTestId('lan-code')).toBeNull();
    expect(screen.queryByText('127.0.0.1')).toBeNull();
  });

  it('a cashier sees no section at all', async () => {
    await shop();
    const cashier = (await t.ok('users:list', {})).find((u) => u.role === 'cashier')!;
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: cashier.id, pin: CASHIER_PIN });
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '482913', newPinConfirm: '482913' });
    await useSession.getState().refresh();
    render(<SettingsPage />);
    await screen.findByRole('heading', { name: 'Pengaturan' });
    await screen.findByRole('button', { name: 'Ganti PIN' });
    expect(screen.queryByTestId('lan-settings')).toBeNull();
    expect(screen.queryByText('Kasir tambahan')).toBeNull();
    expect(screen.queryByRole('switch')).toBeNull();
  });

  it("main's refusal shows in the error banner and the switch stays off", async () => {
    await shop({ lanHost: false });
    render(<SettingsPage />);
    const user = userEvent.setup();
    await screen.findByRole('heading', { name: 'Kasir tambahan' });
    await user.click(theSwitch());
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Kasir tambahan tidak tersedia di laptop ini.',
    );
    expect(theSwitch().getAttribute('aria-checked')).toBe('false');
  });
});

describe('the breach flow cuts every extra counter off', () => {
  it('containment with "Putuskan semua laptop" ticked unpairs every laptop and cuts each off', async () => {
    await shop();
    await t.ok('lan:enable', { enabled: true });
    await pairLaptop((await t.ok('lan:newCode', {})).code, 'Kasir depan');
    await pairLaptop((await t.ok('lan:newCode', {})).code, 'Laptop gudang');
    await t.ok('incident:create', {
      kind: 'lost_laptop',
      description: 'Laptop kasir tambahan hilang dari toko',
    });
    render(<IncidentPanel />);
    const user = userEvent.setup();
    await user.click(await screen.findByLabelText(/Putuskan semua laptop kasir tambahan/));
    await user.click(screen.getByRole('button', { name: 'Akhiri semua sesi lain' }));
    await screen.findByText('Sesi lain sudah diakhiri.');
    const devices = await t.ok('lan:devices', {});
    expect(devices.map((d) => d.revokedAt !== null)).toEqual([true, true]);
    expect(host.cutOffs).toHaveLength(2);
  });
});
