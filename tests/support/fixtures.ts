import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src/shared/contract';
import type { Result } from '../../src/shared/errors';
import { Core } from '../../src/main/core/core';
import { acknowledge } from '../../src/main/services/briefing';
import {
  MemoryDialogs,
  MemoryHandoff,
  MemoryKeyStore,
  MemoryPrinter,
} from '../../src/main/ports/memory-ports';
import type { KdfParams } from '../../src/main/vault/kdf';
import type { KeyStore, LanHost } from '../../src/main/ports/ports';
import type { LanFileLimits } from '../../src/main/lan/protocol';
import type { PhoneWorkerFactory } from '../../src/main/services/import/phone-batch';
import type { UsageLimits } from '../../src/main/services/usage-guard';
import type { BackupWorkerFactory } from '../../src/main/services/backup/backup.service';
import type { XlsxWorkerFactory } from '../../src/main/services/sales/sales-import';
import { TestClock } from './clock';
import { sourceXlsxWorker } from './source-worker';

/** Cheap Argon2id for tests: real algorithm, small memory, so a suite runs in seconds. */
export const TEST_KDF: KdfParams = { alg: 'argon2id', memoryKiB: 8192, iterations: 1, parallelism: 1 };

export const OWNER_PIN = '271828';
export const CASHIER_PIN = '314159';

export function tempDir(prefix = 'brankas-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestCore {
  core: Core;
  dir: string;
  clock: TestClock;
  keyStore: KeyStore;
  printer: MemoryPrinter;
  dialogs: MemoryDialogs;
  handoff: MemoryHandoff;
  call<C extends ChannelName>(
    channel: C,
    input: ChannelInput<C>,
    windowId?: string,
  ): Promise<Result<ChannelOutput<C>>>;
  ok<C extends ChannelName>(channel: C, input: ChannelInput<C>, windowId?: string): Promise<ChannelOutput<C>>;
  cleanup(): void;
}

export function makeCore(
  opts: {
    dir?: string;
    keyStore?: KeyStore;
    clock?: TestClock;
    phoneWorker?: PhoneWorkerFactory;
    usageLimits?: UsageLimits;
    backupWorker?: BackupWorkerFactory;
    /** The owner's dashboard thread (default: the long-job worker, if any, reads for it). */
    dashboardWorker?: BackupWorkerFactory;
    /** The .xlsx reading thread (default: from its TypeScript source, started only for an .xlsx). */
    xlsxWorker?: XlsxWorkerFactory;
    /** A printer that really renders (e2e: Chromium's page.pdf); defaults to keeping the HTML. */
    printer?: MemoryPrinter;
    faultPoint?: (name: string) => void;
    /** Where the core's error log goes (default: dropped); the fuzz keeps it to assert it is empty. */
    log?: (line: string) => void;
    /** The second counter's server (tests: MemoryLanHost, or the real link on 127.0.0.1). */
    lanHost?: LanHost;
    /** Bounds of a file handed to a paired laptop (tests lower them). */
    lanFiles?: LanFileLimits;
  } = {},
): TestCore {
  const temp = opts.dir ? { dir: opts.dir, cleanup: () => undefined } : tempDir();
  const clock = opts.clock ?? new TestClock();
  const keyStore = opts.keyStore ?? new MemoryKeyStore();
  const printer = opts.printer ?? new MemoryPrinter();
  const dialogs = new MemoryDialogs();
  const handoff = new MemoryHandoff();
  const core = new Core({
    dataDir: temp.dir,
    keyStore,
    printer,
    dialogs,
    handoff,
    clock,
    kdf: { mode: 'fixed', params: TEST_KDF },
    log: opts.log ?? (() => undefined),
    phoneWorker: opts.phoneWorker,
    usageLimits: opts.usageLimits,
    backupWorker: opts.backupWorker,
    dashboardWorker: opts.dashboardWorker,
    xlsxWorker: opts.xlsxWorker ?? sourceXlsxWorker,
    faultPoint: opts.faultPoint,
    lanHost: opts.lanHost,
    lanFiles: opts.lanFiles,
  });
  const call = <C extends ChannelName>(channel: C, input: ChannelInput<C>, windowId = 'w1') =>
    core.dispatch(windowId, channel, input) as Promise<Result<ChannelOutput<C>>>;
  return {
    core,
    dir: temp.dir,
    clock,
    keyStore,
    printer,
    dialogs,
    handoff,
    call,
    async ok(channel, input, windowId) {
      const r = await call(channel, input, windowId);
      if (!r.ok) throw new Error(`${channel} failed: ${r.error.code}`);
      return r.value;
    },
    cleanup() {
      core.dispose();
      temp.cleanup();
    },
  };
}

/**
 * Setup done, recovery confirmed, one cashier created; the owner is logged in on window w1. The
 * cashier has read the staff briefing (main holds a cashier whose briefing is due to it), unless
 * a test of the briefing says `cashierBriefed: false`.
 */
export async function setupShop(
  t: TestCore,
  opts: { cashierBriefed?: boolean } = {},
): Promise<{ ownerId: string; cashierId: string; recoveryCode: string }> {
  const setup = await t.ok('setup:create', {
    shopName: 'Toko Maju',
    ownerName: 'Bu Sari',
    pin: OWNER_PIN,
    pinConfirm: OWNER_PIN,
  });
  const code = setup.recoveryCode.replace(/-/g, '');
  await t.ok('setup:confirmRecovery', {
    answers: setup.confirmGroups.map((g) => ({ group: g, value: code.slice((g - 1) * 4, g * 4) })),
  });
  const status = await t.ok('app:status', {});
  const cashier = await t.ok('users:create', { name: 'Andi', pin: CASHIER_PIN });
  if (opts.cashierBriefed !== false) acknowledge(t.core.vault.requireDb(), cashier.id, t.clock.now());
  return { ownerId: status.user!.id, cashierId: cashier.id, recoveryCode: setup.recoveryCode };
}
