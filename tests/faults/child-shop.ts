/**
 * A shop on real files for the fault tests' child processes (run in namespaces of their own): the
 * core with memory ports, its calls, and a shop set up with its recovery code confirmed.
 */
import { Core } from '../../src/main/core/core';
import {
  MemoryDialogs,
  MemoryKeyStore,
  MemoryHandoff,
  MemoryPrinter,
} from '../../src/main/ports/memory-ports';
import type { KeyStore } from '../../src/main/ports/ports';
import { OWNER_PIN, TEST_KDF } from '../support/fixtures';
import { TestClock, wallNow } from '../support/clock';

export type ChildAnswer = {
  ok: boolean;
  value?: Record<string, unknown>;
  error?: { code: string; message?: string; details?: { reason?: string } };
};

export function openShop(dataDir: string, opts: { keyStore?: KeyStore; log?: (line: string) => void } = {}) {
  const dialogs = new MemoryDialogs();
  const core = new Core({
    dataDir,
    keyStore: opts.keyStore ?? new MemoryKeyStore(),
    printer: new MemoryPrinter(),
    handoff: new MemoryHandoff(),
    dialogs,
    clock: new TestClock(wallNow()),
    kdf: { mode: 'fixed', params: TEST_KDF },
    log: opts.log ?? (() => undefined),
  });
  const call = (channel: string, input: unknown) =>
    core.dispatch('w', channel as never, input as never) as Promise<ChildAnswer>;
  const ok = async (channel: string, input: unknown) => {
    const r = await call(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error?.code}`);
    return r.value as Record<string, unknown>;
  };
  return { core, dialogs, call, ok };
}

/** Sets the shop up (owner PIN OWNER_PIN) with `customers` customers; returns its recovery code. */
export async function newShop(shop: ReturnType<typeof openShop>, shopName: string, customers: number) {
  const setup = await shop.ok('setup:create', {
    shopName,
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
  for (let i = 0; i < customers; i++)
    await shop.ok('customers:create', { name: `Pelanggan ${i}`, phone: `0813${String(i).padStart(8, '0')}` });
  return code;
}
