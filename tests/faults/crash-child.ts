/**
 * Run in a child process by crash.test.ts, which kills it (SIGKILL) at a random moment: opens the
 * shop in the given folder as the same "OS account" (same sealing key), logs the owner in, prints
 * "ready", then makes a backup, restores one, purges due customers until none is left, or
 * rotates the vault key over and over.
 */
import { Core } from '../../src/main/core/core';
import {
  MemoryDialogs,
  MemoryKeyStore,
  MemoryHandoff,
  MemoryPrinter,
} from '../../src/main/ports/memory-ports';
import { TEST_KDF } from '../support/fixtures';
import { TestClock, wallNow } from '../support/clock';

const [mode, dataDir, sealKeyHex, ownerPin, target, code] = process.argv.slice(2) as string[];
const dialogs = new MemoryDialogs();
const core = new Core({
  dataDir: dataDir!,
  keyStore: new MemoryKeyStore('memory', true, Buffer.from(sealKeyHex!, 'hex')),
  printer: new MemoryPrinter(),
  handoff: new MemoryHandoff(),
  dialogs,
  clock: new TestClock(wallNow()),
  kdf: { mode: 'fixed', params: TEST_KDF },
  log: () => undefined,
  // Rotations: linger 40 ms at each step boundary so kills also land between the steps.
  faultPoint:
    mode === 'rotate' ? () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 40) : undefined,
});

async function main() {
  const users = (await core.dispatch('w', 'auth:users', {})) as {
    ok: true;
    value: { id: string; roleHint: string }[];
  };
  const owner = users.value.find((u) => u.roleHint === 'owner')!;
  await core.dispatch('w', 'auth:unlock', { userId: owner.id, pin: ownerPin });
  process.stdout.write('ready\n');
  if (mode === 'backup') {
    dialogs.nextFolder = target!;
    for (;;) await core.dispatch('w', 'backups:create', { chooseFolder: true });
  } else if (mode === 'writes') {
    // Customer writes one after another; each acknowledged (committed) one is printed.
    for (let i = 0; ; i++) {
      const r = (await core.dispatch('w', 'customers:create', {
        name: `Tulis ${i}`,
        phone: `0813${String(20_000_000 + i)}`,
      })) as { ok: boolean };
      if (r.ok) process.stdout.write(`wrote ${i}\n`);
    }
  } else if (mode === 'import') {
    dialogs.nextOpen = target!;
    const preview = (await core.dispatch('w', 'import:open', {})) as {
      ok: true;
      value: { suggested: object };
    };
    await core.dispatch('w', 'import:check', { mapping: preview.value.suggested });
    await core.dispatch('w', 'import:commit', { mapping: preview.value.suggested });
    process.stdout.write('imported\n');
  } else if (mode === 'rotate') {
    // Key rotations one after another until killed (each: PIN check, rewrap, rekey, finish).
    const created = (await core.dispatch('w', 'incident:create', {
      kind: 'lost_laptop',
      description: 'Uji rotasi kunci sampai dimatikan',
    })) as { ok: true; value: { id: number } };
    for (;;) await core.dispatch('w', 'incident:rotateKey', { id: created.value.id, pin: ownerPin });
  } else if (mode === 'purge') {
    for (;;) {
      const r = (await core.dispatch('w', 'retention:purge', {})) as {
        ok: boolean;
        value?: { erased: number };
      };
      if (r.ok && r.value?.erased === 0) break;
    }
    process.stdout.write('purged\n');
  } else {
    dialogs.nextBackup = target!;
    await core.dispatch('w', 'backups:restore', { code, newPin: '481516', newPinConfirm: '481516' });
    process.stdout.write('restored\n');
  }
}
void main();
