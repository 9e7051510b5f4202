import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../lib/app-error';
import { renameDurable, unlinkDurable, unlinkOnly } from '../lib/durable-fs';
import { openVault, writeRekeyedCopy, type Db, type OpenOptions } from './database';

/**
 * The open vault and its data key. The DEK exists only here, only while unlocked, and is zeroed
 * on close. (The hex string handed to SQLite is an immutable JS string we cannot wipe; it is
 * short-lived garbage, and SQLite keeps its own derived key until close.)
 */
export class VaultState {
  private db: Db | null = null;
  private dek: Buffer | null = null;

  constructor(
    readonly path: string,
    private readonly options: OpenOptions = {},
  ) {}

  isOpen(): boolean {
    return this.db !== null;
  }

  /** Takes ownership of `dek`; if already open with the same key, the copy is wiped. */
  open(dek: Buffer): Db {
    if (this.db && this.dek) {
      const same = timingSafeEqual(this.dek, dek);
      dek.fill(0);
      if (!same) throw new AppError('CORRUPT');
      return this.db;
    }
    this.db = openVault(this.path, dek, this.options);
    this.dek = dek;
    return this.db;
  }

  /** Never throws: locking must always succeed, even mid-import (the open transaction rolls back). */
  close(): void {
    const db = this.db;
    this.db = null;
    this.dek?.fill(0);
    this.dek = null;
    if (!db) return;
    try {
      if (db.inTransaction) db.exec('ROLLBACK');
      db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A failed checkpoint leaves encrypted pages in the WAL; the next open replays them.
    } finally {
      db.close();
    }
  }

  requireDb(): Db {
    if (!this.db) throw new AppError('LOCKED');
    return this.db;
  }

  /**
   * Re-encrypts the vault under `dek` (key rotation) and reopens it: a re-encrypted copy is
   * written beside it, the vault is closed, its emptied WAL removed, and the copy renamed over it
   * (the atomic step), then opened under the new key. `between` runs just before the rename
   * (crash tests).
   */
  rekey(dek: Buffer, between?: () => void): Db {
    if (!this.db || !this.dek) throw new AppError('LOCKED');
    const tmp = `${this.path}.rekey`;
    writeRekeyedCopy(this.db, this.dek, dek, tmp, this.options);
    between?.();
    this.close();
    // The old file's WAL was checkpointed at close; left over, it would be replayed onto the copy.
    // Gone for good before the swap: an old WAL beside the new file would be replayed onto it.
    unlinkDurable(`${this.path}-wal`);
    unlinkOnly(`${this.path}-shm`);
    renameDurable(tmp, this.path);
    return this.open(dek);
  }

  /**
   * Opens another vault file (a restore's staged copy) with `dek` for one change, then closes it
   * with its WAL checkpointed into the file: the file alone is what later steps fsync and rename.
   */
  withFile(path: string, dek: Buffer, change: (db: Db) => void): void {
    const db = openVault(path, Buffer.from(dek), this.options);
    try {
      change(db);
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
  }

  /** The live key, for wrapping new slots; callers must not keep it. */
  requireDek(): Buffer {
    if (!this.dek) throw new AppError('LOCKED');
    return this.dek;
  }
}
