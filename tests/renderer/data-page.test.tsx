import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { utimesSync, writeFileSync } from 'node:fs';
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
    await openAndCheck(file('keluarga.csv', 'Nama;HP;Catatan\nAndré Wijaya;0812-7000-1111;Suka kopi\n'));
    expect(await screen.findByText(/di berkas: André Wijaya · sudah pelanggan: Budi Santoso/)).toBeTruthy();
  });
});

/** Writes a file into the test's folder, last changed at `modifiedAt` (the core's clock by default). */
function file(name: string, text: string, modifiedAt = t.clock.now()): string {
  const path = join(t.dir, '..', `${t.dir.split('/').pop()}-${name}`);
  writeFileSync(path, text);
  utimesSync(path, modifiedAt / 1000, modifiedAt / 1000);
  return path;
}

async function openAndCheck(path: string) {
  render(<DataPage />);
  const user = userEvent.setup();
  t.dialogs.nextOpen = path;
  await user.click(screen.getByRole('button', { name: 'Pilih berkas CSV…' }));
  await screen.findByTestId('import-file');
  await user.click(screen.getByRole('button', { name: 'Periksa' }));
  await screen.findByTestId('import-summary');
  return user;
}

const bodyRows = (testId: string) => within(screen.getByTestId(testId)).getAllByRole('row').slice(1);

describe('rows already in the vault', () => {
  async function mixed() {
    await t.ok('customers:create', { name: 'Budi Santoso', phone: '0812-7000-1111' });
    await t.ok('customers:create', { name: 'Citra Dewi', phone: '0812-7000-3333', email: 'citra@lama.id' });
    const dodi = await t.ok('customers:create', { name: 'Dodi', phone: '0812-7000-4444' });
    const path = file(
      'campur.csv',
      [
        'Nama;HP;Email',
        'Budi S;0812-7000-1111;budi@contoh.id',
        'André Wijaya;0812-7000-4444;andre@contoh.id',
        'Budi Santoso;0812-7000-1111;budi2@contoh.id',
        'Fani;123;x',
        'Gita;0812-7000-7777;gita@contoh.id',
        'Citra Dewi;0812-7000-3333;citra@contoh.id',
      ].join('\n'),
    );
    return { dodi, path };
  }

  it('every count on the page is the number of rows listed under it', async () => {
    const { path } = await mixed();
    await openAndCheck(path);
    const summary = screen.getByTestId('import-summary').textContent ?? '';
    expect(summary).toMatch(/1 dari 6 baris siap diimpor; 1 baris bermasalah; 4 baris sudah ada di Brankas/);
    const [, , problems, inVault] =
      /(\d+) dari \d+ baris siap diimpor; (\d+) baris bermasalah; (\d+) baris sudah ada/
        .exec(summary)!
        .map(Number);
    expect(bodyRows('import-errors')).toHaveLength(problems!);
    expect(bodyRows('import-in-vault')).toHaveLength(inVault!);
    // The fill offer counts the same-name rows listed as filling; the rest say why they do not.
    const fill = screen.getByRole('checkbox', { name: /baris bernama sama/ });
    expect(fill.parentElement?.textContent).toMatch(/^1 baris bernama sama/);
    const statuses = bodyRows('import-in-vault').map((r) => r.textContent);
    expect(statuses.filter((s) => /Nama sama/.test(s ?? ''))).toHaveLength(1);
    expect(statuses[1]).toMatch(/di berkas: André Wijaya · sudah pelanggan: Dodi/);
    expect(statuses[1]).toMatch(/Nama berbeda/);
    expect(statuses[2]).toMatch(/Tidak ada kolom kosong/);
  });

  it('the owner confirms a row with another name, and only that row fills', async () => {
    const { dodi, path } = await mixed();
    const user = await openAndCheck(path);
    const andre = bodyRows('import-in-vault')[1]!;
    await user.click(within(andre).getByRole('checkbox', { name: /Orang yang sama/ }));
    await user.click(screen.getByRole('button', { name: 'Impor 1 baris' }));
    await screen.findByText(/1 pelanggan diimpor\. 1 pelanggan lama dilengkapi\./);
    expect((await t.ok('customers:get', { id: dodi.id })).email).toBe('andre@contoh.id');
    const budi = (await t.ok('customers:search', { query: 'budi' })).items[0]!;
    expect((await t.ok('customers:get', { id: budi.id })).email).toBeNull();
  });
});

describe('the notice version of imported consent', () => {
  it('is a required choice among the versions with their dates; one newer than the file asks to be confirmed', async () => {
    const [v1] = await t.ok('docs:versions', { kind: 'notice' });
    const path = file(
      'formulir.csv',
      'Nama;HP;Setuju WA\nSiti;0812-1111-2222;ya\n',
      v1!.createdAt + 86_400_000,
    );
    t.clock.advance(3 * 86_400_000);
    await t.ok('settings:update', {
      autoLockMinutes: 5,
      notesHardBlock: false,
      shopContact: 'WA 0812-1111-2222',
      recipients: '',
    });
    const user = await openAndCheck(path);
    const commit = screen.getByRole('button', { name: 'Impor 1 baris' }) as HTMLButtonElement;
    await user.selectOptions(screen.getByLabelText('Bagaimana persetujuan ini dikumpulkan?'), 'paper');
    const version = (await screen.findByLabelText(
      /Versi pemberitahuan yang dilihat pelanggan/,
    )) as HTMLSelectElement;
    // No default: the owner says which one the customers saw.
    expect(version.value).toBe('');
    expect(commit.disabled).toBe(true);
    const options = [...version.options].map((o) => o.textContent);
    expect(options).toHaveLength(4);
    expect(options[1]).toMatch(/^Versi 2 · /);
    expect(options[2]).toMatch(/^Versi 1 · /);
    // The shop's own paper notice from before Brankas is one of the choices (never "newer").
    expect(options[3]).toMatch(/^Pemberitahuan toko sendiri di luar Brankas/);
    await user.selectOptions(version, '2');
    expect(await screen.findByText(/lebih baru dari berkas ini/)).toBeTruthy();
    expect(commit.disabled).toBe(true);
    await user.click(screen.getByRole('checkbox', { name: /pelanggan memang melihat versi ini/ }));
    expect(commit.disabled).toBe(false);
    await user.selectOptions(version, '1');
    expect(screen.queryByText(/lebih baru dari berkas ini/)).toBeNull();
    await user.click(commit);
    await screen.findByText(/1 pelanggan diimpor/);
    const siti = (await t.ok('customers:search', { query: 'siti' })).items[0]!;
    expect((await t.ok('customers:get', { id: siti.id })).consents[0]).toMatchObject({
      noticeVersion: 1,
      method: 'paper',
    });
  });
});
