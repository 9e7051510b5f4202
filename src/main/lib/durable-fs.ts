import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The one way the app changes its own protocol files (key slots, anchor, restore marker, backups,
 * the vault swap). A crash that keeps the OS page cache (SIGKILL) forgives a missing fsync; a
 * power cut does not: file contents are on disk only after the file's fsync, and a create, rename
 * or unlink only after its folder's fsync. Every system call goes through `FsOps`, which a test
 * replaces with one that records the calls and replays them on a model of a disk that loses
 * whatever was not yet synced.
 */
export type DurableOp =
  | { op: 'create'; path: string }
  | { op: 'write'; path: string; data: Buffer }
  | { op: 'fsync'; path: string }
  | { op: 'rename'; from: string; to: string }
  | { op: 'unlink'; path: string }
  | { op: 'fsyncDir'; path: string }
  | { op: 'mkdir'; path: string };

/** The system calls this module makes, nothing else. */
export interface FsOps {
  /** Opens for writing, created (owner-only) or truncated. */
  create(path: string): number;
  write(fd: number, path: string, data: Buffer): void;
  /** Flushes an open file's contents. */
  fsyncFile(fd: number, path: string): void;
  /** Flushes a folder's entries (opened read-only). */
  fsyncDir(fd: number, path: string): void;
  openRead(path: string): number;
  close(fd: number): void;
  rename(from: string, to: string): void;
  unlink(path: string): void;
  mkdir(path: string): void;
}

export const nodeFsOps: FsOps = {
  create: (path) => openSync(path, 'w', 0o600),
  write: (fd, _path, data) => {
    writeSync(fd, data);
  },
  fsyncFile: (fd) => fsyncSync(fd),
  fsyncDir: (fd) => fsyncSync(fd),
  openRead: (path) => openSync(path, 'r'),
  close: (fd) => closeSync(fd),
  rename: (from, to) => renameSync(from, to),
  unlink: (path) => unlinkSync(path),
  mkdir: (path) => {
    mkdirSync(path, { recursive: true, mode: 0o700 });
  },
};

let ops: FsOps = nodeFsOps;

/** Replaces the system calls (tests: record them); returns the previous ones. */
export function setFsOps(next: FsOps): FsOps {
  const previous = ops;
  ops = next;
  return previous;
}

/**
 * Replaces `path` with `data` so that after a crash or power cut it holds the old or the new
 * content, never half, and once this returns the new content stays: write a sibling, fsync it,
 * rename it over the original, fsync the folder.
 */
export function writeDurable(path: string, data: string | Buffer): void {
  const tmp = durableTempPath(path);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const fd = ops.create(tmp);
  try {
    ops.write(fd, tmp, bytes);
    ops.fsyncFile(fd, tmp);
  } finally {
    ops.close(fd);
  }
  renameDurable(tmp, path);
}

/** The sibling `writeDurable` writes before the rename: `<name>.<pid>.tmp`. */
function durableTempPath(path: string): string {
  return `${path}.${process.pid}.tmp`;
}

/**
 * Removes the siblings that `writeDurable` of any earlier run left behind in `dir` for the given
 * file names (a write killed before its rename), then fsyncs the folder once. They hold an older
 * copy of the file (key slots that a retired code or PIN still opens), and nothing else ever reads
 * or removes them. Only those exact names go: `<name>.<digits>.tmp`. Returns how many went.
 */
export function removeStaleDurableTemps(dir: string, names: readonly string[]): number {
  const own = new Set(names);
  let removed = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const m = /^(.+)\.\d+\.tmp$/.exec(entry.name);
    // Only files: a folder under such a name is not one of ours, and must not stop the start.
    if (!m || !own.has(m[1]!) || entry.isDirectory()) continue;
    if (unlinkOnly(join(dir, entry.name))) removed++;
  }
  if (removed > 0) fsyncDir(dir);
  return removed;
}

/** Renames and fsyncs the folder(s): once this returns the new name survives a power cut. */
export function renameDurable(from: string, to: string): void {
  renameOnly(from, to);
  fsyncDir(dirname(to));
  if (dirname(from) !== dirname(to)) fsyncDir(dirname(from));
}

/**
 * Renames without syncing the folder, for a run of renames in one folder that a single
 * `fsyncDir` then makes durable together.
 */
export function renameOnly(from: string, to: string): void {
  ops.rename(from, to);
}

/** Removes a file if present and fsyncs its folder; whether there was one. */
export function unlinkDurable(path: string): boolean {
  if (!unlinkOnly(path)) return false;
  fsyncDir(dirname(path));
  return true;
}

/** Removes a file if present, leaving the folder's fsync to the caller; whether there was one. */
export function unlinkOnly(path: string): boolean {
  if (!existsSync(path)) return false;
  ops.unlink(path);
  return true;
}

/** Creates a folder (and its parents) and fsyncs the folder that holds it. */
export function mkdirDurable(path: string): void {
  if (existsSync(path)) return;
  ops.mkdir(path);
  fsyncDir(dirname(path));
}

/** Flushes a file's contents (written by this module, SQLite or a copy) to the disk. */
export function fsyncFile(path: string): void {
  const fd = ops.openRead(path);
  try {
    ops.fsyncFile(fd, path);
  } finally {
    ops.close(fd);
  }
}

/** Flushes a folder's entries (creates, renames, unlinks) to the disk. */
export function fsyncDir(path: string): void {
  // Folders cannot be opened for fsync on Windows; there NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const fd = ops.openRead(path);
  try {
    ops.fsyncDir(fd, path);
  } finally {
    ops.close(fd);
  }
}
