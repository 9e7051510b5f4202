import { createDecipheriv } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

const PAGE = 4096;
const RESERVE = 80; // SQLCipher 4: 16-byte IV + 64-byte HMAC at the end of each page

/**
 * Every page of a SQLCipher 4 vault (and its WAL), decrypted with the raw key: what someone who
 * holds the data key can read, free pages and old WAL frames included. Page 1 starts with the
 * 16-byte salt, which is not encrypted.
 */
export function decryptedVault(dbPath: string, key: Buffer): Buffer {
  const out: Buffer[] = [];
  const file = readFileSync(dbPath);
  for (let off = 0; off + PAGE <= file.length; off += PAGE)
    out.push(decryptPage(file.subarray(off, off + PAGE), key, off === 0));
  const wal = `${dbPath}-wal`;
  if (existsSync(wal)) {
    const w = readFileSync(wal);
    for (let off = 32; off + 24 + PAGE <= w.length; off += 24 + PAGE) {
      const pageNo = w.readUInt32BE(off);
      out.push(decryptPage(w.subarray(off + 24, off + 24 + PAGE), key, pageNo === 1));
    }
  }
  return Buffer.concat(out);
}

function decryptPage(page: Buffer, key: Buffer, first: boolean): Buffer {
  const iv = page.subarray(PAGE - RESERVE, PAGE - RESERVE + 16);
  const d = createDecipheriv('aes-256-cbc', key, iv);
  d.setAutoPadding(false);
  return Buffer.concat([d.update(page.subarray(first ? 16 : 0, PAGE - RESERVE)), d.final()]);
}

/** The 3-character runs of a text that a trigram index would hold. */
export function trigrams(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 3 <= text.length; i++) out.push(text.slice(i, i + 3));
  return out;
}
