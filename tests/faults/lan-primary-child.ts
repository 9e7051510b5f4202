/**
 * Run in a child process by lan-crash.test.ts: the primary, its vault in the given folder (same
 * "OS account" as the test: the same sealing key), serving the second counter on 127.0.0.1. It
 * logs the owner in on its own window (the link starts from the first unlock), prints
 * "listening <port>", and with `pair` also "code <code>" for one laptop. Every fault point is
 * printed ("at <name> <n>"); after the line "arm" on stdin it prints "armed" and kills itself
 * (SIGKILL, no clean-up) the next time it reaches BRANKAS_KILL_AT.
 */
import { Core } from '../../src/main/core/core';
import { LanServer } from '../../src/main/lan/server';
import {
  MemoryDialogs,
  MemoryHandoff,
  MemoryKeyStore,
  MemoryPrinter,
} from '../../src/main/ports/memory-ports';
import { TestClock, wallNow } from '../support/clock';
import { TEST_KDF } from '../support/fixtures';
import { recordDirOf } from './crash-support';

const [mode, dataDir, sealKeyHex, ownerPin] = process.argv.slice(2) as string[];
const killName = process.env.BRANKAS_KILL_AT ?? '';
let armed = false;
const reached = new Map<string, number>();

function faultPoint(name: string): void {
  const n = (reached.get(name) ?? 0) + 1;
  reached.set(name, n);
  process.stdout.write(`at ${name} ${n}\n`);
  if (armed && name === killName) process.kill(process.pid, 'SIGKILL');
}

process.stdin.setEncoding('utf8');
process.stdin.on('data', (line: string) => {
  if (line.includes('arm')) {
    armed = true;
    process.stdout.write('armed\n');
  }
});

const core = new Core({
  dataDir: dataDir!,
  keyStore: new MemoryKeyStore('memory', true, Buffer.from(sealKeyHex!, 'hex'), recordDirOf(dataDir!)),
  printer: new MemoryPrinter(),
  handoff: new MemoryHandoff(),
  dialogs: new MemoryDialogs(),
  clock: new TestClock(wallNow()),
  kdf: { mode: 'fixed', params: TEST_KDF },
  log: () => undefined,
  faultPoint,
  lanHost: new LanServer({ interfaces: ['127.0.0.1'], port: 0 }),
});

type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string } };
async function ok<T>(channel: string, input: unknown): Promise<T> {
  const r = (await core.dispatch('own', channel, input)) as Reply<T>;
  if (!r.ok) throw new Error(`${channel} ${r.error.code}`);
  return r.value;
}

async function main() {
  const users = await ok<{ id: string; roleHint: string }[]>('auth:users', {});
  await ok('auth:unlock', { userId: users.find((u) => u.roleHint === 'owner')!.id, pin: ownerPin });
  type Status = { enabled: boolean; listening: { port: number } | null };
  let status = await ok<Status>('lan:status', {});
  if (!status.enabled) status = await ok<Status>('lan:enable', { enabled: true });
  // Already on: the link starts by itself after the unlock.
  for (let i = 0; i < 500 && !status.listening; i++) {
    await new Promise((r) => setTimeout(r, 10));
    status = await ok<Status>('lan:status', {});
  }
  if (mode === 'pair') process.stdout.write(`code ${(await ok<{ code: string }>('lan:newCode', {})).code}\n`);
  process.stdout.write(`listening ${status.listening!.port}\n`);
  setInterval(() => undefined, 60_000);
}
main().catch((err: unknown) => {
  process.stdout.write(`child error ${(err as Error).message}\n`);
  process.exit(1);
});
