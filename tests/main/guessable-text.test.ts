import { afterEach, describe, expect, it } from 'vitest';
import { checkPin } from '../../src/shared/pin-policy';
import { findSensitive } from '../../src/shared/sensitive';
import { makeCore, type TestCore } from '../support/fixtures';

/** Notes and owner passphrases that slipped past the checks. */
let t: TestCore;
afterEach(() => t?.cleanup());

describe('sensitive notes: Indonesian affixes on the listed terms', () => {
  // Each term of the list in the forms Indonesian builds from it: prefixes (ber-, pe-, ke-, di-,
  // me- with its nasal forms), endings (-an, -kan, -i) and clitics (-nya, -ku).
  const affixed: [string, string][] = [
    ['berpenyakit jantungan', 'health'],
    ['jantungan', 'health'],
    ['berpenyakit', 'health'],
    ['penyakitnya kambuh', 'health'],
    ['sering kesakitan', 'health'],
    ['menyakitkan', 'health'],
    ['berobat jalan', 'health'],
    ['pengobatan rutin', 'health'],
    ['diobati dokter', 'health'],
    ['obatnya habis', 'health'],
    ['kehamilannya', 'health'],
    ['hamilnya 5 bulan', 'health'],
    ['asmanya kambuh', 'health'],
    ['dioperasi bulan lalu', 'health'],
    ['berdiabetes', 'health'],
    ['beralergi udang', 'health'],
    ['diseases', 'health'],
    ['medications', 'health'],
    ['beragama', 'religion'],
    ['keagamaan', 'religion'],
    ['keislaman', 'religion'],
    ['dipenjarakan', 'criminal'],
    ['memenjarakan', 'criminal'],
    ['pernah dipenjara', 'criminal'],
    ['berutang banyak', 'finance'],
    ['hutangku', 'finance'],
    ['utangnya', 'finance'],
    ['gajian tanggal 25', 'finance'],
    ['gajinya kecil', 'finance'],
    ['saldonya', 'finance'],
  ];
  it.each(affixed)('"%s" is flagged as %s', (note, kind) => {
    expect(findSensitive(note)).toContain(kind);
  });

  // Everyday notes stay quiet: the affixes do not turn common words into listed ones.
  const everyday = [
    'pelanggan setia, beli beras tiap minggu',
    'bersama keluarga',
    'berkeluarga',
    'pembeli tetap, suka kopi hitam',
    'kirim ke alamat kantor',
    'pesan antar sebelum jam 5',
    'tidak suka pedas',
    'kanan kiri toko',
    'sebelah pasar',
  ];
  it.each(everyday)('"%s" is not flagged', (note) => {
    expect(findSensitive(note)).toEqual([]);
  });
});

describe('owner passphrases: judged normalised, the guessable ones refused', () => {
  const guessable = [
    '1234567a',
    'a1234567',
    '12345678!',
    '12345678 ',
    ' 12345678',
    '٠١٢٣٤٥٦٧',
    '۱۲۳۴۵۶۷۸',
    '١١١١١١١١',
    '１２３４５６７８ ',
    'password1',
    'indonesia2024',
    'bismillah99',
    'abcd1234',
    'qwer1234',
    'abcdefghij',
    'asdfasdf',
  ];
  it.each(guessable)('"%s" is refused', (pass) => {
    expect(checkPin(pass, true)).not.toBeNull();
  });

  const fine = ['kopi susu gula aren', 'Toko Maju 2024!', 'x8352917', '٣٨٢٩١٧٤٦', 'Rahasia Toko Bu Sari'];
  it.each(fine)('"%s" is accepted', (pass) => {
    expect(checkPin(pass, true)).toBeNull();
  });

  it('main refuses them at setup, with the rule they broke', async () => {
    t = makeCore();
    for (const pin of ['1234567a', '٠١٢٣٤٥٦٧', '12345678 ']) {
      const r = await t.call('setup:create', {
        shopName: 'Toko Maju',
        ownerName: 'Bu Sari',
        pin,
        pinConfirm: pin,
      });
      expect(r, pin).toMatchObject({ ok: false, error: { code: 'WEAK_PIN' } });
    }
    expect((await t.ok('app:status', {})).setupDone).toBe(false);
  });
});
