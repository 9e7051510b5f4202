import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LANGUAGE } from '../../src/shared/language';
import { KeySlotStore, type KeySlotFile } from '../../src/main/vault/keyslots';
import { KEYSLOT_FORMAT } from '../../src/main/vault/keyslots-migrations';
import { tempDir } from '../support/fixtures';

const KDF = { alg: 'argon2id', memoryKiB: 8192, iterations: 1, parallelism: 1 } as const;
const WRAPPED = { nonce: 'bm9uY2U=', ciphertext: 'Y2lwaGVy' };

/** A complete, valid keyslots.json: an owner, a cashier, the recovery slot, one queued event. */
function validFile(): KeySlotFile {
  return {
    format: KEYSLOT_FORMAT,
    vaultId: 'vault-1',
    shopName: 'Toko Maju',
    language: 'en',
    kdf: { ...KDF },
    slots: [
      {
        kind: 'pin',
        id: 'slot-owner',
        userId: 'owner-1',
        name: 'Bu Sari',
        roleHint: 'owner',
        kdf: { ...KDF },
        salt: 'c2FsdA==',
        wrapped: { ...WRAPPED },
        failedAttempts: 0,
        lockedUntil: 0,
        disabled: false,
        needsRecovery: false,
      },
      {
        kind: 'pin',
        id: 'slot-cashier',
        userId: 'cashier-1',
        name: 'Andi',
        roleHint: 'cashier',
        kdf: { ...KDF },
        salt: 'c2FsdA==',
        wrapped: null,
        failedAttempts: 3,
        lockedUntil: 5,
        disabled: true,
        needsRecovery: false,
      },
      { kind: 'recovery', id: 'slot-recovery', kdf: { ...KDF }, salt: 'c2FsdA==', wrapped: { ...WRAPPED } },
    ],
    pending: [
      { at: 1, actor: null, action: 'auth.unlock', outcome: 'failed', detail: { reason: 'wrong_pin' } },
      {
        at: 2,
        actor: 'owner-1',
        action: 'auth.unlock',
        outcome: 'ok',
        detail: {},
        count: 2,
        lastAt: 3,
        mac: null,
      },
      {
        at: 4,
        actor: null,
        action: 'ipc.denied',
        outcome: 'denied',
        detail: { code: 'LOCKED' },
        mac: 'bWFj',
      },
    ],
  };
}

const temps: { cleanup: () => void }[] = [];
afterEach(() => {
  while (temps.length) temps.pop()!.cleanup();
});

function store(file: unknown = validFile()): { s: KeySlotStore; path: string } {
  const t = tempDir('brankas-keyslots-');
  temps.push(t);
  const path = join(t.dir, 'keyslots.json');
  if (file !== null) writeFileSync(path, typeof file === 'string' ? file : JSON.stringify(file));
  return { s: new KeySlotStore(path), path };
}

const onDisk = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as KeySlotFile;

describe('keyslots.json: what the lock screen reads before the vault is open', () => {
  it('a valid file reads back whole', () => {
    const { s } = store();
    expect(s.read()).toEqual(validFile());
    expect(s.language()).toBe('en');
    expect(s.pinSlots().map((p) => p.userId)).toEqual(['owner-1', 'cashier-1']);
    expect(s.pinSlotFor('cashier-1')).toMatchObject({ id: 'slot-cashier', disabled: true, wrapped: null });
    expect(s.pinSlotFor('nobody')).toBeUndefined();
    expect(s.recoverySlot().id).toBe('slot-recovery');
  });

  it('a key rotation in progress (its new recovery slot) reads back whole', () => {
    const rotation = {
      startedAt: 5,
      recovery: {
        kind: 'recovery' as const,
        id: 'slot-next',
        kdf: { ...KDF },
        salt: 'c2FsdA==',
        wrapped: { ...WRAPPED },
      },
    };
    const { s } = store({ ...validFile(), rotation });
    expect(s.read().rotation).toEqual(rotation);
  });

  it('no file yet: the app speaks the default language and says no file exists', () => {
    const t = tempDir('brankas-keyslots-');
    temps.push(t);
    const s = new KeySlotStore(join(t.dir, 'keyslots.json'));
    expect(s.exists()).toBe(false);
    expect(s.language()).toBe(DEFAULT_LANGUAGE);
  });

  const edits: [string, (f: Record<string, unknown>) => unknown][] = [
    ['not JSON', () => '{ nope'],
    ['no vault id', (f) => ({ ...f, vaultId: undefined })],
    ['an unknown language', (f) => ({ ...f, language: 'fr' })],
    ['a KDF other than Argon2id', (f) => ({ ...f, kdf: { ...KDF, alg: 'pbkdf2' } })],
    ['a zero memory cost', (f) => ({ ...f, kdf: { ...KDF, memoryKiB: 0 } })],
    ['a fractional iteration count', (f) => ({ ...f, kdf: { ...KDF, iterations: 1.5 } })],
    ['no parallelism', (f) => ({ ...f, kdf: { ...KDF, parallelism: undefined } })],
    ['a negative failure counter', (f) => withSlot(f, { failedAttempts: -1 })],
    ['a fractional failure counter', (f) => withSlot(f, { failedAttempts: 0.5 })],
    ['a negative lock time', (f) => withSlot(f, { lockedUntil: -1 })],
    ['an unknown role', (f) => withSlot(f, { roleHint: 'admin' })],
    ['a slot without its wrapped key field', (f) => withSlot(f, { wrapped: undefined })],
    ['a wrapped key without a nonce', (f) => withSlot(f, { wrapped: { ciphertext: 'x' } })],
    ['a disabled flag that is not a boolean', (f) => withSlot(f, { disabled: 'no' })],
    ['an unknown slot kind', (f) => withSlot(f, { kind: 'fingerprint' })],
    [
      'a queued event with an unknown outcome',
      (f) => ({ ...f, pending: [{ ...pending(f), outcome: 'maybe' }] }),
    ],
    ['a queued event counted zero times', (f) => ({ ...f, pending: [{ ...pending(f), count: 0 }] })],
    ['no pending list', (f) => ({ ...f, pending: undefined })],
  ];

  it.each(edits)('%s: CORRUPT, and the file is left as it was', (_, edit) => {
    const edited = edit(validFile() as unknown as Record<string, unknown>);
    const { s, path } = store(edited);
    const before = readFileSync(path, 'utf8');
    expect(() => s.read()).toThrow(expect.objectContaining({ code: 'CORRUPT' }));
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('a file without the recovery slot cannot give recovery: CORRUPT', () => {
    const f = validFile();
    f.slots = f.slots.filter((x) => x.kind === 'pin');
    const { s } = store(f);
    expect(() => s.recoverySlot()).toThrow(expect.objectContaining({ code: 'CORRUPT' }));
  });

  it('a missing file read is CORRUPT, not a crash', () => {
    const { s } = store(null);
    expect(() => s.read()).toThrow(expect.objectContaining({ code: 'CORRUPT' }));
  });

  it('a change is on disk when update returns (a failed-PIN counter survives a crash)', () => {
    const { s, path } = store();
    const returned = s.update((f) => {
      const slot = f.slots[0];
      if (slot?.kind === 'pin') slot.failedAttempts = 4;
    });
    expect(returned.slots[0]).toMatchObject({ failedAttempts: 4 });
    expect(onDisk(path).slots[0]).toMatchObject({ failedAttempts: 4 });
    expect(new KeySlotStore(path).pinSlotFor('owner-1')?.failedAttempts).toBe(4);
    expect(s.pinSlotFor('owner-1')?.failedAttempts).toBe(4);
  });

  it('a change that throws half-way leaves neither the file nor what the store answers changed', () => {
    const { s, path } = store();
    s.read();
    expect(() =>
      s.update((f) => {
        f.shopName = 'Half';
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(s.read().shopName).toBe('Toko Maju');
    expect(onDisk(path).shopName).toBe('Toko Maju');
  });

  it('after a restore replaced the file, reload reads the new one', () => {
    const { s, path } = store();
    s.read();
    writeFileSync(path, JSON.stringify({ ...validFile(), shopName: 'Restored' }));
    expect(s.read().shopName).toBe('Toko Maju');
    s.reload();
    expect(s.read().shopName).toBe('Restored');
  });

  it('create writes a new file and answers from it', () => {
    const { s, path } = store(null);
    s.create({ ...validFile(), shopName: 'Baru' });
    expect(existsSync(path)).toBe(true);
    expect(onDisk(path).shopName).toBe('Baru');
    expect(s.read().shopName).toBe('Baru');
  });

  it('reading a file of the current format does not write it again', () => {
    const { s, path } = store();
    const before = readFileSync(path, 'utf8');
    s.read();
    s.pinSlots();
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('with no queued events, handing them over writes nothing', () => {
    const { s, path } = store({ ...validFile(), pending: [] });
    const before = readFileSync(path, 'utf8');
    expect(s.takePending()).toEqual([]);
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('queued events are handed over once and the file keeps none', () => {
    const { s, path } = store();
    expect(s.takePending()).toEqual(validFile().pending);
    expect(onDisk(path).pending).toEqual([]);
    expect(s.takePending()).toEqual([]);
  });
});

function withSlot(f: Record<string, unknown>, change: Record<string, unknown>): unknown {
  const slots = f.slots as Record<string, unknown>[];
  return { ...f, slots: [{ ...slots[0], ...change }, ...slots.slice(1)] };
}

function pending(f: Record<string, unknown>): Record<string, unknown> {
  return (f.pending as Record<string, unknown>[])[0]!;
}
