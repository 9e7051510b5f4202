/**
 * Run by disk-full.test.ts inside its own user and mount namespace (`unshare -Urm`), where it may
 * mount small tmpfs file systems: the kernel then answers writes with a genuine ENOSPC. Backs up
 * to a full "USB stick" and restores onto a laptop whose disk is full, and prints what it saw as
 * one JSON line.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryKeyStore } from '../../src/main/ports/memory-ports';
import { OWNER_PIN } from '../support/fixtures';
import { newShop, openShop } from './child-shop';

const [work] = process.argv.slice(2) as [string];
const keyStore = new MemoryKeyStore();
const open = (dataDir: string) => openShop(dataDir, { keyStore });

const mountTmpfs = (dir: string, kib: number) => {
  mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k`, 'tmpfs', dir]);
};

async function main() {
  const shopDir = join(work, 'shop');
  const shop = open(shopDir);
  const code = await newShop(shop, 'Toko Penuh', 200);
  await shop.ok('backups:enable', { code });

  // 1. A USB stick with 64 KiB free: the backup (hundreds of KiB) cannot fit.
  const usb = join(work, 'usb');
  mountTmpfs(usb, 64);
  shop.dialogs.nextFolder = usb;
  const full = await shop.call('backups:create', { chooseFolder: true });
  const usbLeft = readdirSync(usb);
  const afterFull = await shop.ok('customers:search', { query: '' });
  const chain = await shop.ok('audit:verify', {});
  const status = await shop.ok('backups:status', {});

  // A good backup elsewhere, for the restore below.
  const good = join(work, 'good');
  mkdirSync(good);
  shop.dialogs.nextFolder = good;
  const made = await shop.ok('backups:create', { chooseFolder: true });
  const backupPath = join(good, made.file as string);
  shop.core.dispose();

  // 2. A laptop whose disk has room for its vault but not for a restored copy beside it.
  const laptop = join(work, 'laptop');
  const used = readdirSync(shopDir).reduce((n, f) => n + statSync(join(shopDir, f)).size, 0);
  mountTmpfs(laptop, Math.ceil(used / 1024) + 96);
  cpSync(shopDir, laptop, { recursive: true });
  const before = readdirSync(laptop).sort();
  const l = open(laptop);
  const users = (await l.ok('auth:users', {})) as unknown as { id: string; roleHint: string }[];
  await l.ok('auth:unlock', { userId: users.find((u) => u.roleHint === 'owner')!.id, pin: OWNER_PIN });
  l.dialogs.nextBackup = backupPath;
  const restore = await l.call('backups:restore', { code, newPin: '481516', newPinConfirm: '481516' });
  const stillIn = await l.call('customers:search', { query: '' });
  l.core.dispose();
  const after = readdirSync(laptop).sort();
  const again = open(laptop);
  await again.ok('auth:unlock', { userId: users.find((u) => u.roleHint === 'owner')!.id, pin: OWNER_PIN });
  const reopened = await again.ok('customers:search', { query: '' });
  again.core.dispose();

  process.stdout.write(
    `${JSON.stringify({
      full,
      usbLeft,
      afterFullTotal: afterFull.total,
      chainOk: chain.ok,
      lastError: status.lastError,
      restore,
      stillInOk: stillIn.ok,
      before,
      after,
      reopenedTotal: reopened.total,
    })}\n`,
  );
}
main().catch((err: unknown) => {
  process.stderr.write(String((err as Error).stack ?? err));
  process.exit(1);
});
