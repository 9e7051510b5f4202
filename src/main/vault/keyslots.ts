import { existsSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../shared/language';
import { ROLES } from '../../shared/roles';
import { AppError } from '../lib/app-error';
import { toAppError } from '../lib/os-errors';
import { readJson, writeFileAtomic } from './atomic-file';
import {
  currentFormat,
  KEYSLOT_MIGRATIONS,
  upgradeKeySlotFile,
  type KeySlotMigration,
} from './keyslots-migrations';
import { fingerprintSchema } from './retired-codes';

/**
 * keyslots.json sits unencrypted beside the vault: it must let the lock screen list users and
 * unwrap the DEK, so it holds display names, KDF parameters, salts and wrapped keys, and never
 * customer data. Failed-attempt counters live here because they must survive a restart while the
 * vault is still locked.
 */
const kdfSchema = z.object({
  alg: z.literal('argon2id'),
  memoryKiB: z.number().int().positive(),
  iterations: z.number().int().positive(),
  parallelism: z.number().int().positive(),
});
const wrappedSchema = z.object({ nonce: z.string(), ciphertext: z.string() });

const pinSlotSchema = z.object({
  kind: z.literal('pin'),
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  roleHint: z.enum(ROLES),
  kdf: kdfSchema,
  salt: z.string(),
  /** null once the owner disables the user: the key is gone, not just flagged. */
  wrapped: wrappedSchema.nullable(),
  failedAttempts: z.number().int().min(0),
  lockedUntil: z.number().int().min(0),
  disabled: z.boolean(),
  needsRecovery: z.boolean(),
  /** During a key rotation: the new data key under this slot's same key (see key-rotation.ts). */
  next: wrappedSchema.optional(),
});
const recoverySlotSchema = z.object({
  kind: z.literal('recovery'),
  id: z.string(),
  kdf: kdfSchema,
  salt: z.string(),
  wrapped: wrappedSchema,
  /**
   * The code's fingerprint (retired-codes.ts): a key rotation moves it to the keystore's list of
   * retired codes, which a restore checks. Absent in slots made before fingerprints existed.
   */
  fingerprint: fingerprintSchema.optional(),
});

/** Audit events that happen while the vault is locked (failed PINs, denied calls). */
const pendingEventSchema = z.object({
  at: z.number(),
  actor: z.string().nullable(),
  action: z.string(),
  outcome: z.enum(['ok', 'denied', 'failed']),
  detail: z.record(z.string(), z.unknown()),
  /** Repeats of this kind summed into it (a flood), and when the last one came. */
  count: z.number().int().min(1).optional(),
  lastAt: z.number().optional(),
  /** HMAC-SHA256 with a key derived from the device secret; null when that was unavailable. */
  mac: z.string().nullable().optional(),
});

const fileSchema = z.object({
  format: z.number().int(),
  vaultId: z.string(),
  shopName: z.string(),
  language: z.enum(LANGUAGES),
  /** Parameters calibrated on this machine at setup, reused for every new slot. */
  kdf: kdfSchema,
  slots: z.array(z.discriminatedUnion('kind', [pinSlotSchema, recoverySlotSchema])),
  pending: z.array(pendingEventSchema),
  /** A key rotation between its first and last step: the recovery slot of the new key. */
  rotation: z.object({ startedAt: z.number(), recovery: recoverySlotSchema }).optional(),
});

export type PinSlot = z.infer<typeof pinSlotSchema>;
export type RecoverySlot = z.infer<typeof recoverySlotSchema>;
export type PendingEvent = z.infer<typeof pendingEventSchema>;
export type KeySlotFile = z.infer<typeof fileSchema>;

export class KeySlotStore {
  private cache: KeySlotFile | null = null;

  constructor(
    private readonly path: string,
    /** The format steps to apply when reading (tests pass their own). */
    private readonly migrations: readonly KeySlotMigration[] = KEYSLOT_MIGRATIONS,
  ) {}

  exists(): boolean {
    return existsSync(this.path);
  }

  read(): KeySlotFile {
    if (this.cache) return this.cache;
    let raw: unknown;
    try {
      raw = readJson(this.path);
    } catch (err) {
      // A file this account may not read, or a disk that fails, is not a damaged file.
      throw toAppError(err, 'CORRUPT');
    }
    const { file, upgraded } = upgradeKeySlotFile(raw, this.migrations);
    const parsed = fileSchema.safeParse(file);
    if (!parsed.success || parsed.data.format !== currentFormat(this.migrations))
      throw new AppError('CORRUPT');
    // An upgraded file is written back at once (atomically), so the old format is read only once.
    if (upgraded) writeFileAtomic(this.path, JSON.stringify(parsed.data, null, 2));
    this.cache = parsed.data;
    return parsed.data;
  }

  /** Applies a change and persists it before returning: counters must survive a crash. */
  update(change: (file: KeySlotFile) => void): KeySlotFile {
    const next = structuredClone(this.read());
    change(next);
    writeFileAtomic(this.path, JSON.stringify(next, null, 2));
    this.cache = next;
    return next;
  }

  /** Forgets the cached copy (the file was replaced by a restore). */
  reload(): void {
    this.cache = null;
  }

  create(file: KeySlotFile): void {
    writeFileAtomic(this.path, JSON.stringify(file, null, 2));
    this.cache = file;
  }

  language(): Language {
    return this.exists() ? this.read().language : DEFAULT_LANGUAGE;
  }

  pinSlots(): PinSlot[] {
    return this.read().slots.filter((s): s is PinSlot => s.kind === 'pin');
  }

  pinSlotFor(userId: string): PinSlot | undefined {
    return this.pinSlots().find((s) => s.userId === userId);
  }

  recoverySlot(): RecoverySlot {
    const slot = this.read().slots.find((s): s is RecoverySlot => s.kind === 'recovery');
    if (!slot) throw new AppError('CORRUPT');
    return slot;
  }

  takePending(): PendingEvent[] {
    const events = this.read().pending;
    if (events.length > 0) this.update((f) => void (f.pending = []));
    return events;
  }
}
