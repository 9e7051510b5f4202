import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConsentPanel } from '../../src/renderer/features/customers/ConsentPanel';
import { useCustomers } from '../../src/renderer/features/customers/customers.store';
import { useShop } from '../../src/renderer/features/shop/shop.store';
import type { TestCore } from '../support/fixtures';
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

describe('consent on the customer page (#12 item 23)', () => {
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
