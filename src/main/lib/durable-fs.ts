import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

/**
 * The one way the app changes its own protocol files (key slots, anchor, restore marker, backups,
 * the vault swap). A crash that keeps the OS page cache (SIGKILL) forgives a missing fsync; a
 * power cut does not: file contents are on disk only after the file's fsync, and a create, rename
 * or unlink only after its folder's fsync. Every step is reported to an optional recorder so a
 * test can replay the sequence on a model of a file system that loses whatever was not yet synced.
 */
export type DurableOp =
  | { op: 'create'; path: string }
  | { op: 'write'; path: string; data: Buffer }
  | { op: 'fsync'; path: string }
  | { op: 'rename'; from: string; to: string }
  | { op: 'unlink'; path: string }
  | { op: 'fsyncDir'; path: string }
  | { op: 'mkdir'; path: string };

/** Sees each step just before it reaches the disk (tests only). */
export type DurableRecorder = (op: DurableOp) => void;

let recorder: DurableRecorder | null = null;

/** Installs (or, with null, removes) the recorder; returns the previous one. */
export function setDurableRecorder(next: DurableRecorder | null): DurableRecorder | null {
  const previous = recorder;
  recorder = next;
  return previous;
}

function record(op: DurableOp): void {
  recorder?.(op);
}

/**
 * Replaces `path` with `data` so that after a crash or power cut it holds the old or the new
 * content, never half, and once this returns the new content stays: write a sibling, fsync it,
 * rename it over the original, fsync the folder.
 */
export function writeDurable(path: string, data: string | Buffer): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  record({ op: 'create', path: tmp });
  const fd = openSync(tmp, 'w', 0o600);
  try {
    record({ op: 'write', path: tmp, data: bytes });
    writeSync(fd, bytes);
    record({ op: 'fsync', path: tmp });
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameDurable(tmp, path);
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
  record({ op: 'rename', from, to });
  renameSync(from, to);
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
  record({ op: 'unlink', path });
  unlinkSync(path);
  return true;
}

/** Creates a folder (and its parents) and fsyncs the folder that holds it. */
export function mkdirDurable(path: string): void {
  if (existsSync(path)) return;
  record({ op: 'mkdir', path });
  mkdirSync(path, { recursive: true, mode: 0o700 });
  fsyncDir(dirname(path));
}

/** Flushes a file's contents (written by this module, SQLite or a copy) to the disk. */
export function fsyncFile(path: string): void {
  record({ op: 'fsync', path });
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (creates, renames, unlinks) to the disk. */
export function fsyncDir(path: string): void {
  record({ op: 'fsyncDir', path });
  // Folders cannot be opened for fsync on Windows; there NTFS journals the rename itself.
  if (process.platform === 'win32' && statSync(path).isDirectory()) return;
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
