import { spawn, spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { createReadStream, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/fixtures';
import type { StraceDay } from './strace-child';

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
const WRITES = ['write', 'pwrite64', 'writev', 'pwritev', 'pwritev2', 'sendto', 'sendmsg', 'sendmmsg'];
// Ways data reaches a file or a socket without passing a buffer strace can show: none may be used.
// libuv sets up io_uring on every loop, but only to batch epoll_ctl; it does file I/O there only
// on a ring with SQPOLL (and only when UV_USE_IO_URING=1), so that ring is the blind one.
const BLIND = ['io_uring_setup', 'copy_file_range', 'sendfile', 'splice', 'vmsplice', 'tee'];
const IORING_SETUP_SQPOLL = 0x2;
const blindRing = (line: string) => {
  const flags = /\{flags=([^,]*)/.exec(line)?.[1] ?? 'unknown';
  const bits = /^(0x[0-9a-f]+|\d+)/.exec(flags)?.[1];
  return flags.includes('SQPOLL') || bits === undefined || (Number(bits) & IORING_SETUP_SQPOLL) !== 0;
};

const canTrace =
  process.platform === 'linux' &&
  spawnSync('strace', ['-f', '-o', '/dev/null', 'true'], { stdio: 'ignore' }).status === 0;
if (!canTrace) {
  const why = 'strace is missing or may not trace here: the every-byte-written test needs it';
  if (process.env.BRANKAS_CI_STRICT) throw new Error(why);
  console.warn(`skipped: ${why}`);
}

const letters = (n: number) =>
  Array.from({ length: n }, () => String.fromCharCode(97 + randomInt(26))).join('');
const title = (s: string) => s[0]!.toUpperCase() + s.slice(1);
/** A valid Indonesian mobile number, national form, 12 digits. */
const mobile = (prefix: string) =>
  `${prefix}${randomInt(1, 10)}${String(randomInt(10_000_000)).padStart(7, '0')}`;

/** The phone in every form it is typed, stored, indexed or shown in. */
function phoneForms(national: string): string[] {
  const p = parsePhoneNumberFromString(national, 'ID')!;
  const digits = national.replace(/\D/g, '');
  const d = digits;
  return [
    `${d.slice(0, 4)}-${d.slice(4, 8)}-${d.slice(8)}`,
    `${d.slice(0, 4)} ${d.slice(4, 8)} ${d.slice(8)}`,
    digits,
    p.number,
    p.number.slice(1),
    p.nationalNumber,
    p.formatNational(),
    p.formatInternational(),
  ];
}

/** strace -xx writes every byte as \\xNN, the fd's path included. */
const hex = (escaped: string) =>
  escaped.includes('\\x') ? Buffer.from(escaped.replace(/\\x/g, ''), 'hex') : Buffer.from(escaped);

interface Write {
  syscall: string;
  fd: number;
  /** What the fd pointed at when written (strace -y): a path, pipe:[n], socket:[n]. */
  target: string;
  bytes: Buffer;
}

/**
 * Reads the trace line by line: each write's fd, its target and its bytes (every string literal of
 * the call, in order, so a writev's buffers are one). Calls another thread interrupted carry their
 * buffer on the first line, so "resumed" lines hold nothing to read.
 */
async function* writesIn(
  file: string,
  seen: { truncated: number; blind: string[]; epollRings: number; unread: string[]; unnamed: Set<string> },
): AsyncGenerator<Write> {
  // strace pads the thread id to a fixed width: "1917  write(...)" beside "25529 write(...)".
  const call = /^ *\d+ +(\w+)\((\d+)(?:<([^>]*)>)?, (.*)$/;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    const m = call.exec(line);
    if (!m) {
      // Only a call's end, an exit or a signal may go unread; anything else is a format not understood.
      // A thread caught as its process exits shows a call strace cannot name and no arguments
      // ("1234 ???( <unfinished ...>"): nothing to read, so allowed only if that thread then ends.
      const unnamed = /^ *(\d+) +\?\?\?\( <unfinished \.\.\.>$/.exec(line);
      if (unnamed) seen.unnamed.add(unnamed[1]!);
      else if (/^ *(\d+) +\+\+\+ (exited|killed)/.test(line)) seen.unnamed.delete(/\d+/.exec(line)![0]);
      else if (!/^ *\d+ +(<\.\.\. \w+ resumed>|\+\+\+ |--- )/.test(line))
        seen.unread.push(line.slice(0, 200));
      continue;
    }
    const [, syscall, fd, target, rest] = m as unknown as [
      string,
      string,
      string,
      string | undefined,
      string,
    ];
    if (BLIND.includes(syscall)) {
      if (syscall !== 'io_uring_setup' || blindRing(line)) seen.blind.push(line.slice(0, 200));
      else seen.epollRings++;
      continue;
    }
    if (!WRITES.includes(syscall)) continue;
    const parts: Buffer[] = [];
    for (const s of rest.matchAll(/"((?:\\x[0-9a-f]{2})*)"(\.\.\.)?/g)) {
      if (s[2]) seen.truncated++;
      parts.push(hex(s[1]!));
    }
    yield { syscall, fd: Number(fd), target: hex(target ?? '?').toString(), bytes: Buffer.concat(parts) };
  }
}

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
    const probes = needles.flatMap((n) =>
      (['utf8', 'utf16le'] as const).map((enc) => ({ label: `${n} (${enc})`, bytes: Buffer.from(n, enc) })),
    );
    const longest = Math.max(...probes.map((p) => p.bytes.length));

    const trace = join(work.dir, 'trace.txt');
    const started = process.hrtime.bigint();
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(
        'strace',
        [
          '-f',
          '-y',
          '-xx',
          '-s',
          String(64 * 1024 * 1024),
          '-e',
          `trace=${[...WRITES, ...BLIND].join(',')}`,
          '-o',
          trace,
          process.execPath,
          '--import',
          'tsx',
          CHILD,
          JSON.stringify(day),
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString('latin1')));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (status) => resolve({ status, stdout, stderr }));
    });
    const childMs = Number(process.hrtime.bigint() - started) / 1e6;
    expect(run.stdout, run.stderr).toContain('done imported=303 ');
    expect(run.status, run.stderr).toBe(0);

    const seen = {
      truncated: 0,
      blind: [] as string[],
      epollRings: 0,
      unread: [] as string[],
      unnamed: new Set<string>(),
    };
    const tally = { writes: 0, bytes: 0, vaultWrites: 0, vaultBytes: 0, backupWrites: 0, backupBytes: 0 };
    const leaks: string[] = [];
    const control = { stdout: new Set<string>(), file: new Set<string>() };
    // The end of the previous write to the same target, so a canary split across two writes is seen.
    const tails = new Map<string, Buffer>();
    // The child's own stdout (a socket pair from node, shown as socket:[inode]), told by the child:
    // other processes in the trace (tsx's esbuild) have an fd 1 of their own.
    const stdoutInode = /^stdout (\d+)$/m.exec(run.stdout)?.[1];
    expect(stdoutInode).toBeDefined();
    const stdoutTarget = (t: string) => t.endsWith(`:[${stdoutInode}]`);
    for await (const w of writesIn(trace, seen)) {
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
      const isControl =
        (w.fd === 1 && stdoutTarget(w.target) && w.bytes.subarray(0, 8).toString() === 'control ') ||
        w.target === day.controlFile;
      const key = `${w.fd}<${w.target}>`;
      const scanned = isControl ? w.bytes : Buffer.concat([tails.get(key) ?? Buffer.alloc(0), w.bytes]);
      tails.set(key, isControl ? Buffer.alloc(0) : scanned.subarray(-(longest - 1)));
      for (const p of probes) {
        if (!scanned.includes(p.bytes)) continue;
        if (!isControl) leaks.push(`${w.syscall} to ${key}: ${p.label}`);
        else (w.target === day.controlFile ? control.file : control.stdout).add(p.label);
      }
    }
    const figures = {
      ...tally,
      needles: needles.length,
      epollRings: seen.epollRings,
      traceMB: Math.round(statSync(trace).size / 1024 / 1024),
      childMs: Math.round(childMs),
    };
    console.log(`strace: ${JSON.stringify(figures)}`);

    // The scanner sees what is there: every needle, in both encodings, where it was put on purpose.
    expect(control.stdout.size, 'control on stdout').toBe(probes.length);
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
