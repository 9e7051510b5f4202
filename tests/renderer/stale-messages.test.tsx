import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { PurchasesPanel } from '../../src/renderer/features/customers/PurchasesPanel';
import { DataPage } from '../../src/renderer/features/data/DataPage';
import { MarketingPage } from '../../src/renderer/features/marketing/MarketingPage';
import { dayBefore } from '../support/clock';
import type { TestCore } from '../support/fixtures';
import { useShopCore } from './connect';

const core = useShopCore();
let t: TestCore;
beforeEach(() => {
  t = core();
});

describe('messages that outlived what they were about', () => {
  it("purchases: main's reason sits beside Barang, focus goes there, and no banner outlives a later success", async () => {
    const c = await t.ok('customers:create', { name: 'Rudi' });
    render(<PurchasesPanel customerId={c.id} hasPhone />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /Catat pembelian/ }));
    await user.type(screen.getByLabelText(/Jumlah/), '15000');
    const items = screen.getByLabelText(/Barang/);
    await user.type(items, 'x'.repeat(250));
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    await screen.findByText('terlalu panjang (maksimal 200 karakter)');
    expect(document.activeElement).toBe(items);
    expect(screen.getByRole('alert').textContent).toMatch(/^Periksa: Barang \(terlalu panjang/);
    await user.clear(items);
    await user.type(items, 'Kopi gayo');
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    // The customer's spend at a glance: visits, total, average, last visit.
    await screen.findByText(/^1 kunjungan · total Rp\s?15\.000 · rata-rata Rp\s?15\.000 · terakhir /);
    expect(screen.queryByRole('alert')).toBeNull();
    expect((await t.ok('purchases:list', { customerId: c.id })).total).toBe(1);
  });

  it("import: a refused file clears the previous file's mapping from the screen", async () => {
    const good = join(t.dir, '..', `${t.dir.split('/').pop()}-baik.csv`);
    writeFileSync(good, 'Nama;HP\nAni;0812-1111-2222\n');
    const bad = join(t.dir, '..', `${t.dir.split('/').pop()}-rusak.csv`);
    writeFileSync(bad, Buffer.from([0x00, 0x01, 0x02]));
    render(<DataPage />);
    const user = userEvent.setup();
    t.dialogs.nextOpen = good;
    await user.click(screen.getByRole('button', { name: 'Pilih berkas CSV…' }));
    await screen.findByRole('heading', { name: 'Cocokkan kolom' });
    t.dialogs.nextOpen = bad;
    await user.click(screen.getByRole('button', { name: 'Pilih berkas CSV…' }));
    await screen.findByRole('alert');
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Cocokkan kolom' })).toBeNull());
    expect(screen.queryByTestId('import-file')).toBeNull();
  });

  it('marketing: "N penerima diekspor." goes when the channel changes', async () => {
    await t.ok('customers:create', {
      name: 'Yuni',
      phone: '0813-5555-0101',
      consents: [{ purposeId: 2, method: 'paper' }],
    });
    render(<MarketingPage />);
    const user = userEvent.setup();
    await screen.findByText('Yuni');
    await user.click(screen.getByRole('button', { name: 'Ekspor CSV' }));
    await screen.findByText('1 penerima diekspor.');
    await user.click(screen.getByRole('button', { name: 'SMS/email' }));
    expect(screen.queryByText('1 penerima diekspor.')).toBeNull();
  });

  it('import: after committing, the problem list and its save button stay', async () => {
    const file = join(t.dir, '..', `${t.dir.split('/').pop()}-sebagian.csv`);
    writeFileSync(file, 'Nama;HP\nAni;0812-1111-2222\nCici;123\n');
    render(<DataPage />);
    const user = userEvent.setup();
    t.dialogs.nextOpen = file;
    await user.click(screen.getByRole('button', { name: 'Pilih berkas CSV…' }));
    await user.click(await screen.findByRole('button', { name: 'Periksa' }));
    await user.click(await screen.findByRole('button', { name: 'Impor 1 baris' }));
    await screen.findByText('1 pelanggan diimpor.');
    expect(screen.getByTestId('import-errors').textContent).toMatch(/3Nomor HPNomor HP tidak valid/);
    expect(screen.getByRole('button', { name: 'Simpan daftar masalah' })).toBeTruthy();
  });
});

describe('the purchase form at the counter', () => {
  it('"150rb" is shown back as Rp 150.000; Rp 0 and a future day are refused; an earlier day is kept', async () => {
    const c = await t.ok('customers:create', { name: 'Rudi' });
    render(<PurchasesPanel customerId={c.id} hasPhone />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /Catat pembelian/ }));
    const amount = screen.getByLabelText(/Jumlah/);
    await user.type(amount, '0');
    await user.type(screen.getByLabelText(/Barang/), 'Gula');
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    expect(screen.getByText(/Isi jumlah lebih dari Rp 0/)).toBeTruthy();
    await user.clear(amount);
    await user.type(amount, '1,5jt');
    expect(screen.getByText(/^= Rp\s?1\.500\.000$/)).toBeTruthy();
    const date = screen.getByLabelText('Tanggal');
    await user.clear(date);
    await user.type(date, '2099-01-01');
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    expect(screen.getByText('Tanggal tidak boleh di masa depan.')).toBeTruthy();
    // Three days before the shop's today, as main's clock has it.
    const day = dayBefore(t.clock, 3);
    await user.clear(date);
    await user.type(date, day);
    await user.click(screen.getByRole('button', { name: 'Simpan' }));
    await waitFor(async () => expect((await t.ok('purchases:list', { customerId: c.id })).total).toBe(1));
    const p = (await t.ok('purchases:list', { customerId: c.id })).items[0]!;
    expect(p.amount).toBe(1_500_000);
    expect(dayBefore({ now: () => p.at }, 0)).toBe(day);
  });
});

describe('voiding or correcting a sale from the customer page', () => {
  it('a reason is required; the corrected sale replaces the amount, the original stays struck through', async () => {
    const c = await t.ok('customers:create', { name: 'Rudi' });
    await t.ok('purchases:create', { customerId: c.id, amount: 150_000, items: ['Kopi'] });
    render(<PurchasesPanel customerId={c.id} hasPhone />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Koreksi' }));
    const amount = screen.getAllByLabelText(/Jumlah/).at(-1)!;
    await user.clear(amount);
    await user.type(amount, '15rb');
    await user.click(screen.getByRole('button', { name: 'Simpan koreksi' }));
    expect(screen.getByText('Tulis alasannya (minimal 3 huruf).')).toBeTruthy();
    await user.type(screen.getByLabelText('Alasan'), 'harga salah ketik');
    await user.click(screen.getByRole('button', { name: 'Simpan koreksi' }));
    await screen.findByText(/Dibatalkan oleh Bu Sari: harga salah ketik/);
    await screen.findByText(/koreksi dari #/);
    const list = await t.ok('purchases:list', { customerId: c.id });
    expect(list).toMatchObject({ total: 1, totalAmount: 15_000 });
  });
});
