import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditAnchor } from '../../src/main/services/audit-anchor';
import { appendAudit, verifyAudit } from '../../src/main/services/audit.service';
import type { Db } from '../../src/main/vault/database';
import { makeCore, setupShop, type TestCore } from '../support/fixtures';

const cores: TestCore[] = [];
afterEach(() => {
  while (cores.length) cores.pop()!.cleanup();
});

/** A real vault with a few entries in its chain; the tests then play the attacker with raw SQL. */
async function vaultWithChain(): Promise<{ t: TestCore; db: Db; count: () => number }> {
  const t = makeCore();
  cores.push(t);
  await setupShop(t);
  for (let i = 0; i < 3; i++) await t.ok('customers:create', { name: `Pelanggan ${i}` });
  const db = t.core.vault.requireDb();
  return { t, db, count: () => db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number };
}

describe('the audit hash chain (DESIGN: every entry is bound to the one before it)', () => {
  it('an intact chain verifies, every entry checked', async () => {
    const { db, count } = await vaultWithChain();
    expect(count()).toBeGreaterThan(5);
    expect(verifyAudit(db)).toEqual({ ok: true, checked: count(), firstBrokenId: null, anchor: 'none' });
  });

  it.each([
    ['at', 'at = at + 1'],
    ['actor', "actor = 'someone-else'"],
    ['action', "action = 'customer.view'"],
    ['target', "target = '999'"],
    ['outcome', "outcome = 'denied'"],
    ['detail', `detail = '{"x":1}'`],
    ['hash', "hash = CASE WHEN substr(hash, 1, 1) = '0' THEN '1' ELSE '0' END || substr(hash, 2)"],
    [
      'link',
      "prev_hash = CASE WHEN substr(prev_hash, 1, 1) = '0' THEN '1' ELSE '0' END || substr(prev_hash, 2)",
    ],
  ])('an edited %s in entry 4 is named, and only the entries before it count as checked', async (_, set) => {
    const { db } = await vaultWithChain();
    db.exec(`UPDATE audit_log SET ${set} WHERE id = 4`);
    expect(verifyAudit(db)).toEqual({ ok: false, checked: 3, firstBrokenId: 4, anchor: 'none' });
  });

  it('an edited first entry is named: the chain starts from a fixed origin', async () => {
    const { db } = await vaultWithChain();
    db.exec("UPDATE audit_log SET action = 'x' WHERE id = 1");
    expect(verifyAudit(db)).toMatchObject({ ok: false, checked: 0, firstBrokenId: 1 });
  });

  it('a deleted entry in the middle names the missing id; the first entry deleted names id 1', async () => {
    const { db } = await vaultWithChain();
    db.exec('DELETE FROM audit_log WHERE id = 3');
    expect(verifyAudit(db)).toMatchObject({ ok: false, checked: 2, firstBrokenId: 3 });
    db.exec('DELETE FROM audit_log WHERE id = 1');
    expect(verifyAudit(db)).toMatchObject({ ok: false, checked: 0, firstBrokenId: 1 });
  });

  it('entries appended after a check extend the chain and still verify, with null and given targets', async () => {
    const { db, count } = await vaultWithChain();
    const before = count();
    appendAudit(db, { at: 5, actor: null, action: 'test.a', outcome: 'ok' });
    appendAudit(db, {
      at: 6,
      actor: 'u',
      action: 'test.b',
      target: '7',
      outcome: 'failed',
      detail: { n: 1 },
    });
    const rows = db
      .prepare('SELECT id, target, detail FROM audit_log WHERE id > ? ORDER BY id')
      .all(before) as { id: number; target: string | null; detail: string }[];
    expect(rows).toEqual([
      { id: before + 1, target: null, detail: '{}' },
      { id: before + 2, target: '7', detail: '{"n":1}' },
    ]);
    expect(verifyAudit(db)).toMatchObject({ ok: true, checked: before + 2 });
  });
});

describe('the audit anchor (README: a chain cut short or recomputed no longer reaches the anchored head)', () => {
  const KEY = Buffer.alloc(32, 7);

  async function anchored(key: () => Buffer | null = () => KEY) {
    const v = await vaultWithChain();
    const path = join(v.t.dir, 'test-anchor.json');
    return { ...v, path, anchor: new AuditAnchor(path, key) };
  }

  it('no anchor yet: none; after an update: ok; the file names the head', async () => {
    const { db, path, anchor, count } = await anchored();
    expect(anchor.check(db)).toBe('none');
    anchor.update(db);
    expect(anchor.check(db)).toBe('ok');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ format: 1, count: count() });
  });

  it('the tail cut off after the anchor: behind', async () => {
    const { db, anchor, count } = await anchored();
    anchor.update(db);
    db.exec(`DELETE FROM audit_log WHERE id = ${count()}`);
    expect(anchor.check(db)).toBe('behind');
  });

  it('the anchored entry rewritten (a recomputed chain): behind', async () => {
    const { db, anchor, count } = await anchored();
    anchor.update(db);
    db.exec(`UPDATE audit_log SET hash = 'recomputed' WHERE id = ${count()}`);
    expect(anchor.check(db)).toBe('behind');
  });

  it('new entries after the anchor are fine, and the next update moves the anchor to them', async () => {
    const { db, anchor, path, count } = await anchored();
    anchor.update(db);
    appendAudit(db, { at: 1, actor: null, action: 'test.later', outcome: 'ok' });
    expect(anchor.check(db)).toBe('ok');
    anchor.update(db);
    expect(JSON.parse(readFileSync(path, 'utf8')).count).toBe(count());
    // Cutting that newest entry now shows.
    db.exec(`DELETE FROM audit_log WHERE id = ${count()}`);
    expect(anchor.check(db)).toBe('behind');
  });

  it.each([
    ['count', (a: Record<string, unknown>) => ({ ...a, count: 1 })],
    ['hash', (a: Record<string, unknown>) => ({ ...a, hash: 'f'.repeat(64) })],
    ['mac', (a: Record<string, unknown>) => ({ ...a, mac: Buffer.alloc(32, 1).toString('base64') })],
    ['short mac', (a: Record<string, unknown>) => ({ ...a, mac: 'AAAA' })],
    ['format', (a: Record<string, unknown>) => ({ ...a, format: 2 })],
  ])('an anchor file with an edited %s: forged', async (_, edit) => {
    const { db, anchor, path } = await anchored();
    anchor.update(db);
    writeFileSync(
      path,
      JSON.stringify(edit(JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>)),
    );
    expect(anchor.check(db)).toBe('forged');
  });

  it('an anchor file that is not JSON: forged', async () => {
    const { db, anchor, path } = await anchored();
    writeFileSync(path, 'not json');
    expect(anchor.check(db)).toBe('forged');
  });

  it('an anchor written under another device key: forged', async () => {
    const { db, anchor, path } = await anchored();
    anchor.update(db);
    expect(new AuditAnchor(path, () => Buffer.alloc(32, 8)).check(db)).toBe('forged');
  });

  it('without the key (keystore unavailable): nothing is written, and a check cannot say more than none', async () => {
    const { db, path } = await anchored();
    const keyless = new AuditAnchor(path, () => null);
    keyless.update(db);
    expect(existsSync(path)).toBe(false);
    new AuditAnchor(path, () => KEY).update(db);
    expect(keyless.check(db)).toBe('none');
  });

  it('an unchanged head is not rewritten; force rewrites it (a new device key)', async () => {
    const { db, path } = await anchored();
    new AuditAnchor(path, () => KEY).update(db);
    const other = new AuditAnchor(path, () => Buffer.alloc(32, 9));
    other.update(db);
    expect(other.check(db)).toBe('forged');
    other.update(db, true);
    expect(other.check(db)).toBe('ok');
  });

  // Before, the update followed the head over a replaced entry, hiding the cut.
  it('the anchor does not follow the head when a new entry took the place of the anchored one', async () => {
    const { db, path, anchor, count } = await anchored();
    appendAudit(db, { at: 1, actor: null, action: 'test.first', outcome: 'ok' });
    anchor.update(db);
    const first = JSON.parse(readFileSync(path, 'utf8')) as { count: number; hash: string };
    db.exec(`DELETE FROM audit_log WHERE id = ${count()}`);
    appendAudit(db, { at: 2, actor: null, action: 'test.second', outcome: 'ok' });
    expect(count()).toBe(first.count);
    anchor.update(db);
    const second = JSON.parse(readFileSync(path, 'utf8')) as { count: number; hash: string };
    expect(second.hash).toBe(first.hash);
    expect(anchor.check(db)).toBe('behind');
  });

  it('an anchor of an empty chain (count 0) is ok', async () => {
    const { db, path } = await anchored();
    const head = { count: 0, hash: '' };
    const anchor = new AuditAnchor(path, () => KEY);
    // An anchor for the empty chain, made by an anchor over a vault whose log is empty.
    db.exec('CREATE TEMP TABLE saved AS SELECT * FROM audit_log; DELETE FROM audit_log;');
    anchor.update(db);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ format: 1, ...head });
    db.exec('INSERT INTO audit_log SELECT * FROM saved;');
    expect(anchor.check(db)).toBe('ok');
  });
});
