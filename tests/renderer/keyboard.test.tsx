import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { CustomersPage } from '../../src/renderer/features/customers/CustomersPage';
import { useCustomers } from '../../src/renderer/features/customers/customers.store';
import { useSession } from '../../src/renderer/features/session/session.store';
import type { TestCore } from '../support/fixtures';
import { useShopCore } from './connect';

const core = useShopCore();
let t: TestCore;
beforeEach(async () => {
  t = core();
  for (const [name, phone] of [
    ['Budi Santoso', '0812-7000-1111'],
    ['Citra Lestari', '0812-7000-2222'],
    ['Dewi Anggraini', '0812-7000-3333'],
  ] as const)
    await t.ok('customers:create', { name, phone });
  await useSession.getState().refresh();
  useCustomers.getState().reset();
});

describe('keyboard-first counter', () => {
  it('starts in the search box; Enter opens the only match; arrows move through the list; Esc closes a form', async () => {
    render(<CustomersPage />);
    const user = userEvent.setup();
    const search = screen.getByRole('searchbox');
    expect(document.activeElement).toBe(search);
    await user.type(search, 'citra');
    await waitFor(() => expect(useCustomers.getState().total).toBe(1));
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { name: 'Citra Lestari' });

    await user.clear(search);
    await waitFor(() => expect(useCustomers.getState().total).toBe(3));
    await screen.findByRole('button', { name: /Budi Santoso/ });
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toMatch(/^Budi Santoso/);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toMatch(/^Citra Lestari/);
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(search);

    await user.click(screen.getByRole('button', { name: /Pelanggan baru/ }));
    await screen.findByRole('heading', { name: 'Pelanggan baru' });
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Pelanggan baru' })).toBeNull());
  });
});
