import { spawn, spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Shared by the strace tests (the primary's day, and a paired laptop's): how a child is traced,
 * how the trace is read back write by write, and the canaries' forms.
 */
export const WRITES = ['write', 'pwrite64', 'writev', 'pwritev', 'pwritev2', 'sendto', 'sendmsg', 'sendmmsg'];
// Ways data reaches a file or a socket without passing a buffer strace can show: none may be used.
// libuv sets up io_uring on every loop, but only to batch epoll_ctl; it does file I/O there only
// on a ring with SQPOLL (and only when UV_USE_IO_URING=1), so that ring is the blind one.
export const BLIND = ['io_uring_setup', 'copy_file_range', 'sendfile', 'splice', 'vmsplice', 'tee'];
export const IORING_SETUP_SQPOLL = 0x2;
export const blindRing = (line: string) => {
  const flags = /\{flags=([^,]*)/.exec(line)?.[1] ?? 'unknown';
  const bits = /^(0x[0-9a-f]+|\d+)/.exec(flags)?.[1];
  return flags.includes('SQPOLL') || bits === undefined || (Number(bits) & IORING_SETUP_SQPOLL) !== 0;
};

export const canTrace =
  process.platform === 'linux' &&
  spawnSync('strace', ['-f', '-o', '/dev/null', 'true'], { stdio: 'ignore' }).status === 0;
if (!canTrace) {
  const why = 'strace is missing or may not trace here: the every-byte-written test needs it';
  if (process.env.BRANKAS_CI_STRICT) throw new Error(why);
  console.warn(`skipped: ${why}`);
}

export const letters = (n: number) =>
  Array.from({ length: n }, () => String.fromCharCode(97 + randomInt(26))).join('');
export const title = (s: string) => s[0]!.toUpperCase() + s.slice(1);
/** A valid Indonesian mobile number, national form, 12 digits. */
export const mobile = (prefix: string) =>
  `${prefix}${randomInt(1, 10)}${String(randomInt(10_000_000)).padStart(7, '0')}`;

/** The phone in every form it is typed, stored, indexed or shown in. */
export function phoneForms(national: string): string[] {
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
export const hex = (escaped: string) =>
  escaped.includes('\\x') ? Buffer.from(escaped.replace(/\\x/g, ''), 'hex') : Buffer.from(escaped);

export interface Write {
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
export async function* writesIn(file: string, seen: TraceSeen): AsyncGenerator<Write> {
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

/** Runs `node --import tsx <child> <arg>` under strace -f, recording every write's whole buffer. */
export function traced(
  child: string,
  arg: string,
  trace: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(
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
        child,
        arg,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString('latin1')));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

/** What the trace reader noticed besides the writes (see writesIn). */
export interface TraceSeen {
  truncated: number;
  blind: string[];
  epollRings: number;
  unread: string[];
  unnamed: Set<string>;
}

/** Every needle in both encodings a file or a socket may carry it in. */
export function probesOf(needles: string[]): { label: string; bytes: Buffer }[] {
  return needles.flatMap((n) =>
    (['utf8', 'utf16le'] as const).map((enc) => ({ label: `${n} (${enc})`, bytes: Buffer.from(n, enc) })),
  );
}

/**
 * Reads every write of a trace for the needles. The child writes them on purpose to two places
 * (its stdout, in a line starting "control ", and the control file): found there, they prove the
 * scanner sees what is written; found anywhere else, each is a leak. The end of the previous write
 * to the same target is kept, so a needle split across two writes is seen.
 */
export async function scanWrites(
  trace: string,
  opts: { needles: string[]; stdoutInode: string; controlFile: string; onWrite?: (w: Write) => void },
): Promise<{ seen: TraceSeen; leaks: string[]; control: { stdout: Set<string>; file: Set<string> } }> {
  const probes = probesOf(opts.needles);
  const longest = Math.max(...probes.map((p) => p.bytes.length));
  const seen: TraceSeen = { truncated: 0, blind: [], epollRings: 0, unread: [], unnamed: new Set() };
  const leaks: string[] = [];
  const control = { stdout: new Set<string>(), file: new Set<string>() };
  const tails = new Map<string, Buffer>();
  // The child's own stdout (a socket pair from node, shown as socket:[inode]), told by the child:
  // other processes in the trace (tsx's esbuild) have an fd 1 of their own.
  const isStdout = (target: string) => target.endsWith(`:[${opts.stdoutInode}]`);
  for await (const w of writesIn(trace, seen)) {
    opts.onWrite?.(w);
    const isControl =
      (w.fd === 1 && isStdout(w.target) && w.bytes.subarray(0, 8).toString() === 'control ') ||
      w.target === opts.controlFile;
    const key = `${w.fd}<${w.target}>`;
    const scanned = isControl ? w.bytes : Buffer.concat([tails.get(key) ?? Buffer.alloc(0), w.bytes]);
    tails.set(key, isControl ? Buffer.alloc(0) : scanned.subarray(-(longest - 1)));
    for (const p of probes) {
      if (!scanned.includes(p.bytes)) continue;
      if (!isControl) leaks.push(`${w.syscall} to ${key}: ${p.label}`);
      else (w.target === opts.controlFile ? control.file : control.stdout).add(p.label);
    }
  }
  return { seen, leaks, control };
}
