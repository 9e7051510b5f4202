import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { z } from 'zod';

/**
 * The restore's commit marker (restore.json): from the moment it is on the disk the next start
 * finishes the swap. So it says which files it swaps in (their SHA-256) and carries an HMAC keyed
 * from this device's secret: a marker planted in the folder, copied from another device or
 * pointing at other files swaps nothing in.
 */
const markerSchema = z
  .object({
    format: z.literal(2),
    stamp: z.number().int().nonnegative(),
    vault: z.string().regex(/^[0-9a-f]{64}$/),
    slots: z.string().regex(/^[0-9a-f]{64}$/),
    mac: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

export type MarkerProblem = 'unreadable' | 'unauthenticated' | 'other_files';

function sha256File(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) hash.update(chunk.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

function macOf(key: Buffer, body: { format: 2; stamp: number; vault: string; slots: string }): string {
  return createHmac('sha256', key)
    .update(JSON.stringify([body.format, body.stamp, body.vault, body.slots]))
    .digest('hex');
}

/** Where a restore's files are (restorePaths). */
export interface MarkerPaths {
  vault: string;
  slots: string;
  nextVault: string;
  nextSlots: string;
  marker: string;
}

/** The files the marker swaps in: staged, or already in place if the swap got that far. */
function swapped(p: MarkerPaths): { vault: string | null; slots: string | null } {
  const pick = (staged: string, live: string) =>
    existsSync(staged) ? staged : existsSync(live) ? live : null;
  return { vault: pick(p.nextVault, p.vault), slots: pick(p.nextSlots, p.slots) };
}

/** The marker for the staged files (they must be complete and synced). */
export function restoreMarker(p: MarkerPaths, stamp: number, key: Buffer): string {
  const body = { format: 2 as const, stamp, vault: sha256File(p.nextVault), slots: sha256File(p.nextSlots) };
  return JSON.stringify({ ...body, mac: macOf(key, body) });
}

/** Whether the marker on the disk is this device's, for the files beside it. */
export function markerProblem(
  p: MarkerPaths,
  key: Buffer,
): { ok: true; stamp: number } | { ok: false; problem: MarkerProblem } {
  let marker: z.infer<typeof markerSchema>;
  try {
    marker = markerSchema.parse(JSON.parse(readFileSync(p.marker, 'utf8')));
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  const expected = Buffer.from(macOf(key, marker), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(marker.mac, 'hex')))
    return { ok: false, problem: 'unauthenticated' };
  const files = swapped(p);
  if (!files.vault || !files.slots) return { ok: false, problem: 'other_files' };
  if (sha256File(files.vault) !== marker.vault || sha256File(files.slots) !== marker.slots)
    return { ok: false, problem: 'other_files' };
  return { ok: true, stamp: marker.stamp };
}
