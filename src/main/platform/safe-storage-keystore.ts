import { safeStorage } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeDurable } from '../lib/durable-fs';
import type { KeyStore } from '../ports/ports';

/**
 * The device secret sealed by the OS: DPAPI on Windows, Keychain on macOS, libsecret/kwallet on
 * Linux. Where no keystore exists (Linux 'basic_text', or none at all) the secret is only
 * obfuscated or stored as is; we report that honestly instead of pretending.
 */
export class SafeStorageKeyStore implements KeyStore {
  /** `dir`: the keystore's own folder, outside the data folder (paths.ts keystoreDir). */
  constructor(private readonly dir: string) {}

  backend(): string {
    if (!safeStorage.isEncryptionAvailable()) return 'plaintext';
    if (process.platform === 'win32') return 'dpapi';
    if (process.platform === 'darwin') return 'keychain';
    return safeStorage.getSelectedStorageBackend();
  }

  isProtected(): boolean {
    const b = this.backend();
    return b !== 'plaintext' && b !== 'basic_text' && b !== 'unknown';
  }

  seal(secret: Buffer): Buffer {
    if (!safeStorage.isEncryptionAvailable()) return Buffer.from(secret);
    return safeStorage.encryptString(secret.toString('base64'));
  }

  unseal(sealed: Buffer): Buffer {
    if (!safeStorage.isEncryptionAvailable()) return Buffer.from(sealed);
    return Buffer.from(safeStorage.decryptString(sealed), 'base64');
  }

  loadRecord(name: string): Buffer | null {
    const path = join(this.dir, name);
    return existsSync(path) ? readFileSync(path) : null;
  }

  saveRecord(name: string, data: Buffer): void {
    writeDurable(join(this.dir, name), data);
  }
}
