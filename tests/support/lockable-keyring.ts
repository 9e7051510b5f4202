import { MemoryKeyStore } from '../../src/main/ports/memory-ports';
import type { KeyStore } from '../../src/main/ports/ports';

/**
 * A Linux keyring (libsecret) that can be locked, behaving as SafeStorageKeyStore does then:
 * safeStorage reports no encryption, so the backend reads 'plaintext' and nothing is sealed.
 */
export class LockableKeyring implements KeyStore {
  locked = false;
  private readonly inner = new MemoryKeyStore('gnome_libsecret', true);
  backend(): string {
    return this.locked ? 'plaintext' : this.inner.backend();
  }
  isProtected(): boolean {
    return !this.locked;
  }
  seal(secret: Buffer): Buffer {
    return this.locked ? Buffer.from(secret) : this.inner.seal(secret);
  }
  unseal(sealed: Buffer): Buffer {
    return this.locked ? Buffer.from(sealed) : this.inner.unseal(sealed);
  }
  loadRecord(name: string): Buffer | null {
    return this.inner.loadRecord(name);
  }
  saveRecord(name: string, data: Buffer): void {
    this.inner.saveRecord(name, data);
  }
}
