import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatDate } from '../../src/renderer/lib/format';
import { ConsentPanel } from '../../src/renderer/features/customers/ConsentPanel';
import { useCustomers } from '../../src/renderer/features/customers/customers.store';
import { useShop } from '../../src/renderer/features/shop/shop.store';
import { useSession } from '../../src/renderer/features/session/session.store';
import { CASHIER_PIN, type TestCore } from '../support/fixtures';
import { useShopCore } from './connect';

const core = useShopCore();
let t: TestCore;
beforeEach(() => {
  t = core();
});

function Panel() {
  const panel = useCustomers((s) => s.panel);
  return panel.kind === 'view' ? <ConsentPanel customer={panel.customer} /> : null;
}

describe('consent on the customer page', () => {
  it('withdrawal asks for one more tap; the history shows as a timeline', async () => {
    const c = await t.ok('customers:create', { name: 'Yuni', consents: [{ purposeId: 2, method: 'paper' }] });
    await useShop.getState().load();
    await useCustomers.getState().open(c.id);
    render(<Panel />);
    const user = userEvent.setup();
    const row = await screen.findByTestId('consent-2');
    await user.click(screen.getAllByRole('button', { name: 'Tarik persetujuan' })[0]!);
    // Nothing withdrawn yet: one more tap, or cancel.
    expect((await t.ok('customers:get', { id: c.id })).consents[0]?.granted).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Ya, tarik' }));
    await waitFor(() => expect(row.textContent).toMatch(/Ditarik/));
    expect((await t.ok('customers:get', { id: c.id })).consents[0]?.granted).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Riwayat persetujuan' }));
    const timeline = await screen.findByRole('list', { name: 'Riwayat persetujuan' });
    expect(timeline.textContent).toMatch(/Setuju · Promosi via WhatsApp/);
    expect(timeline.textContent).toMatch(/Ditarik · Promosi via WhatsApp/);
  });
});

describe('granting again what the customer withdrew', () => {
  it('the owner is asked how the customer asked again; the timeline shows it', async () => {
    const c = await t.ok('customers:create', { name: 'Yuni', consents: [{ purposeId: 2, method: 'paper' }] });
    await t.ok('consent:withdraw', { customerId: c.id, purposeId: 2, method: 'verbal' });
    await useShop.getState().load();
    await useCustomers.getState().open(c.id);
    render(<Panel />);
    const user = userEvent.setup();
    const row = await screen.findByTestId('consent-2');
    await user.click(within(row).getByRole('button', { name: 'Catat persetujuan' }));
    // Refused by main until the owner writes how the customer asked: asked once, by the field
    // naming the purpose, not by an error banner repeating it.
    await screen.findByText(/Pelanggan pernah menarik "Promosi via WhatsApp"/);
    expect(screen.queryByRole('alert')).toBeNull();
    expect((await t.ok('customers:get', { id: c.id })).consents[0]?.granted).toBe(false);
    const field = await screen.findByLabelText(/Bagaimana dan kapan ia memintanya lagi/);
    await user.type(field, 'Datang sendiri 6 Des, minta promo WA lagi');
    await user.click(screen.getAllByRole('button', { name: 'Catat persetujuan' })[0]!);
    await waitFor(() => expect(row.textContent).toMatch(/Setuju/));
    expect((await t.ok('customers:get', { id: c.id })).consents[0]?.granted).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Riwayat persetujuan' }));
    const timeline = await screen.findByRole('list', { name: 'Riwayat persetujuan' });
    expect(timeline.textContent).toMatch(/Datang sendiri 6 Des, minta promo WA lagi/);
  });
});

describe('what a cashier may not record again', () => {
  it('a purpose the customer withdrew shows the cashier who can record it again, not a button main refuses; one still agreed keeps its own', async () => {
    const c = await t.ok('customers:create', {
      name: 'Yuni',
      consents: [
        { purposeId: 2, method: 'paper' },
        { purposeId: 3, method: 'paper' },
      ],
    });
    await t.ok('consent:withdraw', { customerId: c.id, purposeId: 2, method: 'verbal' });
    const cashier = (await t.ok('users:list', {})).find((u) => u.role === 'cashier')!;
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: cashier.id, pin: CASHIER_PIN });
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '482913', newPinConfirm: '482913' });
    await useSession.getState().refresh();
    // Main's rule, which the screen must match: the cashier cannot record it again.
    const refused = await t.call('consent:grant', { customerId: c.id, purposeId: 2, method: 'verbal' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await useShop.getState().load();
    await useCustomers.getState().open(c.id);
    render(<Panel />);
    const row = await screen.findByTestId('consent-2');
    expect(within(row).getByTestId('consent-owner-only').textContent).toBe(
      'Ditarik pelanggan: hanya pemilik yang dapat mencatatnya lagi',
    );
    expect(within(row).queryByRole('button', { name: 'Catat persetujuan' })).toBeNull();
    // A purpose still agreed keeps its withdraw button.
    const other = await screen.findByTestId('consent-3');
    expect(within(other).getByRole('button', { name: 'Tarik persetujuan' })).toBeTruthy();
  });
});

/** Imports one customer with WhatsApp consent from a file, and opens her in the panel's store. */
async function importSiti(consent: { method: 'paper'; noticeVersion: number; acknowledgeNewer?: boolean }) {
  const path = join(t.dir, '..', `${t.dir.split('/').pop()}-formulir.csv`);
  writeFileSync(path, 'Nama;HP;Setuju WA\nSiti;0812-1111-2222;ya\n');
  t.dialogs.nextOpen = path;
  const preview = await t.ok('import:open', {});
  await t.ok('import:commit', { mapping: preview.suggested, consent });
  const siti = (await t.ok('customers:search', { query: 'siti' })).items[0]!;
  await useShop.getState().load();
  await useCustomers.getState().open(siti.id);
}

describe('consent brought in by a file import', () => {
  it('says it was imported, how the owner said it was collected, by whom and when', async () => {
    await importSiti({ method: 'paper', noticeVersion: 1, acknowledgeNewer: true });
    render(<Panel />);
    const user = userEvent.setup();
    const row = await screen.findByTestId('consent-2');
    const day = formatDate(t.clock.now(), 'id');
    expect(row.textContent).toContain(`Impor berkas (formulir kertas) · diimpor oleh Bu Sari, ${day}`);
    expect(row.textContent).not.toMatch(/Formulir kertas · Bu Sari/);
    await user.click(screen.getByRole('button', { name: 'Riwayat persetujuan' }));
    const timeline = await screen.findByRole('list', { name: 'Riwayat persetujuan' });
    expect(timeline.textContent).toContain(`Impor berkas (formulir kertas) · diimpor oleh Bu Sari, ${day}`);
  });
});

describe("consent imported under the shop's own notice from before Brankas", () => {
  it('names that notice instead of a version, with no link to a text Brankas does not hold', async () => {
    await importSiti({ method: 'paper', noticeVersion: 0 });
    render(<Panel />);
    const user = userEvent.setup();
    const row = await screen.findByTestId('consent-2');
    expect(row.textContent).toContain('· pemberitahuan di luar Brankas');
    expect(row.textContent).not.toMatch(/v0/);
    await user.click(screen.getByRole('button', { name: 'Riwayat persetujuan' }));
    const timeline = await screen.findByRole('list', { name: 'Riwayat persetujuan' });
    expect(timeline.textContent).toContain('pemberitahuan di luar Brankas');
    expect(within(timeline).queryByRole('button', { name: /v0/ })).toBeNull();
  });
});
