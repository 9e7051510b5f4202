import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuditPage } from '../../src/renderer/features/audit/AuditPage';
import type { TestCore } from '../support/fixtures';
import { useShopCore } from './connect';

const core = useShopCore();
let t: TestCore;
beforeEach(() => {
  t = core();
});

describe('the audit log in words', () => {
  it('names the customer, collapses repeats, and filters by action', async () => {
    const c = await t.ok('customers:create', { name: 'Siti Aminah' });
    for (let i = 0; i < 3; i++) await t.ok('customers:get', { id: c.id });
    render(<AuditPage />);
    const table = await screen.findByTestId('audit-table');
    await waitFor(() => expect(table.textContent).toMatch(/Membuka data pelanggan #\d+ \(Siti Aminah\)×3/));
    expect(table.textContent).not.toMatch(/\(\w+:\w+\)/);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kegiatan' }), 'customer.create');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(table.textContent).toMatch(/Menambah pelanggan #\d+ \(Siti Aminah\)/);
  });
});
