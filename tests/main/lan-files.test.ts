import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientCore } from '../../src/main/lan/client-core';
import type { LanFileLimits, Reply } from '../../src/main/lan/protocol';
import { tlsLinks } from '../../src/main/lan/tls-link';
import { MemoryKeyStore } from '../../src/main/ports/memory-ports';
import type { Result } from '../../src/shared/errors';
import { fileSystemNow, filesSince, hits } from '../support/canary-scan';
import { OWNER_PIN, tempDir } from '../support/fixtures';
import { WireRig, cashierIn } from '../support/lan-wire';
import { RecordingFiles } from '../support/recording-files';

// A file saved or a document printed from a window on a paired laptop opens that laptop's own
// save dialog or PDF printer (never the primary's, whose dialog would pop up on another screen),
// over the real mutual-TLS link on 127.0.0.1; the primary audits what the user there really did.

let rig = new WireRig();
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  await rig.close();
  rig = new WireRig();
});

interface Entry {
  action: string;
  outcome: string;
  actor: string | null;
  detail: Record<string, unknown>;
}

function entries(action: string): Entry[] {
  const rows = rig
    .t!.core.vault.requireDb()
    .prepare('SELECT action, outcome, actor, detail FROM audit_log WHERE action = ? ORDER BY id')
    .all(action) as { action: string; outcome: string; actor: string | null; detail: string | null }[];
  return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail ?? '{}') as Record<string, unknown> }));
}

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  for (let i = 0; i < ms / 10 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`never happened: ${what}`);
}

/** The primary on the link, one customer, and a laptop paired to it through its own ClientCore. */
async function counters(opts: { lanFiles?: LanFileLimits; customer?: string } = {}) {
  const { ids, port } = await rig.primary({ lanFiles: opts.lanFiles });
  const t = rig.t!;
  const customer = await t.ok('customers:create', {
    name: opts.customer ?? 'Sari Kopi',
    phone: '081298765432',
  });
  const folder = tempDir();
  const files = new RecordingFiles();
  const lap = new ClientCore({
    dataDir: folder.dir,
    keyStore: new MemoryKeyStore(),
    links: tlsLinks,
    dialogs: files.dialogs,
    printer: files.printer,
  });
  cleanups.push(() => {
    lap.dispose();
    folder.cleanup();
  });
  const { code } = await t.ok('lan:newCode', {});
  value(
    await lap.dispatch('w1', 'setup:connect', { address: '127.0.0.1', port, code, name: 'Laptop belakang' }),
  );
  const deviceId = (t.core.lan.devices()[0] as { id: string }).id;
  return { t, ids, lap, files, deviceId, customer, dir: folder.dir };
}

/** An access request recorded from the laptop, the customer's identity checked at the counter. */
async function accessRequest(lap: ClientCore, receivedAt: number, customerId: number) {
  return value<{ id: number }>(
    await lap.dispatch('w1', 'requests:create', {
      type: 'access',
      customerId,
      receivedAt,
      channel: 'in_person',
      verification: 'KTP dicocokkan dengan nama dan nomor HP',
    }),
  );
}

async function ownerIn(lap: ClientCore, ownerId: string, windowId = 'w1') {
  value(await lap.dispatch(windowId, 'auth:unlock', { userId: ownerId, pin: OWNER_PIN }));
}

describe('files and prints from a paired laptop', () => {
  it('the owner exports customers there: the laptop’s dialog gets the file, the primary’s nothing, the entry names the device', async () => {
    const { t, ids, lap, files, deviceId } = await counters();
    await ownerIn(lap, ids.ownerId);
    const r = value<{ saved: boolean; count: number }>(
      await lap.dispatch('w1', 'customers:export', { format: 'csv' }),
    );
    expect(r).toEqual({ saved: true, count: 1 });
    expect(files.saved).toHaveLength(1);
    expect(files.asked[0]).toMatchObject({ kind: 'save', windowId: 'w1' });
    expect(files.saved[0]!.name).toMatch(/\.csv$/);
    expect(files.saved[0]!.data.toString('utf8')).toContain('Sari Kopi');
    expect(t.dialogs.saved).toEqual([]);
    expect(entries('customers.export')).toMatchObject([
      { outcome: 'ok', actor: ids.ownerId, detail: { saved: true, count: 1, device: deviceId } },
    ]);
  });

  it('the owner prints the privacy notice there, on that laptop’s printer', async () => {
    const { t, ids, lap, files, deviceId } = await counters();
    await ownerIn(lap, ids.ownerId);
    expect(value(await lap.dispatch('w1', 'docs:print', { kind: 'notice' }))).toEqual({ saved: true });
    expect(files.printed).toHaveLength(1);
    expect(files.printed[0]!.name).toMatch(/^pemberitahuan-privasi-v\d+\.pdf$/);
    expect(files.printed[0]!.html).toContain('Toko Maju');
    expect(t.printer.printed).toEqual([]);
    expect(entries('docs.print')).toMatchObject([
      { outcome: 'ok', detail: { kind: 'notice', device: deviceId } },
    ]);
  });

  it('the owner fulfils an access request there: the report prints on that laptop and the request closes', async () => {
    const { t, ids, lap, files, deviceId, customer } = await counters();
    await ownerIn(lap, ids.ownerId);
    const req = await accessRequest(lap, t.clock.now(), customer.id);
    const done = value<{ status: string }>(
      await lap.dispatch('w1', 'requests:fulfil', { id: req.id, action: 'access_report' }),
    );
    expect(done.status).toBe('done');
    expect(files.printed).toHaveLength(1);
    expect(files.printed[0]!.html).toContain('Sari Kopi');
    expect(t.printer.printed).toEqual([]);
    expect(entries('request.fulfil')).toMatchObject([
      { outcome: 'ok', detail: { action: 'access_report', device: deviceId } },
    ]);
  });

  it('the other exports and the printed answer also land on the laptop, never on the primary', async () => {
    const { t, ids, lap, files, deviceId, customer } = await counters();
    await ownerIn(lap, ids.ownerId);
    expect(value(await lap.dispatch('w1', 'audit:export', {}))).toMatchObject({ saved: true });
    expect(value(await lap.dispatch('w1', 'audience:export', { channel: 'whatsapp' }))).toMatchObject({
      saved: true,
    });
    const req = await accessRequest(lap, t.clock.now(), customer.id);
    value(await lap.dispatch('w1', 'requests:fulfil', { id: req.id, action: 'access_report' }));
    expect(value(await lap.dispatch('w1', 'requests:answer', { id: req.id, mode: 'print' }))).toEqual({
      saved: true,
    });
    expect(files.asked.map((a) => a.kind)).toEqual(['save', 'save', 'print', 'print']);
    expect(t.dialogs.saved).toEqual([]);
    expect(t.printer.printed).toEqual([]);
    for (const action of ['audit.export', 'audience.export', 'request.answer'])
      expect(entries(action), action).toMatchObject([{ outcome: 'ok', detail: { device: deviceId } }]);
  });

  it('another paired laptop can neither take nor answer a file held for this one', async () => {
    const { t, ids, lap, files } = await counters({ lanFiles: { timeoutMs: 60_000 } });
    const port = (t.core.lan.status().listening as { port: number }).port;
    const other = await rig.pair(port, 'Kasir 2');
    await ownerIn(lap, ids.ownerId);
    const notices: string[] = [];
    const emit = rig.server!.emit.bind(rig.server);
    rig.server!.emit = (e) => {
      if (e.event === 'lan:file') notices.push((e.payload as { fileId: string }).fileId);
      return emit(e);
    };
    files.answer = 'hang';
    const call = lap.dispatch('w1', 'customers:export', { format: 'csv' });
    await until(() => files.asked.length === 1, 'the dialog open on the laptop');
    const fileId = notices[0]!;
    for (const step of [
      { fileId, step: 'take' as const },
      { fileId, step: 'answer' as const, saved: true },
    ]) {
      await expect(other.client.fileStep(step)).rejects.toMatchObject({ kind: 'protocol', reason: '404' });
    }
    lap.dispose();
    expect(await call).toMatchObject({ ok: false });
    await until(() => entries('customers.export').length > 0, 'the export’s entry on the primary');
    expect(entries('customers.export')).toMatchObject([{ outcome: 'failed' }]);
  });

  it('a cancel in the laptop’s dialog: saved is false, nothing is recorded as exported, a request stays open', async () => {
    const { t, ids, lap, files, customer } = await counters();
    await ownerIn(lap, ids.ownerId);
    files.answer = 'cancel';
    expect(value(await lap.dispatch('w1', 'customers:export', { format: 'json' }))).toEqual({
      saved: false,
      count: 1,
    });
    expect(files.asked).toHaveLength(1);
    expect(files.saved).toEqual([]);
    expect(entries('customers.export').filter((e) => e.detail.saved !== false)).toEqual([]);
    const req = await accessRequest(lap, t.clock.now(), customer.id);
    const after = value<{ status: string }>(
      await lap.dispatch('w1', 'requests:fulfil', { id: req.id, action: 'access_report' }),
    );
    expect(after.status).toBe('open');
  });

  it('the laptop gone while its dialog is open: the primary ends the call with a clear error at once, nothing exported', async () => {
    // A long timeout: the end must come from the laptop going away, not from the clock.
    const { ids, lap, files } = await counters({ lanFiles: { timeoutMs: 60_000 } });
    await ownerIn(lap, ids.ownerId);
    files.answer = 'hang';
    const started = performance.now();
    const call = lap.dispatch('w1', 'customers:export', { format: 'csv' });
    await until(() => files.asked.length === 1, 'the dialog open on the laptop');
    lap.dispose();
    expect(await call).toMatchObject({ ok: false, error: { code: 'PRIMARY_OFFLINE' } });
    await until(() => entries('customers.export').length > 0, 'the export’s entry on the primary');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(entries('customers.export')).toMatchObject([
      { outcome: 'failed', detail: { code: 'PRIMARY_OFFLINE' } },
    ]);
  });

  it('a dialog left unanswered past the bound: the owner is told so, nothing exported', async () => {
    const { ids, lap, files } = await counters({ lanFiles: { timeoutMs: 400 } });
    await ownerIn(lap, ids.ownerId);
    files.answer = 'hang';
    const r = await lap.dispatch('w1', 'customers:export', { format: 'csv' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'PRIMARY_OFFLINE', details: { reason: 'file_timeout' } },
    });
    if (!r.ok) expect(r.error.message).toMatch(/tidak dijawab|tidak ada jawaban/i);
    expect(entries('customers.export').filter((e) => e.outcome === 'ok')).toEqual([]);
  });

  it('a save that fails on the laptop: the owner is told it was not saved, nothing exported', async () => {
    const { ids, lap, files } = await counters();
    await ownerIn(lap, ids.ownerId);
    files.answer = 'fail';
    const r = await lap.dispatch('w1', 'customers:export', { format: 'csv' });
    expect(r).toMatchObject({ ok: false, error: { code: 'IO_ERROR', details: { reason: 'file_failed' } } });
    expect(files.asked).toHaveLength(1);
    expect(entries('customers.export')).toMatchObject([{ outcome: 'failed', detail: { code: 'IO_ERROR' } }]);
  });

  it('a file larger than the bound is refused before it crosses the link', async () => {
    const { ids, lap, files } = await counters({ lanFiles: { maxBytes: 40 } });
    await ownerIn(lap, ids.ownerId);
    const r = await lap.dispatch('w1', 'customers:export', { format: 'csv' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'file_too_large' } },
    });
    expect(files.asked).toEqual([]);
    expect(entries('customers.export').filter((e) => e.outcome === 'ok')).toEqual([]);
  });

  it('a cashier on the laptop is refused the export by role, as on the primary', async () => {
    const { ids, lap, files, deviceId } = await counters();
    await cashierIn({ call: (w, c, i) => lap.dispatch(w, c, i) as Promise<Reply> }, ids.cashierId);
    const r = await lap.dispatch('w1', 'customers:export', { format: 'csv' });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    if (!r.ok) expect(r.error.details?.reason).not.toBe('primary_only');
    expect(files.asked).toEqual([]);
    expect(
      entries('ipc.denied').filter(
        (e) => e.detail.channel === 'customers:export' && e.detail.device === deviceId,
      ),
    ).toHaveLength(1);
  });

  it('canary: an export from the laptop leaves no customer byte in its data folder or the temp folder', async () => {
    const since = fileSystemNow() - 1000;
    const tag = randomBytes(6).toString('hex');
    const name = `Kanari ${tag}`;
    const { t, ids, lap, files, dir } = await counters({ customer: name });
    await ownerIn(lap, ids.ownerId);
    expect(value(await lap.dispatch('w1', 'customers:export', { format: 'csv' }))).toMatchObject({
      saved: true,
    });
    expect(files.saved[0]!.data.toString('utf8')).toContain(name);
    const scanned = [
      ...filesSince(dir, since),
      ...filesSince(tmpdir(), since).filter((f) => !f.startsWith(t.dir)),
    ];
    expect(scanned.some((f) => f.startsWith(dir))).toBe(true);
    expect(hits(scanned, [name, tag])).toEqual([]);
  });
});
