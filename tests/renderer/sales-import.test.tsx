import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { SalesImport } from '../../src/renderer/features/data/SalesImport';
import type { TestCore } from '../support/fixtures';
import { useShopCore } from './connect';

const core = useShopCore();
let t: TestCore;
beforeEach(() => {
  t = core();
});

describe('Sales from the POS (against a real core)', () => {
  it('needs the POS and the date, receipt and total columns; shows the counts; a second import adds nothing', async () => {
    await t.ok('customers:create', { name: 'Siti Aminah', phone: '0812-1111-2222' });
    const path = join(t.dir, '..', `${t.dir.split('/').pop()}-moka.csv`);
    writeFileSync(
      path,
      [
        'Tanggal;No. Struk;No. HP;Total;Item',
        '27/11/2026 09:15;S-1;0812-1111-2222;Rp 25.000;Kopi',
        '27/11/2026 10:00;S-2;;Rp 15.000;Teh',
        '27/11/2026 10:30;S-3;;-5.000;Retur',
      ].join('\n'),
    );
    render(<SalesImport />);
    const user = userEvent.setup();
    t.dialogs.nextOpen = path;
    await user.click(screen.getByRole('button', { name: 'Pilih laporan penjualan (.csv/.xlsx)' }));
    expect((await screen.findByTestId('sales-file')).textContent).toContain('3 baris');
    const check = screen.getByRole('button', { name: 'Periksa' }) as HTMLButtonElement;
    // No POS named yet: a receipt number means nothing without it.
    expect(check.disabled).toBe(true);
    await user.selectOptions(screen.getByLabelText('POS asal'), 'moka');
    expect(check.disabled).toBe(false);
    // Without the date column there is nothing to check.
    await user.selectOptions(screen.getByLabelText(/Tanggal & jam/), '');
    expect(check.disabled).toBe(true);
    await user.selectOptions(screen.getByLabelText(/Tanggal & jam/), '0');
    await user.click(check);
    const summary = await screen.findByTestId('sales-check');
    expect(summary.textContent).toContain('Masuk riwayat pelanggan: 1');
    expect(summary.textContent).toMatch(/Penjualan tanpa nama .*: 1/);
    expect(within(screen.getByTestId('sales-refused')).getByText('Total bukan jumlah rupiah')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Impor 2 penjualan' }));
    expect(
      await screen.findByText(/Penjualan diimpor: 2 \(1 ke riwayat pelanggan, 1 tanpa nama\)/),
    ).toBeTruthy();

    t.dialogs.nextOpen = path;
    await user.click(screen.getByRole('button', { name: 'Pilih laporan penjualan (.csv/.xlsx)' }));
    await screen.findByTestId('sales-file');
    await user.click(screen.getByRole('button', { name: 'Periksa' }));
    expect((await screen.findByTestId('sales-check')).textContent).toContain(
      'Sudah pernah diimpor (dilewati): 2',
    );
    expect(screen.getByText('Tidak ada penjualan baru di berkas ini.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Impor \d+ penjualan$/ })).toBeNull();
  });

  it('a crafted file is refused in words, and the screen forgets the earlier file', async () => {
    const path = join(t.dir, '..', `${t.dir.split('/').pop()}-palsu.xlsx`);
    writeFileSync(path, 'Tanggal,No. Struk,Total\n');
    render(<SalesImport />);
    const user = userEvent.setup();
    t.dialogs.nextOpen = path;
    await user.click(screen.getByRole('button', { name: 'Pilih laporan penjualan (.csv/.xlsx)' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /bukan berkas Excel \(\.xlsx\) yang utuh.*Tidak ada data yang diubah/,
    );
    expect(screen.queryByTestId('sales-file')).toBeNull();
  });
});
