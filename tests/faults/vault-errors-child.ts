/**
 * Run by vault-errors.test.ts in a namespace of its own, so that the kernel, not a mock, refuses:
 * - `access <dataDir> <sealKeyHex> <recordDir> <userId> <recoveryCode>`: as an unprivileged user
 *   (no root powers, `unshare -U --map-user`), unlocks a vault whose files the test gave to another
 *   OS user, and on a refusal tries the recovery code;
 * - `full <work>`: inside `unshare -Urm`, keeps a shop on a tiny tmpfs and fills it up;
 * - `readonly <work>`: likewise, and remounts that tmpfs read-only before the next start.
 * Prints what it saw (the answers and main's log lines) as one JSON line.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryKeyStore } from '../../src/main/ports/memory-ports';
import { OWNER_PIN } from '../support/fixtures';
import { newShop, openShop } from './child-shop';

async function access([dataDir, sealKeyHex, recordDir, userId, recoveryCode]: string[]) {
  const logs: string[] = [];
  const keyStore = new MemoryKeyStore('memory', true, Buffer.from(sealKeyHex!, 'hex'), recordDir);
  const shop = openShop(dataDir!, { keyStore, log: (l) => logs.push(l) });
  const unlock = await shop.call('auth:unlock', { userId, pin: OWNER_PIN });
  // What the owner would try next: the recovery code (which replaces a secret it cannot read).
  const recover = unlock.ok
    ? undefined
    : await shop.call('auth:recoverOwner', { code: recoveryCode, newPin: '481516', newPinConfirm: '481516' });
  shop.core.dispose();
  return { unlock, recover, logs };
}

async function full([work]: string[]) {
  const logs: string[] = [];
  const dataDir = join(work!, 'data');
  mkdirSync(dataDir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', dataDir]);
  const shop = openShop(dataDir, { log: (l) => logs.push(l) });
  await newShop(shop, 'Toko Penuh', 20);
  // Whatever else wants the disk fills it: not a byte is left.
  const filler = join(dataDir, 'filler.bin');
  try {
    for (;;) writeFileSync(filler, Buffer.alloc(64 * 1024), { flag: 'a' });
  } catch {
    /* ENOSPC: the disk is full */
  }
  const create = await shop.call('customers:create', { name: 'Pelanggan Baru', phone: '081399999999' });
  const users = (await shop.ok('auth:users', {})) as unknown as { id: string; roleHint: string }[];
  const owner = { userId: users.find((u) => u.roleHint === 'owner')!.id, pin: OWNER_PIN };
  await shop.call('auth:lock', {});
  // The lock holds though its audit entry could not be written: no session, the vault closed.
  const lockedStatus = await shop.ok('app:status', {});
  const lockedVaultOpen = shop.core.vault.isOpen();
  const unlock = await shop.call('auth:unlock', owner);
  rmSync(filler);
  const unlockAfter = await shop.call('auth:unlock', owner);
  const after = await shop.call('customers:search', { query: '' });
  const retry = await shop.call('customers:create', { name: 'Pelanggan Baru', phone: '081399999999' });
  shop.core.dispose();
  return {
    create,
    lockedUser: lockedStatus.user ?? null,
    lockedVaultOpen,
    unlock,
    unlockAfterOk: unlockAfter.ok,
    afterTotal: (after.value as { total: number }).total,
    retryOk: retry.ok,
    logs,
  };
}

async function readOnly([work]: string[]) {
  const logs: string[] = [];
  const dataDir = join(work!, 'data');
  mkdirSync(dataDir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', dataDir]);
  const keyStore = new MemoryKeyStore();
  const shop = openShop(dataDir, { keyStore });
  await newShop(shop, 'Toko Terkunci', 20);
  const users = (await shop.ok('auth:users', {})) as unknown as { id: string; roleHint: string }[];
  const owner = { userId: users.find((u) => u.roleHint === 'owner')!.id, pin: OWNER_PIN };
  shop.core.dispose();
  // The data folder's file system is now read-only (a locked disk, a folder mounted read-only).
  execFileSync('mount', ['-o', 'remount,ro', dataDir]);
  const locked = openShop(dataDir, { keyStore, log: (l) => logs.push(l) });
  const unlock = await locked.call('auth:unlock', owner);
  locked.core.dispose();
  execFileSync('mount', ['-o', 'remount,rw', dataDir]);
  const again = openShop(dataDir, { keyStore });
  const unlockAfter = await again.call('auth:unlock', owner);
  const after = await again.call('customers:search', { query: '' });
  again.core.dispose();
  return {
    unlock,
    unlockAfterOk: unlockAfter.ok,
    afterTotal: (after.value as { total: number }).total,
    logs,
  };
}

const [mode, ...args] = process.argv.slice(2);
(mode === 'full' ? full(args) : mode === 'readonly' ? readOnly(args) : access(args)).then(
  (seen) => process.stdout.write(`${JSON.stringify(seen)}\n`),
  (err: unknown) => {
    process.stderr.write(String((err as Error).stack ?? err));
    process.exit(1);
  },
);
