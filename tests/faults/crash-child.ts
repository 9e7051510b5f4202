/**
 * Run in a child process by crash.test.ts: opens the shop in the given folder as the same "OS
 * account" (same sealing key), logs the owner in, prints "ready", then makes backups, restores
 * one, purges due customers, imports a file of customers or of sales, writes customers or rotates the vault key, over and
 * over, until it is killed.
 *
 * Every named fault point the app reaches is printed ("at <name> <n>", n counting from 1). With
 * BRANKAS_KILL_AT="<name>#<n>" the child kills itself (SIGKILL, no clean-up of any kind) the n-th
 * time it reaches that point: the test knows exactly where the crash landed. Without it the test
 * kills the child at a random moment and reads the last point printed.
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
import { recordDirOf } from './crash-support';

const [mode, dataDir, sealKeyHex, ownerPin, target, code] = process.argv.slice(2) as string[];
const [killName, killAt] = (process.env.BRANKAS_KILL_AT ?? '').split('#') as [string, string?];
const reached = new Map<string, number>();

/** Prints the point (a synchronous write on a pipe), then dies there if it is the target. */
function faultPoint(name: string): void {
  const n = (reached.get(name) ?? 0) + 1;
  reached.set(name, n);
  process.stdout.write(`at ${name} ${n}\n`);
  if (name === killName && n === Number(killAt ?? 1)) process.kill(process.pid, 'SIGKILL');
}

const dialogs = new MemoryDialogs();
const core = new Core({
  dataDir: dataDir!,
  keyStore: new MemoryKeyStore('memory', true, Buffer.from(sealKeyHex!, 'hex'), recordDirOf(dataDir!)),
  printer: new MemoryPrinter(),
  handoff: new MemoryHandoff(),
  dialogs,
  clock: new TestClock(wallNow()),
  kdf: { mode: 'fixed', params: TEST_KDF },
  log: () => undefined,
  faultPoint,
});
// The purge's progress comes between its transactions: each phase report is a point too.
core.setEventSink((_window, event, payload) => {
  if (event === 'retention:progress') faultPoint(`purge:${(payload as { phase: string }).phase}`);
});

type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string } };
const call = <T>(channel: string, input: unknown) => core.dispatch('w', channel, input) as Promise<Reply<T>>;

async function main() {
  const users = await call<{ id: string; roleHint: string }[]>('auth:users', {});
  if (!users.ok) throw new Error('users');
  const owner = users.value.find((u) => u.roleHint === 'owner')!;
  await call('auth:unlock', { userId: owner.id, pin: ownerPin });
  process.stdout.write('ready\n');
  if (mode === 'backup') {
    dialogs.nextFolder = target!;
    for (;;) await call('backups:create', { chooseFolder: true });
  } else if (mode === 'writes') {
    // Customer writes one after another; each acknowledged (committed) one is printed.
    for (let i = 0; ; i++) {
      const r = await call('customers:create', {
        name: `Tulis ${i}`,
        phone: `0813${String(20_000_000 + i)}`,
      });
      if (r.ok) process.stdout.write(`wrote ${i}\n`);
    }
  } else if (mode === 'import') {
    dialogs.nextOpen = target!;
    const preview = await call<{ suggested: object }>('import:open', {});
    if (!preview.ok) throw new Error('import:open');
    await call('import:check', { mapping: preview.value.suggested });
    const r = await call('import:commit', { mapping: preview.value.suggested });
    process.stdout.write(r.ok ? 'imported\n' : `import failed ${r.error.code}\n`);
  } else if (mode === 'sales') {
    dialogs.nextOpen = target!;
    const preview = await call<{ suggested: object }>('sales:open', {});
    if (!preview.ok) throw new Error('sales:open');
    const r = await call('sales:commit', { columns: preview.value.suggested, source: 'moka' });
    process.stdout.write(r.ok ? 'imported\n' : `import failed ${r.error.code}\n`);
  } else if (mode === 'rotate') {
    // Key rotations one after another, each confirmed as the owner does it: the new code is shown,
    // two of its groups are typed back. Without that the next rotation is refused.
    const created = await call<{ id: number }>('incident:create', {
      kind: 'lost_laptop',
      description: 'Uji rotasi kunci sampai dimatikan',
    });
    if (!created.ok) throw new Error('incident:create');
    for (let n = 1; ; n++) {
      const r = await call<{ recoveryCode: string }>('incident:rotateKey', {
        id: created.value.id,
        pin: ownerPin,
      });
      if (!r.ok) throw new Error(`rotateKey ${r.error.code}`);
      const shown = await call<{ recoveryCode: string; confirmGroups: number[] }>('setup:recoveryCode', {});
      if (!shown.ok) throw new Error(`recoveryCode ${shown.error.code}`);
      const digits = shown.value.recoveryCode.replace(/-/g, '');
      const confirmed = await call('setup:confirmRecovery', {
        answers: shown.value.confirmGroups.map((g) => ({
          group: g,
          value: digits.slice((g - 1) * 4, g * 4),
        })),
      });
      if (!confirmed.ok) throw new Error(`confirmRecovery ${confirmed.error.code}`);
      process.stdout.write(`rotated ${n} ${digits}\n`);
    }
  } else if (mode === 'purge') {
    for (;;) {
      const r = await call<{ erased: number }>('retention:purge', {});
      if (r.ok && r.value.erased === 0) break;
    }
    process.stdout.write('purged\n');
  } else {
    dialogs.nextBackup = target!;
    const r = await call('backups:restore', { code, newPin: '481516', newPinConfirm: '481516' });
    process.stdout.write(r.ok ? 'restored\n' : `restore failed ${r.error.code}\n`);
  }
}
main().catch((err: unknown) => {
  process.stdout.write(`child error ${(err as Error).message}\n`);
  process.exit(1);
});
