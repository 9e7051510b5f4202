import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LANGUAGES } from '../../shared/language';
import type { LanClientProblem } from '../../shared/domain';
import { removeStaleDurableTemps, unlinkDurable, writeDurable } from '../lib/durable-fs';
import type { KeyStore } from '../ports/ports';
import { fingerprintOfPem } from './identity';

/**
 * The one file a paired laptop keeps: its identity (key and certificate), where the primary is
 * and its pinned fingerprint, the device id the primary gave it, and the UI language. Nothing of a
 * customer, ever. The whole content is sealed by the OS keystore (as the vault's device secret
 * is), so neither the key nor the fingerprint is on disk in clear; written atomically.
 */
export const PAIRING_FILE = 'lan-pairing.json';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

const sealedSchema = z
  .object({
    identity: z.object({ key: z.string().min(1), cert: z.string().min(1), fingerprint: hex64 }).strict(),
    primary: z
      .object({ host: z.string().min(1), port: z.number().int().min(1).max(65_535), fingerprint: hex64 })
      .strict(),
    deviceId: z.string().min(1).max(200),
    name: z.string().min(1).max(120),
    language: z.enum(LANGUAGES),
  })
  .strict();

export type Pairing = z.infer<typeof sealedSchema>;

const fileSchema = z
  .object({ format: z.literal(1), backend: z.string(), protected: z.boolean(), sealed: z.string() })
  .strict();

export type PairingLoad = { state: 'paired'; pairing: Pairing } | { state: LanClientProblem };

export class PairingStore {
  private readonly path: string;

  constructor(
    private readonly dataDir: string,
    private readonly keyStore: KeyStore,
  ) {
    this.path = join(dataDir, PAIRING_FILE);
  }

  /** Whether the data folder holds a pairing at all (the edge then starts a paired laptop's Core). */
  static present(dataDir: string): boolean {
    return existsSync(join(dataDir, PAIRING_FILE));
  }

  /**
   * The pairing, or why there is none usable. Never throws: a damaged, edited or foreign file is
   * "not paired" with its reason (the laptop pairs again; nothing personal was in it).
   */
  load(): PairingLoad {
    // An atomic write cut short leaves only a sibling the next write replaces: removed here.
    let raw: unknown;
    try {
      removeStaleDurableTemps(this.dataDir, [PAIRING_FILE]);
      if (!existsSync(this.path)) return { state: 'not_paired' };
      raw = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch {
      return { state: 'pairing_unreadable' };
    }
    const file = fileSchema.safeParse(raw);
    if (!file.success) return { state: 'pairing_unreadable' };
    // Sealed by a keystore that is locked right now (a Linux keyring not unlocked yet): not damage.
    if (file.data.protected && !this.keyStore.isProtected()) return { state: 'keystore_unavailable' };
    if (file.data.backend !== this.keyStore.backend()) return { state: 'pairing_unreadable' };
    try {
      const clear = this.keyStore.unseal(Buffer.from(file.data.sealed, 'base64'));
      const pairing = sealedSchema.safeParse(JSON.parse(clear.toString('utf8')));
      clear.fill(0);
      if (!pairing.success) return { state: 'pairing_unreadable' };
      // The key and certificate belong together: a pairing put together from two is not this laptop's.
      if (fingerprintOfPem(pairing.data.identity.cert) !== pairing.data.identity.fingerprint)
        return { state: 'pairing_unreadable' };
      return { state: 'paired', pairing: pairing.data };
    } catch {
      return { state: 'pairing_unreadable' };
    }
  }

  save(pairing: Pairing): void {
    const clear = Buffer.from(JSON.stringify(sealedSchema.parse(pairing)), 'utf8');
    try {
      const file = {
        format: 1 as const,
        backend: this.keyStore.backend(),
        protected: this.keyStore.isProtected(),
        sealed: this.keyStore.seal(clear).toString('base64'),
      };
      writeDurable(this.path, JSON.stringify(file));
    } finally {
      clear.fill(0);
    }
  }

  /** Unpairs this laptop: the file goes (the owner revokes the device on the primary). */
  forget(): void {
    unlinkDurable(this.path);
  }
}
