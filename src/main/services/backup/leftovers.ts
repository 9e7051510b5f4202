import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncDir, unlinkOnly } from '../../lib/durable-fs';
import type { Db } from '../../vault/database';
import { verifyAudit } from '../audit.service';

/**
 * What a restore set aside: the replaced vault (with its WAL files), key slots and anchor, named
 * `<name>.before-restore-<stamp>`. They open with the old PIN and the old key, so they would undo
 * every erasure and key rotation made since: they are kept only until the restored vault has been
 * opened and checked, and go at once on an erasure or a key rotation.
 */
const LEFTOVER = /^(vault\.db|keyslots\.json|audit-anchor\.json)\.before-restore-(\d+)(-wal|-shm)?$/;

/** The name a restore gives a file it sets aside. */
export function leftoverPath(path: string, stamp: number): string {
  return `${path}.before-restore-${stamp}`;
}

export function findLeftovers(dataDir: string): { files: string[]; since: number } | null {
  if (!existsSync(dataDir)) return null;
  const files: string[] = [];
  let since = Infinity;
  for (const name of readdirSync(dataDir)) {
    const m = LEFTOVER.exec(name);
    if (!m) continue;
    files.push(join(dataDir, name));
    since = Math.min(since, Number(m[2]));
  }
  return files.length > 0 ? { files, since } : null;
}

/** Removes every leftover, then syncs the folder once: gone for good when this returns. */
export function deleteLeftovers(dataDir: string): number {
  const found = findLeftovers(dataDir);
  if (!found) return 0;
  for (const f of found.files) unlinkOnly(f);
  fsyncDir(dataDir);
  return found.files.length;
}

/** The restored vault holds together: SQLite's integrity check and the audit chain. */
export function restoredVaultChecks(db: Db): boolean {
  if ((db.pragma('integrity_check', { simple: true }) as string) !== 'ok') return false;
  return verifyAudit(db).ok;
}

export type LeftoversStatus = { since: number; checkFailed: boolean } | null;

/**
 * The leftovers of this data folder: what the owner's banner says, and the three moments they go
 * (a checked unlock, an erasure, a key rotation). `onDeleted` audits how many went and why.
 */
export class RestoreLeftovers {
  private checkFailed = false;

  constructor(
    private readonly dataDir: string,
    private readonly onDeleted: (files: number, when: 'checked' | 'erasure' | 'rotation') => void = () =>
      undefined,
  ) {}

  status(): LeftoversStatus {
    const found = findLeftovers(this.dataDir);
    return found ? { since: found.since, checkFailed: this.checkFailed } : null;
  }

  /**
   * After the vault opened: if leftovers exist, checks the vault and deletes them when it holds.
   * A failed check keeps them (the owner may need the old vault) and says so on the banner.
   */
  afterUnlock(db: Db): void {
    if (!findLeftovers(this.dataDir)) return;
    if (!restoredVaultChecks(db)) {
      this.checkFailed = true;
      return;
    }
    this.checkFailed = false;
    this.discard('checked');
  }

  /** Always, whatever the check said: an erasure or a rotation must not be undone by them. */
  discard(when: 'checked' | 'erasure' | 'rotation'): void {
    const n = deleteLeftovers(this.dataDir);
    if (n > 0) this.onDeleted(n, when);
  }
}
