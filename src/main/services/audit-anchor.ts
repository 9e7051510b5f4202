import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { readJson, writeFileAtomic } from '../vault/atomic-file';
import type { Db } from '../vault/database';
import { verifyAudit } from './audit.service';
import { deleteMeta, getMeta, setMeta } from './settings.service';

/**
 * The audit chain's head (entry count and last hash), kept outside the vault beside the key
 * slots and authenticated with a key derived from the OS-sealed device secret. Someone who holds
 * the data key can rewrite the whole chain inside the vault, but not this file: verify then sees
 * that the chain no longer reaches the anchored head. The vault records the last head it anchored
 * too, so a deleted file reads as 'missing', not as a vault that never had one. The anchor only
 * moves forward over entries it has checked: a chain cut or rewritten while the app was closed
 * is never re-anchored by the timer or the lock. What it does not prove: entries written after
 * the last anchor (it is refreshed on every lock, every verify and on the edge's timer) can
 * still be removed unnoticed, and someone with this OS account's keystore can re-anchor.
 */
const fileSchema = z.object({
  format: z.literal(1),
  count: z.number().int().min(0),
  hash: z.string(),
  mac: z.string(),
});

interface Head {
  count: number;
  hash: string;
}

export type AnchorCheck = 'ok' | 'none' | 'missing' | 'behind' | 'forged';

/** Where the vault records the head it last anchored (count and hash). */
const RECORD = 'audit_anchor';

export class AuditAnchor {
  /** Per open vault, the furthest head this process has checked: each tick checks only what is new. */
  private readonly checked = new WeakMap<Db, Head>();

  constructor(
    private readonly path: string,
    /** The MAC key, or null when the keystore cannot give the device secret now. */
    private readonly key: () => Buffer | null,
  ) {}

  /**
   * Records the chain's current head, if it moved, the key is available and the entries since the
   * last anchor hold; `force` after the device secret was replaced (the old anchor's MAC no longer
   * verifies). A missing or changed file is left for the owner's verify to report.
   */
  update(db: Db, force = false): void {
    // The cheap comparison first: the timer calls this every 15 s, and the key needs the keystore.
    const head = chainHead(db);
    const file = this.read();
    if (!force && file && file.count === head.count && file.hash === head.hash) return;
    const key = this.key();
    if (!key) return;
    const recorded = recordedHead(db);
    let from: Head | null;
    if (force) from = recorded;
    else if (file) {
      if (!macHolds(key, file)) return;
      from = file;
    } else if (existsSync(this.path) || recorded) return;
    else from = null;
    if (!this.reaches(db, from, head) || (recorded && !holdsAt(db, recorded))) return;
    this.write(db, key, head);
  }

  /**
   * The owner's verify found the whole chain sound: anchors its head even when the file was
   * missing (the verify that reported it is itself in the chain), never over a cut chain.
   */
  reanchor(db: Db, check: AnchorCheck): void {
    if (check === 'missing') {
      const key = this.key();
      if (key) this.write(db, key, chainHead(db));
      return;
    }
    if (check === 'ok' || check === 'none') this.update(db);
  }

  /** Whether the chain in the vault still reaches the anchored head. */
  check(db: Db): AnchorCheck {
    const anchor = this.read();
    const recorded = recordedHead(db);
    if (!anchor) {
      if (existsSync(this.path)) return 'forged';
      if (!recorded) return 'none';
      return holdsAt(db, recorded) ? 'missing' : 'behind';
    }
    const key = this.key();
    if (!key) return 'none';
    if (!macHolds(key, anchor)) return 'forged';
    // An older (authentic) anchor copied back over a newer one: the vault remembers the newer.
    if (recorded && !holdsAt(db, recorded)) return 'behind';
    return holdsAt(db, anchor) ? 'ok' : 'behind';
  }

  private write(db: Db, key: Buffer, head: Head): void {
    writeFileAtomic(
      this.path,
      JSON.stringify({ format: 1, ...head, mac: mac(key, head.count, head.hash) }, null, 2),
    );
    setMeta(db, RECORD, JSON.stringify(head));
  }

  /** Whether the chain links soundly from `from` (or its start) to the head. */
  private reaches(db: Db, from: Head | null, head: Head): boolean {
    if (from && !holdsAt(db, from)) return false;
    const seen = this.checked.get(db);
    const start = seen && (!from || seen.count >= from.count) && holdsAt(db, seen) ? seen : from;
    const result = verifyAudit(db, start ?? undefined);
    if (!result.ok) return false;
    this.checked.set(db, head);
    return true;
  }

  private read(): z.infer<typeof fileSchema> | null {
    if (!existsSync(this.path)) return null;
    try {
      return fileSchema.parse(readJson(this.path));
    } catch {
      return null;
    }
  }
}

/** A restored vault's chain anchors anew: the record it carries describes the old anchor file. */
export function forgetAnchorRecord(db: Db): void {
  deleteMeta(db, RECORD);
}

function recordedHead(db: Db): Head | null {
  const raw = getMeta(db, RECORD);
  if (!raw) return null;
  try {
    const h = JSON.parse(raw) as Head;
    return Number.isInteger(h.count) && typeof h.hash === 'string' ? h : { count: Infinity, hash: '' };
  } catch {
    // An unreadable record is not "no anchor": it cannot be reached, so verify says 'behind'.
    return { count: Infinity, hash: '' };
  }
}

/** Whether the entry at the head's count still has the head's hash (count 0: the empty chain). */
function holdsAt(db: Db, h: Head): boolean {
  if (h.count === 0) return true;
  if (!Number.isSafeInteger(h.count)) return false;
  const at = db.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck().get(h.count) as string | undefined;
  return at === h.hash;
}

function macHolds(key: Buffer, anchor: z.infer<typeof fileSchema>): boolean {
  const want = Buffer.from(mac(key, anchor.count, anchor.hash), 'base64');
  const got = Buffer.from(anchor.mac, 'base64');
  return got.length === want.length && timingSafeEqual(got, want);
}

function chainHead(db: Db): Head {
  const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
    { id: number; hash: string } | undefined;
  return { count: last?.id ?? 0, hash: last?.hash ?? '' };
}

function mac(key: Buffer, count: number, hash: string): string {
  return createHmac('sha256', key).update(`brankas-audit-anchor\n${count}\n${hash}`).digest('base64');
}
