import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { openVault } from '../../src/main/vault/database';
import { makeCore, OWNER_PIN, setupShop, tempDir, type TestCore } from '../support/fixtures';

/**
 * The audit anchor outside the vault proves the chain was not cut short. Deleting it must not
 * look like a vault that never had one, and nothing may move it over a chain cut while the app
 * was closed. Queued entries need a valid MAC to join the chain.
 */
const cores: TestCore[] = [];
afterEach(() => {
  while (cores.length) cores.pop()!.cleanup();
});

/** A shop with some history, anchored at lock; returns the data key for offline edits. */
async function anchoredShop() {
  const t = makeCore();
  cores.push(t);
  const { ownerId } = await setupShop(t);
  for (let i = 0; i < 5; i++) await t.ok('customers:create', { name: `Pelanggan ${i}` });
  expect((await t.ok('audit:verify', {})).ok).toBe(true);
  for (let i = 0; i < 5; i++) await t.ok('customers:create', { name: `Lagi ${i}` });
  const dek = Buffer.from(t.core.vault.requireDek());
  await t.ok('auth:lock', {});
  const anchored = JSON.parse(readFileSync(join(t.dir, 'audit-anchor.json'), 'utf8')) as { count: number };
  t.core.dispose();
  return { t, ownerId, dek, anchoredCount: anchored.count };
}

/** The app started again on the same data folder, the owner logged in. */
async function reopen(t: TestCore, ownerId: string): Promise<TestCore> {
  const again = makeCore({ dir: t.dir, keyStore: t.keyStore, clock: t.clock });
  cores.push(again);
  await again.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
  return again;
}

/** Offline, with the data key: the last `n` entries of the chain removed. */
function cutChain(dir: string, dek: Buffer, n: number): void {
  const db = openVault(join(dir, 'vault.db'), Buffer.from(dek));
  db.prepare('DELETE FROM audit_log WHERE id > (SELECT max(id) FROM audit_log) - ?').run(n);
  db.close();
}

describe('the audit anchor', () => {
  it('a deleted anchor file is reported as missing, not as a vault that never had one', async () => {
    const { t, ownerId } = await anchoredShop();
    rmSync(join(t.dir, 'audit-anchor.json'));
    const again = await reopen(t, ownerId);
    // The timer and a lock do not quietly write a new one.
    again.core.tick();
    const first = await again.ok('audit:verify', {});
    expect(first).toMatchObject({ ok: false, anchor: 'missing', firstBrokenId: null });
    // Reported (and audited) once, then anchored anew over the sound chain.
    const log = (await again.ok('audit:list', { limit: 50, action: 'audit.verify' })).items;
    expect(log[0]?.detail.anchor).toBe('missing');
    expect(await again.ok('audit:verify', {})).toMatchObject({ ok: true, anchor: 'ok' });
  });

  it('the anchor file deleted and the chain cut offline: verify reports the cut', async () => {
    const { t, ownerId, dek } = await anchoredShop();
    rmSync(join(t.dir, 'audit-anchor.json'));
    cutChain(t.dir, dek, 6);
    const again = await reopen(t, ownerId);
    again.core.tick();
    expect(await again.ok('audit:verify', {})).toMatchObject({ ok: false, anchor: 'behind' });
  });

  it('a chain cut offline stays reported after ticks, a lock and new entries', async () => {
    const { t, ownerId, dek, anchoredCount } = await anchoredShop();
    cutChain(t.dir, dek, 6);
    const again = await reopen(t, ownerId);
    for (let i = 0; i < 10; i++) await again.ok('customers:create', { name: `Baru ${i}` });
    again.core.tick();
    again.clock.advance(15_000);
    again.core.tick();
    const file = JSON.parse(readFileSync(join(t.dir, 'audit-anchor.json'), 'utf8')) as { count: number };
    expect(file.count).toBe(anchoredCount);
    await again.ok('auth:lock', {});
    await again.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    again.core.tick();
    const verify = await again.ok('audit:verify', {});
    expect(verify).toMatchObject({ ok: false, anchor: 'behind' });
    expect(await again.ok('audit:verify', {})).toMatchObject({ ok: false, anchor: 'behind' });
  });

  it('a sound chain moves the anchor forward on the tick (only the new entries are checked)', async () => {
    const { t, ownerId, anchoredCount } = await anchoredShop();
    const again = await reopen(t, ownerId);
    await again.ok('customers:create', { name: 'Baru' });
    again.core.tick();
    const file = JSON.parse(readFileSync(join(t.dir, 'audit-anchor.json'), 'utf8')) as { count: number };
    expect(file.count).toBeGreaterThan(anchoredCount);
    expect(await again.ok('audit:verify', {})).toMatchObject({ ok: true, anchor: 'ok' });
  });
});

describe('the audit anchor after a restore', () => {
  it('the restored chain anchors anew: verify is not "missing" for the anchor set aside', async () => {
    const t = makeCore();
    cores.push(t);
    const { recoveryCode } = await setupShop(t);
    expect((await t.ok('audit:verify', {})).ok).toBe(true); // anchored, and recorded in the vault
    await t.ok('backups:enable', { code: recoveryCode });
    const usb = tempDir('brankas-usb-');
    onTestFinished(() => usb.cleanup());
    t.dialogs.nextFolder = usb.dir;
    const { file } = await t.ok('backups:create', {});
    t.dialogs.nextBackup = join(usb.dir, file);
    await t.ok('backups:restore', { code: recoveryCode, newPin: '481516', newPinConfirm: '481516' });
    expect(await t.ok('audit:verify', {})).toMatchObject({ ok: true, anchor: 'none' });
    expect(await t.ok('audit:verify', {})).toMatchObject({ ok: true, anchor: 'ok' });
  });
});

describe('the audit queue', () => {
  it('an ok entry with "mac": null is refused and counted like any forgery', async () => {
    const t = makeCore();
    cores.push(t);
    const { ownerId } = await setupShop(t);
    await t.ok('auth:lock', {});
    await t.call('auth:unlock', { userId: ownerId, pin: '999111' });
    const path = join(t.dir, 'keyslots.json');
    const file = JSON.parse(readFileSync(path, 'utf8'));
    file.pending.push({
      at: 1,
      actor: ownerId,
      action: 'customers.export',
      outcome: 'ok',
      detail: {},
      mac: null,
    });
    writeFileSync(path, JSON.stringify(file));
    t.core.dispose();
    const fresh = await reopen(t, ownerId);
    const log = (await fresh.ok('audit:list', { limit: 500 })).items;
    expect(log.some((e) => e.action === 'customers.export')).toBe(false);
    expect(log.find((e) => e.action === 'audit.queueRejected')?.detail).toEqual({ count: 1 });
    expect(log.filter((e) => e.action === 'auth.unlock' && e.outcome === 'failed')).toHaveLength(1);
  });
});
