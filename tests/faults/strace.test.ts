import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/fixtures';
import type { StraceDay } from './strace-child';
import { canTrace, letters, mobile, phoneForms, probesOf, scanWrites, title, traced } from './strace-support';

/**
 * Every byte the app writes, not only the files left at the end (the canary test sees those): a
 * shop's day runs in a child under `strace -f`, which records the buffer of every write syscall of
 * every thread (SQLite, the backup and phone workers, node:fs, stdout and stderr). No canary of a
 * customer may appear in any of them, in UTF-8 or UTF-16LE, the phone in none of its forms; the
 * only exception is the positive control, plaintext the child writes on purpose to its stdout and
 * to one file, which the same scanner must find.
 * Needs strace allowed to trace (Linux); required where `.ci/run` sets BRANKAS_CI_STRICT, skipped
 * with a reason elsewhere.
 */
const CHILD = join(__dirname, 'strace-child.ts');

describe.skipIf(!canTrace)('every byte written', () => {
  const work = tempDir('brankas-strace-');
  afterAll(() => work.cleanup());

  it('a day of import, edit, backup, lock, unlock and erasure writes no canary anywhere, in any form', async () => {
    // Three canary customers among ordinary rows in the shop's spreadsheet (written here, by the
    // test: the child only reads it), one edited, one added by hand, one erased.
    const rows = Array.from({ length: 3 }, () => {
      const tag = letters(10);
      return {
        name: `Sri ${title(tag)}`,
        phone: mobile('0812'),
        email: `${tag}@contoh.id`,
        address: `Jl. Kenari ${title(letters(9))} No. 7`,
        notes: `suka ${letters(9)}`,
      };
    });
    const day: StraceDay = {
      dataDir: join(work.dir, 'data'),
      csv: join(work.dir, 'pelanggan.csv'),
      usb: join(work.dir, 'usb'),
      controlFile: join(work.dir, 'control.txt'),
      controls: [],
      importedName: rows[0]!.name,
      edit: { address: `Jl. Merpati ${title(letters(9))} 12`, notes: `titip ${letters(9)}` },
      byHand: {
        name: `Bu ${title(letters(10))}`,
        phone: '',
        address: `Gg. Melati ${title(letters(9))}`,
        item: `Kebaya ${letters(9)}`,
      },
    };
    const handPhone = mobile('0813');
    day.byHand.phone = `${handPhone.slice(0, 4)}-${handPhone.slice(4, 8)}-${handPhone.slice(8)}`;
    mkdirSync(day.dataDir);
    mkdirSync(day.usb);
    const csvRows = Array.from(
      { length: 300 },
      (_, i) => `Pelanggan ${i};0857${String(20_000_000 + i)};;Jl. Biasa ${i};;${i % 3 ? 'ya' : ''}`,
    );
    rows.forEach((r, i) =>
      csvRows.splice(40 + i * 90, 0, `${r.name};${r.phone};${r.email};${r.address};${r.notes};ya`),
    );
    writeFileSync(day.csv, ['Nama;No HP;Email;Alamat;Catatan;Persetujuan WA', ...csvRows].join('\r\n'));

    const texts = [
      ...rows.flatMap((r) => [r.name, r.name.toLowerCase(), r.email, r.address, r.notes]),
      day.edit.address,
      day.edit.notes,
      day.byHand.name,
      day.byHand.name.toLowerCase(),
      day.byHand.address,
      day.byHand.item,
    ];
    const phones = [...rows.map((r) => r.phone), handPhone].flatMap(phoneForms);
    const needles = [...new Set([...texts, ...phones])];
    day.controls = needles;

    const trace = join(work.dir, 'trace.txt');
    const started = process.hrtime.bigint();
    const run = await traced(CHILD, JSON.stringify(day), trace);
    const childMs = Number(process.hrtime.bigint() - started) / 1e6;
    expect(run.stdout, run.stderr).toContain('done imported=303 ');
    expect(run.status, run.stderr).toBe(0);

    const tally = { writes: 0, bytes: 0, vaultWrites: 0, vaultBytes: 0, backupWrites: 0, backupBytes: 0 };
    const stdoutInode = /^stdout (\d+)$/m.exec(run.stdout)?.[1];
    expect(stdoutInode).toBeDefined();
    const { seen, leaks, control } = await scanWrites(trace, {
      needles,
      stdoutInode: stdoutInode!,
      controlFile: day.controlFile,
      onWrite: (w) => {
        tally.writes++;
        tally.bytes += w.bytes.length;
        if (/\/vault\.db(-wal|-journal)?$/.test(w.target)) {
          tally.vaultWrites++;
          tally.vaultBytes += w.bytes.length;
        }
        if (w.target.includes('.brankas')) {
          tally.backupWrites++;
          tally.backupBytes += w.bytes.length;
        }
      },
    });
    const figures = {
      ...tally,
      needles: needles.length,
      epollRings: seen.epollRings,
      traceMB: Math.round(statSync(trace).size / 1024 / 1024),
      childMs: Math.round(childMs),
    };
    console.log(`strace: ${JSON.stringify(figures)}`);

    // The scanner sees what is there: every needle, in both encodings, where it was put on purpose.
    expect(control.stdout.size, 'control on stdout').toBe(probesOf(needles).length);
    expect([...control.file].sort()).toEqual(needles.map((n) => `${n} (utf8)`).sort());
    // And it saw the day's real work: SQLite's writes to the vault, the worker's to the backup.
    expect(tally.vaultWrites, JSON.stringify(figures)).toBeGreaterThan(200);
    expect(tally.backupWrites).toBeGreaterThan(0);
    expect(tally.backupBytes).toBeGreaterThan(statSync(join(day.dataDir, 'vault.db')).size / 2);
    expect(seen.truncated).toBe(0);
    expect(seen.unread).toEqual([]);
    expect([...seen.unnamed], 'unnamed calls of threads that did not end').toEqual([]);
    expect(seen.blind).toEqual([]);
    expect(leaks).toEqual([]);
  }, 240_000);
});
