import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CustomerForm } from '../../src/renderer/features/customers/CustomerForm';
import type { TestCore } from '../support/fixtures';
import { useShop } from '../../src/renderer/features/shop/shop.store';
import { useShopCore } from './connect';

const core = useShopCore();
let t: TestCore;
beforeEach(() => {
  t = core();
});

const count = async () => (await t.ok('customers:search', { query: '' })).total;

describe('CustomerForm (against a real core)', () => {
  it('a missing name or a malformed email is caught before anything is sent', async () => {
    const saved = vi.fn();
    render(<CustomerForm onSaved={saved} onCancel={vi.fn()} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    expect(screen.getByText('Nama wajib diisi.')).toBeTruthy();
    await user.type(screen.getByLabelText('Nama'), 'Rudi');
    await user.type(screen.getByLabelText('Email'), 'rudi@');
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    expect(screen.getByText('Format email tidak valid.')).toBeTruthy();
    expect(saved).not.toHaveBeenCalled();
    expect(await count()).toBe(0);
  });

  it("main's refusal of an invalid phone is shown on the field and nothing is written", async () => {
    const saved = vi.fn();
    render(<CustomerForm onSaved={saved} onCancel={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Nama'), 'Rudi Hartono');
    await user.type(screen.getByLabelText('Nomor HP'), '0812');
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Nomor telepon tidak valid/);
    expect(screen.getByLabelText('Nomor HP').getAttribute('aria-invalid')).toBe('true');
    expect(saved).not.toHaveBeenCalled();
    expect(await count()).toBe(0);
  });

  it('a valid customer is saved with the phone normalized', async () => {
    const saved = vi.fn();
    render(<CustomerForm onSaved={saved} onCancel={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Nama'), 'Rudi Hartono');
    await user.type(screen.getByLabelText('Nomor HP'), '0812.3456.7890');
    await user.type(screen.getByLabelText('Alamat'), 'Jl. Kenanga 3');
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    await vi.waitFor(() => expect(saved).toHaveBeenCalledOnce());
    expect(saved.mock.calls[0]![0]).toMatchObject({
      name: 'Rudi Hartono',
      phoneE164: '+6281234567890',
      address: 'Jl. Kenanga 3',
    });
    expect(await count()).toBe(1);
  });
});

describe('CustomerForm: minimization and consent (against a real core)', () => {
  it('shows only the fields the shop collects, with their purpose; each consent purpose unticked and separate', async () => {
    await t.ok('fields:update', { key: 'email', enabled: false, purpose: 'Mengirim nota.' });
    await t.ok('fields:update', { key: 'gender', enabled: true, purpose: 'Menyesuaikan penawaran.' });
    await useShop.getState().load();
    const saved = vi.fn();
    render(<CustomerForm onSaved={saved} onCancel={vi.fn()} />);
    expect(screen.queryByLabelText('Email')).toBeNull();
    expect(screen.getByLabelText('Jenis kelamin')).toBeTruthy();
    expect(screen.getByText('Menyesuaikan penawaran.')).toBeTruthy();
    const boxes = screen
      .getAllByRole('checkbox')
      .filter((b) => (b as HTMLInputElement).name.startsWith('consent-'));
    expect(boxes.map((b) => (b as HTMLInputElement).checked)).toEqual([false, false, false]);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Nama'), 'Lia');
    await user.click(screen.getByLabelText(/Promosi via SMS\/email/));
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    await vi.waitFor(() => expect(saved).toHaveBeenCalledOnce());
    expect(saved.mock.calls[0]![0].consents.map((c: { purposeId: number }) => c.purposeId)).toEqual([3]);
  });

  it('sensitive notes: a warning first, "Simpan tetap" saves with the acknowledgement', async () => {
    const saved = vi.fn();
    render(<CustomerForm onSaved={saved} onCancel={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Nama'), 'Tono');
    await user.type(screen.getByLabelText('Catatan'), 'Alergi kacang');
    expect(screen.getByText(/tampaknya berisi: kesehatan/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    await screen.findByRole('button', { name: 'Simpan tetap' });
    expect(saved).not.toHaveBeenCalled();
    expect(await count()).toBe(0);
    await user.click(screen.getByRole('button', { name: 'Simpan tetap' }));
    await vi.waitFor(() => expect(saved).toHaveBeenCalledOnce());
    expect(await count()).toBe(1);
  });
});
