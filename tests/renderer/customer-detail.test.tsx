import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustomerDetail } from '../../src/renderer/features/customers/CustomerDetail';
import { useCustomers } from '../../src/renderer/features/customers/customers.store';
import { useSession } from '../../src/renderer/features/session/session.store';
import { CASHIER_PIN, type TestCore } from '../support/fixtures';
import { useShopCore } from './connect';

const core = useShopCore();
let t: TestCore;
beforeEach(() => {
  t = core();
});
afterEach(() => useCustomers.getState().reset());

/** The detail pane as CustomersPage shows it: whatever customer the store has open. */
function Viewed() {
  const panel = useCustomers((s) => s.panel);
  return panel.kind === 'view' ? <CustomerDetail customer={panel.customer} onEdit={() => undefined} /> : null;
}

const auditActions = async () => (await t.ok('audit:list', { limit: 500 })).items.map((e) => e.action);

describe('CustomerDetail panels (against a real core)', () => {
  it('one consent click writes exactly one audit entry and shows the new state without reading again', async () => {
    const customer = await t.ok('customers:create', { name: 'Wulan Sari', phone: '0812-3456-7001' });
    const whatsapp = (await t.ok('purposes:list', {})).find((p) => p.channel === 'whatsapp')!;
    await useCustomers.getState().open(customer.id);
    render(<Viewed />);
    const row = await screen.findByTestId(`consent-${whatsapp.id}`);
    const before = await auditActions();
    // Opening the customer: the record and its sales, each an audited view.
    expect(before.slice(0, 2).sort()).toEqual(['customer.view', 'purchase.list']);

    await userEvent.setup().click(within(row).getByRole('button', { name: 'Catat persetujuan' }));
    expect(await within(row).findByText('Setuju')).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Tarik persetujuan' })).toBeTruthy();

    const after = await auditActions();
    expect(after.length - before.length).toBe(1);
    expect(after[0]).toBe('consent.grant');
    const views = after.filter((a) => a === 'customer.view').length;
    expect(views).toBe(before.filter((a) => a === 'customer.view').length);
  });

  it('adding a purchase shows it and its total, and writes one purchase entry and no second view', async () => {
    const customer = await t.ok('customers:create', { name: 'Joko Susilo' });
    await useCustomers.getState().open(customer.id);
    render(<Viewed />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /Catat pembelian/ }));
    const before = await auditActions();
    await user.type(screen.getByLabelText('Jumlah (Rp)'), '150.000');
    await user.type(screen.getByLabelText(/Barang/), 'Kopi 1 kg');
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    expect(await screen.findByText('Rp 150.000')).toBeTruthy();
    const after = await auditActions();
    expect(after.slice(0, after.length - before.length)).toEqual(['purchase.create']);
  });

  it("a cashier sees the phone masked; 'Tampilkan nomor' shows it whole and is audited", async () => {
    const customer = await t.ok('customers:create', { name: 'Wulan Sari', phone: '0812-3456-7001' });
    // The shop's cashier (briefed by the fixture).
    const cashier = (await t.ok('auth:users', {})).find((u) => u.roleHint === 'cashier')!;
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: cashier.id, pin: CASHIER_PIN });
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
    await useSession.getState().refresh();
    await useCustomers.getState().open(customer.id);
    render(<Viewed />);
    expect(await screen.findByText('0812-****-7001')).toBeTruthy();
    expect(screen.queryByText('0812-3456-7001')).toBeNull();

    await userEvent.setup().click(screen.getByRole('button', { name: 'Tampilkan nomor' }));
    expect(await screen.findByText('0812-3456-7001')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Tampilkan nomor' })).toBeNull();

    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', {
      userId: (await t.ok('auth:users', {})).find((u) => u.roleHint === 'owner')!.id,
      pin: '271828',
    });
    const log = (await t.ok('audit:list', { limit: 500 })).items;
    expect(log.filter((e) => e.action === 'customer.revealPhone').map((e) => e.target)).toEqual([
      String(customer.id),
    ]);
  });

  it('offers a WhatsApp receipt for a mobile number only, and says why not for a landline', async () => {
    const mobile = await t.ok('customers:create', { name: 'Rina Ponsel', phone: '0812-3456-7002' });
    await t.ok('purchases:create', { customerId: mobile.id, amount: 5_000, items: ['Kopi'] });
    const landline = await t.ok('customers:create', { name: 'Toko Bali', phone: '0361-234567' });
    await t.ok('purchases:create', { customerId: landline.id, amount: 5_000, items: ['Kopi'] });

    await useCustomers.getState().open(mobile.id);
    const view = render(<Viewed />);
    expect(await screen.findByRole('button', { name: /Kirim struk pembelian/ })).toBeTruthy();
    view.unmount();

    await useCustomers.getState().open(landline.id);
    render(<Viewed />);
    expect(await screen.findByText(/telepon rumah\/kantor, bukan nomor ponsel/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Kirim struk pembelian/ })).toBeNull();
  });
});
