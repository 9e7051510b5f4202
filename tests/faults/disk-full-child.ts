/**
 * Run by disk-full.test.ts inside its own user and mount namespace (`unshare -Urm`), where it may
 * mount small tmpfs file systems: the kernel then answers writes with a genuine ENOSPC. Backs up
 * to a full "USB stick" and restores onto a laptop whose disk is full, and prints what it saw as
 * one JSON line.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Core } from '../../src/main/core/core';
import {
  MemoryDialogs,
  MemoryKeyStore,
  MemoryHandoff,
  MemoryPrinter,
} from '../../src/main/ports/memory-ports';
import { OWNER_PIN, TEST_KDF } from '../support/fixtures';
import { TestClock, wallNow } from '../support/clock';

const [work] = process.argv.slice(2) as [string];
const keyStore = new MemoryKeyStore();

function open(dataDir: string) {
  const dialogs = new MemoryDialogs();
  const core = new Core({
    dataDir,
    keyStore,
    printer: new MemoryPrinter(),
    handoff: new MemoryHandoff(),
    dialogs,
    clock: new TestClock(wallNow()),
    kdf: { mode: 'fixed', params: TEST_KDF },
    log: () => undefined,
  });
  const call = (channel: string, input: unknown) =>
    core.dispatch('w', channel as never, input as never) as Promise<{
      ok: boolean;
      value?: Record<string, unknown>;
      error?: { code: string; message?: string; details?: { reason?: string } };
    }>;
  const ok = async (channel: string, input: unknown) => {
    const r = await call(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error?.code}`);
    return r.value as Record<string, unknown>;
  };
  return { core, dialogs, call, ok };
}

const mountTmpfs = (dir: string, kib: number) => {
  mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k`, 'tmpfs', dir]);
};

async function main() {
  const shopDir = join(work, 'shop');
  const shop = open(shopDir);
  const setup = await shop.ok('setup:create', {
    shopName: 'Toko Penuh',
    ownerName: 'Bu Sari',
    pin: OWNER_PIN,
    pinConfirm: OWNER_PIN,
  });
  const code = (setup.recoveryCode as string).replace(/-/g, '');
  await shop.ok('setup:confirmRecovery', {
    answers: (setup.confirmGroups as number[]).map((g) => ({
      group: g,
      value: code.slice((g - 1) * 4, g * 4),
    })),
  });
  for (let i = 0; i < 200; i++)
    await shop.ok('customers:create', { name: `Pelanggan ${i}`, phone: `0813${String(i).padStart(8, '0')}` });
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
