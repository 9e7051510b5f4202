import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { CustomersPage } from '../../src/renderer/features/customers/CustomersPage';
import { useCustomers } from '../../src/renderer/features/customers/customers.store';
import { useSession } from '../../src/renderer/features/session/session.store';
import { CASHIER_PIN, type TestCore } from '../support/fixtures';
import { useShopCore } from './connect';

const core = useShopCore();
let t: TestCore;
beforeEach(async () => {
  t = core();
  // Two customers share the last four digits of their phones; a third does not.
  for (const [name, phone] of [
    ['Budi Santoso', '0812-7000-4455'],
    ['Citra Lestari', '0813-9000-4455'],
    ['Dewi Anggraini', '0812-7000-3333'],
  ] as const)
    await t.ok('customers:create', { name, phone });
  useCustomers.getState().reset();
});

async function asCashier() {
  const cashier = (await t.ok('users:list', {})).find((u) => u.role === 'cashier')!;
  await t.ok('auth:lock', {});
  await t.ok('auth:unlock', { userId: cashier.id, pin: CASHIER_PIN });
  await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '482913', newPinConfirm: '482913' });
  await useSession.getState().refresh();
}

describe('the counter search', () => {
  it('Enter with two matches says so and lets the cashier pick one', async () => {
    await asCashier();
    render(<CustomersPage />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('searchbox'), '4455');
    await waitFor(() => expect(useCustomers.getState().total).toBe(2));
    await user.keyboard('{Enter}');
    expect(await screen.findByText('2 pelanggan cocok, pilih satu.')).toBeTruthy();
    // Enter only hands the choice over: it opens neither (the focus moved to the first row while
    // Enter was down, and a browser then "clicked" that row).
    await new Promise((r) => setTimeout(r, 100));
    expect(useCustomers.getState().panel.kind).toBe('none');
    // The first match has the focus: arrows and Enter pick the other.
    const first = document.activeElement?.textContent ?? '';
    expect(first).toMatch(/^(Budi Santoso|Citra Lestari)/);
    await user.keyboard('{ArrowDown}{Enter}');
    await screen.findByRole('heading', { name: first.startsWith('Budi') ? 'Citra Lestari' : 'Budi Santoso' });
  });

  it('the cashier home does not claim "0 pelanggan" before anything is typed', async () => {
    await asCashier();
    render(<CustomersPage />);
    await screen.findByText(/Ketik minimal 3 huruf/);
    expect(screen.getByTestId('customer-count').textContent).not.toMatch(/\b0 pelanggan/);
  });
});

describe("the counter's new-customer form", () => {
  it("a cashier's duplicate phone opens that customer from beside the message, the phone masked", async () => {
    await asCashier();
    render(<CustomersPage />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /Pelanggan baru/ }));
    await user.type(await screen.findByLabelText('Nama'), 'Budi S');
    await user.type(screen.getByLabelText('Nomor HP'), '0812 7000 4455');
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    const message = await screen.findByText('Nomor ini sudah dipakai Budi Santoso.', {
      selector: '.field-error',
    });
    const open = screen.getByRole('button', { name: 'Buka Budi Santoso' });
    expect(message.closest('.field')?.nextElementSibling).toBe(open);
    await user.click(open);
    await screen.findByRole('heading', { name: 'Budi Santoso' });
    const detail = document.querySelector('.customer-detail')!.textContent!;
    expect(detail).toMatch(/0812-\*{4}-4455/);
    expect(detail).not.toMatch(/7000/);
  });

  it('after saving a new customer the focus is on "Catat pembelian" (Enter starts the sale)', async () => {
    await asCashier();
    render(<CustomersPage />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /Pelanggan baru/ }));
    await user.type(await screen.findByLabelText('Nama'), 'Eka Putri');
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    await screen.findByRole('heading', { name: 'Eka Putri' });
    await waitFor(() => {
      expect(document.activeElement?.tagName).toBe('BUTTON');
      expect(document.activeElement?.textContent).toMatch(/Catat pembelian/);
    });
    expect(document.querySelector<HTMLElement>('.detail-pane')!.scrollTop).toBe(0);
  });
});
