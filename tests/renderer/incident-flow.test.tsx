import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { acknowledge } from '../../src/main/services/briefing';
import { App } from '../../src/renderer/App';
import { IncidentPanel } from '../../src/renderer/features/privacy/IncidentPanel';
import { useSession } from '../../src/renderer/features/session/session.store';
import { OWNER_PIN, type TestCore } from '../support/fixtures';
import { useShopCore } from './connect';
import { shopIsoMinute } from '../../src/shared/shop-time';

const core = useShopCore();
let t: TestCore;
beforeEach(() => {
  t = core();
});
const HOUR = 3_600_000;

/** yyyy-mm-ddThh:mm on the shop's clock (WIB), as the datetime-local inputs take it. */
const minute = shopIsoMinute;

describe('reporting an incident on screen: when it happened and when it was found', () => {
  it('sends both times; the 72 hours run from the discovery the owner gave', async () => {
    await useSession.getState().refresh();
    render(<IncidentPanel />);
    const user = userEvent.setup();
    await user.type(
      await screen.findByLabelText(/Apa yang terjadi/),
      'Laptop kasir dicuri dari toko pada malam hari',
    );
    const now = Math.floor(t.clock.now() / 60_000) * 60_000;
    const happened = now - 30 * HOUR;
    const discovered = now - 6 * HOUR;
    fireEvent.change(screen.getByLabelText(/Kapan terjadi/), { target: { value: minute(happened) } });
    fireEvent.change(screen.getByLabelText(/Kapan diketahui/), { target: { value: minute(discovered) } });
    // Found six hours ago: the 72 hours already run, so the form asks why it is recorded only now.
    await user.type(
      await screen.findByLabelText('Mengapa baru dicatat sekarang?'),
      'Kasir baru melapor saat toko buka.',
    );
    await user.click(screen.getByRole('button', { name: 'Mulai penanganan insiden' }));
    await waitFor(async () => expect(await t.ok('incident:list', {})).toHaveLength(1));
    const [incident] = await t.ok('incident:list', {});
    expect(incident).toMatchObject({
      happenedAt: happened,
      discoveredAt: discovered,
      lateReason: 'Kasir baru melapor saat toko buka.',
    });
    expect(incident!.dueAt).toBe(discovered + 72 * HOUR);
    // The open incident shows both times back to the owner.
    expect((await screen.findByTestId('incident-times')).textContent).toMatch(/Terjadi: .+ · Diketahui: /);
  });

  it('left untouched, the time it happened is unknown and discovery is now', async () => {
    await useSession.getState().refresh();
    render(<IncidentPanel />);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Apa yang terjadi/), 'Flashdisk cadangan hilang di pasar');
    await user.click(screen.getByRole('button', { name: 'Mulai penanganan insiden' }));
    await waitFor(async () => expect(await t.ok('incident:list', {})).toHaveLength(1));
    const [incident] = await t.ok('incident:list', {});
    expect(incident!.happenedAt).toBeNull();
    expect(Math.abs(incident!.discoveredAt - t.clock.now())).toBeLessThan(60_000);
    expect((await screen.findByTestId('incident-times')).textContent).toContain('Terjadi: belum diketahui');
  });

  it('closing with affected customers un-notified asks the owner why, and closes once given', async () => {
    const incident = await t.ok('incident:create', {
      kind: 'lost_laptop',
      description: 'Laptop kasir dicuri dari toko pada malam hari',
    });
    await t.ok('customers:create', { name: 'Siti Aminah', phone: '0812-1000-4000' });
    await t.ok('incident:scope', { id: incident.id, mode: 'all', categories: ['identity'] });
    await useSession.getState().refresh();
    render(<IncidentPanel />);
    const user = userEvent.setup();
    const reason = await screen.findByLabelText(/Alasan menutup sebelum semua pelanggan diberi tahu/);
    await user.click(screen.getByRole('button', { name: 'Tutup insiden' }));
    await screen.findAllByText(/wajib diisi|belum diberi tahu/);
    expect((await t.ok('incident:list', {}))[0]!.status).toBe('open');
    await user.type(reason, 'Pelanggan sudah pindah dan nomornya mati.');
    await user.click(screen.getByRole('button', { name: 'Tutup insiden' }));
    await waitFor(async () => expect((await t.ok('incident:list', {}))[0]!.status).toBe('closed'));
  });
});

describe('notifying many at once on screen', () => {
  it('prints every letter in one PDF and marks a WhatsApp list notified in one step; namesakes told apart', async () => {
    const a = await t.ok('customers:create', {
      name: 'Dewi Lestari',
      phone: '0813-2222-1111',
      address: 'Jl. Kenanga 7',
    });
    const b = await t.ok('customers:create', {
      name: 'Dewi Lestari',
      phone: '0857-3333-9999',
      address: 'Gg. Mawar 2',
    });
    const incident = await t.ok('incident:create', {
      kind: 'wrong_recipient',
      description: 'Daftar pelanggan terkirim ke grup yang salah',
    });
    await t.ok('incident:scope', {
      id: incident.id,
      mode: 'list',
      ids: [a.id, b.id],
      categories: ['identity'],
    });
    await useSession.getState().refresh();
    render(<IncidentPanel />);
    const user = userEvent.setup();
    // Two rows named the same, each with its own number, phone ending and address.
    await screen.findByRole('button', {
      name: new RegExp(`Surat \\(PDF\\) untuk Dewi Lestari \\(#${a.id} · 0813-\\*+-1111 · Jl. Kenanga 7\\)`),
    });
    await screen.findByRole('button', { name: new RegExp(`untuk Dewi Lestari \\(#${b.id} · 0857`) });

    await user.click(screen.getByRole('button', { name: 'Daftar WhatsApp' }));
    const list = await screen.findByTestId('incident-wa-list');
    expect(list.textContent).toContain(`#${a.id}`);
    await user.click(screen.getByRole('button', { name: 'Tandai 2 pelanggan sudah diberi tahu' }));
    await waitFor(async () => expect((await t.ok('incident:list', {}))[0]!.notices.customers).toBe(2));

    // Letters in English this time, for both (one already told by WhatsApp gets its letter too).
    fireEvent.change(screen.getByLabelText('Bahasa surat dan pesan'), { target: { value: 'en' } });
    await user.click(screen.getByRole('button', { name: new RegExp(`untuk Dewi Lestari \\(#${a.id}`) }));
    await waitFor(() =>
      expect(t.printer.printed.at(-1)?.html).toContain('a notice about your personal data'),
    );
  });
});

describe('replacing the key from the incident (contain step)', () => {
  it('says the new code is part of the incident, asks for no denied call, and comes back to the incident', async () => {
    const incident = await t.ok('incident:create', {
      kind: 'lost_laptop',
      description: 'Laptop kasir dicuri dari toko pada malam hari',
    });
    // With the affected already listed (the list is asked for again whenever the incident changes).
    await t.ok('customers:create', { name: 'Siti Aminah', phone: '0812-1000-4000' });
    await t.ok('incident:scope', { id: incident.id, mode: 'all', categories: ['identity'] });
    const deniedBefore = deniedCalls();
    const owner = (await t.ok('app:status', {})).user!;
    acknowledge(t.core.vault.requireDb(), owner.id, t.clock.now());
    await useSession.getState().refresh();
    useSession.setState({ page: 'privacy' });
    render(<App />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('tab', { name: 'Insiden' }));
    await user.type(await screen.findByLabelText(/PIN pemilik/), OWNER_PIN);
    await user.click(screen.getByRole('button', { name: 'Ganti kunci data dan kode pemulihan' }));

    // The code to write down is the incident's, not the first set-up's third step.
    const code = await screen.findByTestId('recovery-code');
    expect(screen.getByText(new RegExp(`Insiden #${incident.id}`))).toBeTruthy();
    expect(screen.queryByText(/Langkah 3 dari 4/)).toBeNull();
    expect(screen.getByText(/Langkah 1 dari 2/)).toBeTruthy();

    const groups = [...code.querySelectorAll('span')].map((s) => s.lastChild?.textContent ?? '');
    await user.click(screen.getByLabelText(/Saya sudah mencatat/));
    await user.click(screen.getByRole('button', { name: 'Lanjut' }));
    for (const input of document.querySelectorAll<HTMLInputElement>('input[name^="group"]')) {
      await user.type(input, groups[Number(input.name.slice(5)) - 1]!);
    }
    await user.click(screen.getByRole('button', { name: 'Konfirmasi' }));

    // Back where the owner was: the incident, its key step done.
    expect(await screen.findByTestId('incident')).toBeTruthy();
    expect(screen.getByText('Kunci data sudah diganti.')).toBeTruthy();
    expect((await t.ok('app:status', {})).recoveryPending).toBe(false);
    // Nothing on the way asked main for what the owner may not have while the code is unconfirmed.
    expect(deniedCalls()).toEqual(deniedBefore);
  });
});

/** The channels main refused so far (read from the vault: the owner may not list them mid-rotation). */
function deniedCalls(): string[] {
  return (
    t.core.vault
      .requireDb()
      .prepare("SELECT detail FROM audit_log WHERE action = 'ipc.denied' ORDER BY id")
      .pluck()
      .all() as string[]
  ).map((d) => String((JSON.parse(d) as { channel?: string }).channel));
}
