import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../lib/app-error';
import { osProblem } from '../lib/os-errors';
import type { KeyStore } from '../ports/ports';
import { readJson, writeFileAtomic } from './atomic-file';

/**
 * The device secret binds PIN slots to this OS account: it is sealed by the OS keystore, so a
 * copied data folder alone cannot be brute-forced by PIN. We record which backend sealed it: if
 * the backend changes (Signal Desktop locked users out that way), we say so and route the owner to
 * the recovery code instead of failing silently. A keystore that protected the secret and now
 * reports no protection is usually locked or not started yet (a Linux keyring): that is told
 * apart, so the owner unlocks it and retries instead of re-sealing the secret unprotected.
 */
const fileSchema = z.object({
  format: z.literal(1),
  backend: z.string(),
  protected: z.boolean(),
  sealed: z.string(),
});

/** The secret is there but could not be read (rights, disk): not a reason to replace it. */
export function secretUnreadable(err: unknown): boolean {
  return err instanceof AppError && err.details?.reason === 'device_secret';
}

export class DeviceSecret {
  constructor(
    private readonly path: string,
    private readonly keyStore: KeyStore,
  ) {}

  exists(): boolean {
    return existsSync(this.path);
  }

  create(): Buffer {
    const secret = randomBytes(32);
    this.write(secret);
    return secret;
  }

  /** Seals and writes a secret made beforehand (a restore writes it at its commit point). */
  store(secret: Buffer): void {
    this.write(secret);
  }

  /** Replaces the secret (after recovery on a changed keystore). */
  replace(): Buffer {
    return this.create();
  }

  /**
   * Whether replacing the secret now would store it with less protection than it had: the
   * keystore offers none, and the file on disk was (or may have been) sealed by a real one.
   */
  replacingLowersProtection(): boolean {
    if (this.keyStore.isProtected()) return false;
    return this.readFile()?.protected !== false;
  }

  /**
   * Throws KEYSTORE_UNAVAILABLE when the keystore that sealed the secret offers no protection right
   * now, DEVICE_CHANGED when this keystore cannot unseal what is on disk (or it is gone), and
   * NO_ACCESS or IO_ERROR when the file is there but cannot be read.
   */
  load(): Buffer {
    const file = this.readFile();
    if (!file) throw new AppError('DEVICE_CHANGED', { reason: 'unreadable' });
    if (file.protected && !this.keyStore.isProtected()) {
      throw new AppError('KEYSTORE_UNAVAILABLE', { reason: 'keystore_unavailable' });
    }
    if (file.backend !== this.keyStore.backend()) {
      throw new AppError('DEVICE_CHANGED', { reason: 'backend_changed' });
    }
    try {
      const secret = this.keyStore.unseal(Buffer.from(file.sealed, 'base64'));
      if (secret.length !== 32) throw new Error('length');
      return secret;
    } catch (err) {
      throw new AppError('DEVICE_CHANGED', { reason: 'unseal_failed' }, { cause: err });
    }
  }

  /**
   * The file, or null when it is gone or not a device-secret file. A file this account may not read
   * (its rights changed) or the disk fails to read is not a changed device: the secret is still
   * there, and the recovery code (which would replace it) is not the answer.
   */
  private readFile(): z.infer<typeof fileSchema> | null {
    let raw: unknown;
    try {
      raw = readJson(this.path);
    } catch (err) {
      const problem = osProblem(err);
      if (problem === 'no_permission' || problem === 'read_only')
        throw new AppError('NO_ACCESS', { reason: 'device_secret' }, { cause: err });
      if (problem === 'io') throw new AppError('IO_ERROR', { reason: 'device_secret' }, { cause: err });
      return null;
    }
    const parsed = fileSchema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  }

  info(): { backend: string; protected: boolean } {
    return { backend: this.keyStore.backend(), protected: this.keyStore.isProtected() };
  }

  private write(secret: Buffer): void {
    const file = {
      format: 1 as const,
      backend: this.keyStore.backend(),
      protected: this.keyStore.isProtected(),
      sealed: this.keyStore.seal(secret).toString('base64'),
    };
    writeFileAtomic(this.path, JSON.stringify(file, null, 2));
  }
}
