import { z } from 'zod';
import { AppError } from '../lib/app-error';
import type { Clock, KeyStore } from '../ports/ports';
import { getMeta, setMeta } from '../services/settings.service';
import type { Db } from './database';
import { argon2id, unwrapKey } from './kdf';
import type { RecoverySlot } from './keyslots';
import { fingerprintSchema, isRetiredCode } from './retired-codes';

/**
 * The vault's generation: a number that only goes up (key rotation, restore, a new vault), kept
 * twice. Inside the vault (meta) it travels with the file; in the keystore's record, outside the
 * data folder, it stays where it is when old files are copied back. A vault whose number is below
 * the record's is an older copy put back in place of the current one: it is refused at unlock, so
 * that a rotated key or an erased customer cannot come back with it.
 *
 * Crash safety comes from the order of the writes: the vault always gets its new number before
 * the record does, and at unlock a vault ahead of the record raises the record. A crash between
 * the two writes therefore leaves a vault ahead of (never behind) the record: it opens.
 *
 * The same record keeps the fingerprints of retired recovery codes (a restore refuses to make one
 * live again) and when rotations happened (a restore from before them says so).
 */
const RECORD = 'vault-record';
export const GENERATION_KEY = 'vault_generation';
/** Refused attempts kept until the next unlock of the current vault audits them. */
const MAX_REFUSALS = 20;

/**
 * A recovery slot retired before fingerprints existed: only the code it was wrapped with opens
 * it, so trying the typed code against it tells whether that code is retired. (It wraps a data key
 * that no longer encrypts the vault.)
 */
const legacySlotSchema = z.object({
  id: z.string(),
  kdf: z.object({
    alg: z.literal('argon2id'),
    memoryKiB: z.number().int().positive(),
    iterations: z.number().int().positive(),
    parallelism: z.number().int().positive(),
  }),
  salt: z.string(),
  wrapped: z.object({ nonce: z.string(), ciphertext: z.string() }),
});

const recordSchema = z.object({
  format: z.literal(1),
  generation: z.number().int().min(0),
  retired: z.array(fingerprintSchema),
  retiredSlots: z.array(legacySlotSchema),
  rotations: z.array(z.object({ at: z.number(), generation: z.number().int() })),
  refused: z.array(z.object({ at: z.number(), vault: z.number().int(), expected: z.number().int() })),
});
type VaultRecord = z.infer<typeof recordSchema>;

type Loaded = { state: 'none' } | { state: 'unreadable' } | { state: 'ok'; record: VaultRecord };

type AuditFn = (e: {
  actor: string | null;
  action: string;
  outcome: 'ok' | 'denied' | 'failed';
  detail?: Record<string, unknown>;
}) => void;

export function vaultGeneration(db: Db): number {
  const n = Number(getMeta(db, GENERATION_KEY) ?? 0);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

export function stampGeneration(db: Db, generation: number): void {
  setMeta(db, GENERATION_KEY, String(generation));
}

function emptyRecord(generation: number): VaultRecord {
  return { format: 1, generation, retired: [], retiredSlots: [], rotations: [], refused: [] };
}

function retireInto(r: VaultRecord, slot: RecoverySlot): void {
  const fp = slot.fingerprint;
  if (fp && !r.retired.some((x) => x.hash === fp.hash)) r.retired.push(fp);
  if (!fp && !r.retiredSlots.some((s) => s.id === slot.id)) {
    const { id, kdf, salt, wrapped } = slot;
    r.retiredSlots.push({ id, kdf, salt, wrapped });
  }
}

export class VaultGuard {
  constructor(
    private readonly d: {
      keyStore: KeyStore;
      clock: Clock;
      audit: AuditFn;
    },
  ) {}

  private load(): Loaded {
    let raw: Buffer | null;
    try {
      raw = this.d.keyStore.loadRecord(RECORD);
    } catch {
      return { state: 'unreadable' };
    }
    if (!raw) return { state: 'none' };
    try {
      const text = this.d.keyStore.unseal(raw).toString('utf8');
      const parsed = recordSchema.safeParse(JSON.parse(text));
      return parsed.success ? { state: 'ok', record: parsed.data } : { state: 'unreadable' };
    } catch {
      return { state: 'unreadable' };
    }
  }

  private save(record: VaultRecord): void {
    this.d.keyStore.saveRecord(RECORD, this.d.keyStore.seal(Buffer.from(JSON.stringify(record), 'utf8')));
  }

  /** Changes the record; one that cannot be read is started again from `floor` (and said so). */
  private update(floor: number, change: (r: VaultRecord) => void): void {
    const loaded = this.load();
    if (loaded.state === 'unreadable') {
      this.d.audit({
        actor: null,
        action: 'vault.generation',
        outcome: 'failed',
        detail: { reason: 'record_unreadable', replaced: true },
      });
    }
    const record = loaded.state === 'ok' ? loaded.record : emptyRecord(floor);
    change(record);
    this.save(record);
  }

  private recorded(): number {
    const loaded = this.load();
    return loaded.state === 'ok' ? loaded.record.generation : 0;
  }

  /** The number the next state of the vault takes (rotation, restore, a new vault). */
  next(db: Db | null): number {
    return Math.max(this.recorded(), db ? vaultGeneration(db) : 0) + 1;
  }

  /**
   * At unlock, right after the vault opened: refuses a vault older than the record (the caller
   * closes it), and raises the record to a newer one. Earlier refusals are audited into the
   * current vault here, the first time it opens after them.
   */
  admit(db: Db): void {
    const vault = vaultGeneration(db);
    const loaded = this.load();
    if (loaded.state === 'none') {
      // First start with generations (or a new keystore): the vault's number is the start. A
      // numbered vault without a record is said in the log: the record may have been removed.
      this.save(emptyRecord(vault));
      if (vault > 0)
        this.d.audit({
          actor: null,
          action: 'vault.generation',
          outcome: 'failed',
          detail: { reason: 'record_missing', vault },
        });
      return;
    }
    if (loaded.state === 'unreadable') {
      // Not refused: a damaged or foreign record must not lock the owner out. Said in the audit
      // log at every unlock until a rotation or restore writes a new record.
      this.d.audit({
        actor: null,
        action: 'vault.generation',
        outcome: 'failed',
        detail: { reason: 'record_unreadable', vault },
      });
      return;
    }
    const record = loaded.record;
    if (vault < record.generation) {
      record.refused = [
        ...record.refused,
        { at: this.d.clock.now(), vault, expected: record.generation },
      ].slice(-MAX_REFUSALS);
      this.save(record);
      throw new AppError('CORRUPT', { reason: 'vault_rolled_back' });
    }
    const refused = record.refused;
    if (vault === record.generation && refused.length === 0) return;
    record.generation = vault;
    record.refused = [];
    this.save(record);
    for (const r of refused) {
      this.d.audit({ actor: null, action: 'vault.rollback', outcome: 'denied', detail: r });
    }
  }

  /**
   * A key rotation reached the new key (the vault is re-keyed; its slots may not be finished):
   * the old recovery code is retired, and the record takes the vault's new number. Run before
   * the slots drop the old recovery slot, and again if a crash interrupted it (it is idempotent).
   */
  rotated(db: Db, oldRecovery: RecoverySlot): void {
    const generation = vaultGeneration(db);
    this.update(generation, (r) => {
      retireInto(r, oldRecovery);
      if (!r.rotations.some((x) => x.generation === generation))
        r.rotations.push({ at: this.d.clock.now(), generation });
      r.generation = Math.max(r.generation, generation);
    });
  }

  /** A recovery code replaced by another (a code never confirmed): it opens nothing new either. */
  retire(oldRecovery: RecoverySlot): void {
    this.update(0, (r) => retireInto(r, oldRecovery));
  }

  /** Whether a key rotation (or a replacement) retired this (normalized) recovery code. */
  async isRetired(normalized: string): Promise<boolean> {
    const loaded = this.load();
    if (loaded.state !== 'ok') return false;
    if (isRetiredCode(normalized, loaded.record.retired)) return true;
    for (const slot of loaded.record.retiredSlots) {
      const kek = await argon2id(normalized, Buffer.from(slot.salt, 'base64'), slot.kdf);
      // The recovery slot's associated data, as services/auth/slot-crypto.ts wraps it.
      const dek = unwrapKey(kek, slot.wrapped, `brankas/recovery/${slot.id}/`);
      kek.fill(0);
      if (dek) {
        dek.fill(0);
        return true;
      }
    }
    return false;
  }

  /**
   * A restore was committed and its vault (stamped with `next()` before the commit) is open: the
   * record takes its number. Returns the key rotations the backup predates (its generation was
   * below theirs), which the restored vault knows nothing of; each is audited into it, so its log
   * says that the data key and the recovery code were replaced since.
   */
  restored(db: Db, backupGeneration: number): { at: number }[] {
    const generation = vaultGeneration(db);
    let since: { at: number }[] = [];
    this.update(generation, (r) => {
      r.generation = Math.max(r.generation, generation);
      since = r.rotations.filter((x) => x.generation > backupGeneration).map((x) => ({ at: x.at }));
    });
    for (const rotation of since) {
      this.d.audit({
        actor: null,
        action: 'key.rotateCarried',
        outcome: 'ok',
        detail: { rotatedAt: rotation.at, backupGeneration },
      });
    }
    return since;
  }

  /** A new vault (setup): the record follows the number `next()` gave it. */
  created(db: Db): void {
    const generation = vaultGeneration(db);
    this.update(generation, (r) => void (r.generation = Math.max(r.generation, generation)));
  }
}
