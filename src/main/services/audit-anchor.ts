import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { readJson, writeFileAtomic } from '../vault/atomic-file';
import type { Db } from '../vault/database';

/**
 * The audit chain's head (entry count and last hash), kept outside the vault beside the key
 * slots and authenticated with a key derived from the OS-sealed device secret. Someone who holds
 * the data key can rewrite the whole chain inside the vault, but not this file: verify then sees
 * that the chain no longer reaches the anchored head. What it does not prove: entries written
 * after the last anchor (it is refreshed on every lock, every verify and on the edge's timer)
 * can still be removed unnoticed, and someone with this OS account's keystore can re-anchor.
 */
const fileSchema = z.object({
  format: z.literal(1),
  count: z.number().int().min(0),
  hash: z.string(),
  mac: z.string(),
});

export type AnchorCheck = 'ok' | 'none' | 'behind' | 'forged';

export class AuditAnchor {
  constructor(
    private readonly path: string,
    /** The MAC key, or null when the keystore cannot give the device secret now. */
    private readonly key: () => Buffer | null,
  ) {}

  /**
   * Records the chain's current head, if it moved and the key is available; `force` after the
   * device secret was replaced (the old anchor's MAC no longer verifies).
   */
  update(db: Db, force = false): void {
    // The cheap comparison first: the timer calls this every 15 s, and the key needs the keystore.
    const head = chainHead(db);
    const current = this.read();
    if (!force && current && current.count === head.count && current.hash === head.hash) return;
    const key = this.key();
    if (!key) return;
    writeFileAtomic(
      this.path,
      JSON.stringify({ format: 1, ...head, mac: mac(key, head.count, head.hash) }, null, 2),
    );
  }

  /** Whether the chain in the vault still reaches the anchored head. */
  check(db: Db): AnchorCheck {
    const anchor = this.read();
    if (!anchor) return existsSync(this.path) ? 'forged' : 'none';
    const key = this.key();
    if (!key) return 'none';
    const want = Buffer.from(mac(key, anchor.count, anchor.hash), 'base64');
    const got = Buffer.from(anchor.mac, 'base64');
    if (got.length !== want.length || !timingSafeEqual(got, want)) return 'forged';
    if (anchor.count === 0) return 'ok';
    const at = db.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck().get(anchor.count) as
      string | undefined;
    return at === anchor.hash ? 'ok' : 'behind';
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

function chainHead(db: Db): { count: number; hash: string } {
  const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
    { id: number; hash: string } | undefined;
  return { count: last?.id ?? 0, hash: last?.hash ?? '' };
}

function mac(key: Buffer, count: number, hash: string): string {
  return createHmac('sha256', key).update(`brankas-audit-anchor\n${count}\n${hash}`).digest('base64');
}
