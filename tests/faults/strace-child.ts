/**
 * Run under strace by strace.test.ts: a shop's day on a real Core in the given folder, with the
 * app's bundled backup and phone workers. It imports the CSV the test wrote (canary rows among
 * others), views and edits a canary customer, adds one by hand with a purchase, makes a backup,
 * locks and unlocks, and erases a canary customer. It never prints customer data, except the
 * positive control: the canary strings written on purpose, each line starting with "control ",
 * to its stdout and to one control file, so the test can show its scanner finds them there.
 */
import { fstatSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Core } from '../../src/main/core/core';
import {
  MemoryDialogs,
  MemoryHandoff,
  MemoryKeyStore,
  MemoryPrinter,
} from '../../src/main/ports/memory-ports';
import { OWNER_PIN, TEST_KDF } from '../support/fixtures';
import { TestClock, wallNow } from '../support/clock';

export interface StraceDay {
  dataDir: string;
  csv: string;
  usb: string;
  controlFile: string;
  /** Every canary needle, written on purpose to stdout and to the control file (positive control). */
  controls: string[];
  /** Searched for to find the imported canary customer that is edited and then erased. */
  importedName: string;
  edit: { address: string; notes: string };
  byHand: { name: string; phone: string; address: string; item: string };
}

const day = JSON.parse(process.argv[2]!) as StraceDay;
const out = join(__dirname, '../../out/main');
const dialogs = new MemoryDialogs();
const core = new Core({
  dataDir: day.dataDir,
  keyStore: new MemoryKeyStore(),
  printer: new MemoryPrinter(),
  handoff: new MemoryHandoff(),
  dialogs,
  clock: new TestClock(wallNow()),
  kdf: { mode: 'fixed', params: TEST_KDF },
  phoneWorker: () => new Worker(join(out, 'phone-worker.js')),
  backupWorker: () => new Worker(join(out, 'backup-worker.js')),
});

/** A channel that must succeed; on failure the child exits with the channel and code only. */
async function ok<T>(channel: string, input: unknown): Promise<T> {
  const r = (await core.dispatch('w', channel, input)) as { ok: boolean; value: T; error?: { code: string } };
  if (!r.ok) {
    process.stdout.write(`failed ${channel} ${r.error?.code}\n`);
    process.exit(2);
  }
  return r.value;
}

async function main() {
  // Which socket or pipe is this process's stdout, as strace -y names it.
  process.stdout.write(`stdout ${fstatSync(1).ino}\n`);
  const setup = await ok<{ recoveryCode: string; confirmGroups: number[] }>('setup:create', {
    shopName: 'Toko Jejak',
    ownerName: 'Bu Sari',
    pin: OWNER_PIN,
    pinConfirm: OWNER_PIN,
  });
  const code = setup.recoveryCode.replace(/-/g, '');
  await ok('setup:confirmRecovery', {
    answers: setup.confirmGroups.map((g) => ({ group: g, value: code.slice((g - 1) * 4, g * 4) })),
  });
  const ownerId = (await ok<{ user: { id: string } }>('app:status', {})).user.id;

  // Positive control: plaintext written on purpose, one write per line, UTF-8 and UTF-16LE.
  const control = day.controls.map((c) => `control ${c}\n`).join('');
  for (const c of day.controls) {
    process.stdout.write(`control ${c}\n`);
    process.stdout.write(Buffer.concat([Buffer.from('control '), Buffer.from(`${c}\n`, 'utf16le')]));
  }
  writeFileSync(day.controlFile, control);

  dialogs.nextOpen = day.csv;
  const preview = await ok<{ suggested: object }>('import:open', {});
  await ok('import:check', { mapping: preview.suggested });
  const imported = await ok<{ imported: number }>('import:commit', {
    mapping: preview.suggested,
    consent: { method: 'paper', noticeVersion: 1, acknowledgeNewer: true },
  });

  const found = await ok<{ items: { id: number }[] }>('customers:search', { query: day.importedName });
  const id = found.items[0]!.id;
  const seen = await ok<{ name: string }>('customers:get', { id });
  await ok('customers:update', { id, name: seen.name, address: day.edit.address, notes: day.edit.notes });
  const hand = await ok<{ id: number }>('customers:create', {
    name: day.byHand.name,
    phone: day.byHand.phone,
    address: day.byHand.address,
  });
  await ok('purchases:create', { customerId: hand.id, amount: 75_000, items: [day.byHand.item] });

  await ok('backups:enable', { code });
  dialogs.nextFolder = day.usb;
  const backup = await ok<{ file: string }>('backups:create', { chooseFolder: true });

  await ok('auth:lock', {});
  await ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
  await ok('customers:erase', { id, confirm: true });
  await ok('customers:search', { query: day.byHand.name });
  core.dispose();
  process.stdout.write(`done imported=${imported.imported} backup=${backup.file}\n`);
}
void main();
