/**
 * Run under strace by strace-client.test.ts: a paired laptop's working session, its own Core
 * (no vault) talking to the primary, which runs in the test's process, over the real TLS link. It
 * pairs with the code it is given, a cashier logs in and serves canary customers (new customers,
 * a search, her page, an edit, a sale). It never prints customer data but the positive control:
 * the canary strings written on purpose to its stdout and one control file.
 */
import { fstatSync, writeFileSync } from 'node:fs';
import { ClientCore } from '../../src/main/lan/client-core';
import { tlsLinks } from '../../src/main/lan/tls-link';
import { MemoryHandoff, MemoryKeyStore } from '../../src/main/ports/memory-ports';

export interface ClientDay {
  dataDir: string;
  controlFile: string;
  controls: string[];
  port: number;
  code: string;
  cashierId: string;
  pin: string;
  customers: { name: string; phone: string; address: string; notes: string; item: string }[];
}

const day = JSON.parse(process.argv[2]!) as ClientDay;
const core = new ClientCore({
  dataDir: day.dataDir,
  keyStore: new MemoryKeyStore(),
  links: tlsLinks,
  handoff: new MemoryHandoff(),
});

async function ok<T>(channel: string, input: unknown): Promise<T> {
  const r = (await core.dispatch('w', channel, input)) as { ok: boolean; value: T; error?: { code: string } };
  if (!r.ok) {
    process.stdout.write(`failed ${channel} ${r.error?.code}\n`);
    process.exit(2);
  }
  return r.value;
}

async function main() {
  process.stdout.write(`stdout ${fstatSync(1).ino}\n`);
  await ok('setup:connect', { address: '127.0.0.1', port: day.port, code: day.code, name: 'Kasir 2' });
  await ok('auth:unlock', { userId: day.cashierId, pin: day.pin });

  const control = day.controls.map((c) => `control ${c}\n`).join('');
  for (const c of day.controls) {
    process.stdout.write(`control ${c}\n`);
    process.stdout.write(Buffer.concat([Buffer.from('control '), Buffer.from(`${c}\n`, 'utf16le')]));
  }
  writeFileSync(day.controlFile, control);

  for (const c of day.customers) {
    const created = await ok<{ id: number }>('customers:create', { name: c.name, phone: c.phone });
    await ok('customers:search', { query: c.name });
    await ok('customers:get', { id: created.id });
    await ok('customers:update', { id: created.id, name: c.name, address: c.address, notes: c.notes });
    await ok('purchases:create', { customerId: created.id, amount: 42_000, items: [c.item] });
    await ok('purchases:list', { customerId: created.id });
  }
  await ok('auth:lock', {});
  core.dispose();
  process.stdout.write(`done served=${day.customers.length}\n`);
}
void main();
