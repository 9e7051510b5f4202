import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { IncidentPanel } from '../../src/renderer/features/privacy/IncidentPanel';
import { useSession } from '../../src/renderer/features/session/session.store';
import type { TestCore } from '../support/fixtures';
import { useShopCore } from './connect';

const core = useShopCore();
let t: TestCore;
beforeEach(() => {
  t = core();
});
const HOUR = 3_600_000;

/** yyyy-mm-ddThh:mm on the laptop's clock, as a datetime-local input takes it. */
function minute(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

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
    await user.click(screen.getByRole('button', { name: 'Mulai penanganan insiden' }));
    await waitFor(async () => expect(await t.ok('incident:list', {})).toHaveLength(1));
    const [incident] = await t.ok('incident:list', {});
    expect(incident).toMatchObject({ happenedAt: happened, discoveredAt: discovered });
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
