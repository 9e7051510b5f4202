import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CustomerForm } from '../../src/renderer/features/customers/CustomerForm';
import type { TestCore } from '../support/fixtures';
import { useShop } from '../../src/renderer/features/shop/shop.store';
import { useCustomers } from '../../src/renderer/features/customers/customers.store';
import { useShopCore } from './connect';
import { shopWall } from '../../src/shared/shop-time';

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

/** The shop starts collecting birthdays (off by default); the form reloads the field choices. */
async function collectBirthdays() {
  const purpose = (await t.ok('fields:list', {})).find((f) => f.key === 'birthday')!.purpose;
  await t.ok('fields:update', { key: 'birthday', enabled: true, purpose });
  useShop.setState({ loaded: false });
}

describe('CustomerForm: problems beside their fields', () => {
  it('a refused save moves focus to the first problem and sums it up beside Simpan', async () => {
    render(<CustomerForm onSaved={vi.fn()} onCancel={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Email'), 'rudi@');
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Nama'));
    const summary = screen.getByRole('alert');
    expect(summary.textContent).toBe('Periksa: Nama (wajib diisi); Email (isinya tidak valid).');
    // The summary sits just above the buttons, not at the top of a long form.
    expect(summary.nextElementSibling?.className).toMatch(/actions/);
  });

  it("main's reasons are shown beside the field they are about: a future birthday", async () => {
    await collectBirthdays();
    render(<CustomerForm onSaved={vi.fn()} onCancel={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Nama'), 'Rudi');
    const birthday = await screen.findByLabelText('Tanggal lahir');
    await user.type(birthday, '01/01/2099');
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    await vi.waitFor(() => expect(birthday.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('tanggal tidak boleh di masa depan')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe(
      'Periksa: Tanggal lahir (tanggal tidak boleh di masa depan).',
    );
    expect(document.activeElement).toBe(birthday);
    expect(await count()).toBe(0);
  });

  it('a birthday under 18 shows the guardian field at once; consent without a guardian is caught on that field', async () => {
    await collectBirthdays();
    render(<CustomerForm onSaved={vi.fn()} onCancel={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Nama'), 'Dika');
    expect(screen.queryByLabelText('Nama orang tua/wali yang menyetujui')).toBeNull();
    const year = shopWall(t.clock.now()).year - 15;
    await user.type(await screen.findByLabelText('Tanggal lahir'), `01/01/${year}`);
    const guardian = screen.getByLabelText('Nama orang tua/wali yang menyetujui');
    expect((screen.getByRole('checkbox', { name: 'Di bawah 18 tahun' }) as HTMLInputElement).checked).toBe(
      true,
    );
    await user.click(screen.getByRole('checkbox', { name: /Promosi via WhatsApp/ }));
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    expect(document.activeElement).toBe(guardian);
    expect(screen.getByText(/perlu persetujuan orang tua atau wali/)).toBeTruthy();
    await user.type(guardian, 'Ibu Dewi');
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    await vi.waitFor(async () => expect(await count()).toBe(1));
    const saved = (await t.ok('customers:search', { query: 'dika' })).items[0]!;
    expect((await t.ok('customers:get', { id: saved.id })).guardianName).toBe('Ibu Dewi');
  });
});

describe('CustomerForm: a duplicate says whose it is', () => {
  it('names the customer who has the number and opens them', async () => {
    await t.ok('customers:create', { name: 'Budi Santoso', phone: '0812-7000-1234' });
    render(<CustomerForm onSaved={vi.fn()} onCancel={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Nama'), 'Budi S');
    await user.type(await screen.findByLabelText('Nomor HP'), '0812 7000 1234');
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    const message = await screen.findByText('Nomor ini sudah dipakai Budi Santoso.', {
      selector: '.field-error',
    });
    // The button to open them sits right under the message on the phone, not
    // only by Simpan below the fold.
    const open = screen.getByRole('button', { name: 'Buka Budi Santoso' });
    expect(message.closest('.field')?.nextElementSibling).toBe(open);
    await user.click(open);
    await vi.waitFor(() => {
      const panel = useCustomers.getState().panel;
      expect(panel.kind === 'view' && panel.customer.name).toBe('Budi Santoso');
    });
    expect(await count()).toBe(1);
  });
});

describe('CustomerForm: the birthday as the shop writes it', () => {
  it('one text field typed dd/mm/yyyy: one tab stop, slashes come by themselves, 31/02/1990 is refused beside it', async () => {
    await collectBirthdays();
    const saved = vi.fn();
    render(<CustomerForm onSaved={saved} onCancel={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Nama'), 'Rina');
    const birthday = (await screen.findByLabelText('Tanggal lahir')) as HTMLInputElement;
    // A plain text field (not the browser's date picker with its day, month and year stops).
    expect(birthday.type).toBe('text');
    expect(birthday.inputMode).toBe('numeric');
    expect(birthday.placeholder).toBe('hh/bb/tttt');
    // One Tab stop: from the field before it, Tab lands on it, and the next Tab leaves it.
    birthday.focus();
    await user.tab();
    expect(document.activeElement).not.toBe(birthday);
    expect(document.activeElement?.closest('.field')).not.toBe(birthday.closest('.field'));
    // Typed on a numeric keypad, without slashes.
    await user.clear(birthday);
    await user.type(birthday, '31021990');
    expect(birthday.value).toBe('31/02/1990');
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    expect(birthday.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/Tanggal ini tidak ada atau belum lengkap/)).toBeTruthy();
    expect(saved).not.toHaveBeenCalled();
    expect(await count()).toBe(0);
    await user.clear(birthday);
    await user.type(birthday, '17/08/1990');
    expect(birthday.value).toBe('17/08/1990');
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    await vi.waitFor(() => expect(saved).toHaveBeenCalledOnce());
    expect(saved.mock.calls[0]![0]).toMatchObject({ name: 'Rina', birthday: '1990-08-17' });
  });

  it('an edit shows the stored birthday as dd/mm/yyyy', async () => {
    await collectBirthdays();
    const rina = await t.ok('customers:create', { name: 'Rina', birthday: '1990-08-17' });
    render(<CustomerForm customer={rina} onCancel={vi.fn()} />);
    expect(((await screen.findByLabelText('Tanggal lahir')) as HTMLInputElement).value).toBe('17/08/1990');
  });
});
