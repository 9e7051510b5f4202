import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DataPage } from '../../src/renderer/features/data/DataPage';
import type { TestCore } from '../support/fixtures';
import { useShopCore } from './connect';

const core = useShopCore();
let t: TestCore;
beforeEach(() => {
  t = core();
});

/** ~6 MB: read in two dozen slices, so the reading phase lasts long enough to be seen and stopped. */
function bigCsv(): string {
  const path = join(t.dir, '..', `${t.dir.split('/').pop()}-besar.csv`);
  const rows = Array.from(
    { length: 80_000 },
    (_, i) => `Pembeli ${i};0857${String(20_000_000 + i)};"Jl. Kenanga Raya No. ${i}, RT 03/RW 07, Sukamaju"`,
  );
  writeFileSync(path, ['Nama;HP;Alamat', ...rows].join('\n'));
  return path;
}

describe('DataPage import (against a real core)', () => {
  it(
    'reading a big file shows its progress and can be cancelled; then it opens and checks',
    // Generous waits: the check of 80,000 rows is slow on a loaded 2-core machine; nothing here is timed.
    { timeout: 90_000 },
    async () => {
      const path = bigCsv();
      render(<DataPage />);
      const user = userEvent.setup();
      const choose = screen.getByRole('button', { name: 'Pilih berkas CSV…' });

      t.dialogs.nextOpen = path;
      await user.click(choose);
      const bar = await screen.findByRole('progressbar');
      expect(bar.getAttribute('aria-valuetext')).toMatch(/^Membaca berkas… \d+%$/);
      expect((choose as HTMLButtonElement).disabled).toBe(true);
      await user.click(screen.getByRole('button', { name: 'Batalkan impor' }));
      await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
      expect(screen.queryByTestId('import-file')).toBeNull(); // nothing opened, no error shown
      expect(screen.queryByRole('alert')).toBeNull();

      t.dialogs.nextOpen = path;
      await user.click(choose);
      expect((await screen.findByTestId('import-file', {}, { timeout: 30_000 })).textContent).toContain(
        '80000',
      );
      await user.click(screen.getByRole('button', { name: 'Periksa' }));
      expect(
        await screen.findByText(/80000 dari 80000 baris siap diimpor/, {}, { timeout: 30_000 }),
      ).toBeTruthy();
    },
  );

  it('a row sharing the phone of a customer shows both names', async () => {
    await t.ok('customers:create', { name: 'Budi Santoso', phone: '0812-7000-1111' });
    const path = join(t.dir, '..', `${t.dir.split('/').pop()}-keluarga.csv`);
    writeFileSync(path, 'Nama;HP;Catatan\nAndré Wijaya;0812-7000-1111;Suka kopi\n');
    render(<DataPage />);
    const user = userEvent.setup();
    t.dialogs.nextOpen = path;
    await user.click(screen.getByRole('button', { name: 'Pilih berkas CSV…' }));
    await screen.findByTestId('import-file');
    await user.click(screen.getByRole('button', { name: 'Periksa' }));
    expect(await screen.findByText(/di berkas: André Wijaya · sudah pelanggan: Budi Santoso/)).toBeTruthy();
  });
});
