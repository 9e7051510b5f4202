import { mkdirSync } from 'node:fs';
import { Core } from '../src/main/core/core';
import {
  MemoryHandoff,
  MemoryKeyStore,
  MemoryPrinter,
  type MemoryDialogs,
} from '../src/main/ports/memory-ports';
import type { SetupResult } from '../src/shared/domain';
import type { Result } from '../src/shared/errors';

/** The bench's cheap KDF (real Argon2id, small memory): setting up a shop is not what is measured. */
export const BENCH_KDF = {
  mode: 'fixed' as const,
  params: { alg: 'argon2id' as const, memoryKiB: 8192, iterations: 1, parallelism: 1 },
};

/** A set-up shop on a real Core (cheap KDF), as the bench's import, crafted-file and backup runs use. */
export async function benchShop(
  dataDir: string,
  dialogs: MemoryDialogs,
  extra: Partial<ConstructorParameters<typeof Core>[0]> = {},
): Promise<{ core: Core; code: string }> {
  mkdirSync(dataDir, { recursive: true });
  const core = new Core({
    dataDir,
    keyStore: new MemoryKeyStore(),
    printer: new MemoryPrinter(),
    handoff: new MemoryHandoff(),
    dialogs,
    kdf: BENCH_KDF,
    ...extra,
  });
  const setup = (await core.dispatch('w', 'setup:create', {
    shopName: 'Bench',
    ownerName: 'Owner',
    pin: '271828',
    pinConfirm: '271828',
  })) as Result<SetupResult>;
  if (!setup.ok) throw new Error(setup.error.code);
  const code = setup.value.recoveryCode.replace(/-/g, '');
  await core.dispatch('w', 'setup:confirmRecovery', {
    answers: setup.value.confirmGroups.map((g) => ({ group: g, value: code.slice((g - 1) * 4, g * 4) })),
  });
  return { core, code };
}
