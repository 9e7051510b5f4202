import { afterEach, describe, expect, it } from 'vitest';
import { MemoryKeyStore } from '../../src/main/ports/memory-ports';
import { acknowledge } from '../../src/main/services/briefing';
import { CASHIER_PIN, makeCore, setupShop, tempDir, type TestCore } from '../support/fixtures';

let t: TestCore;
afterEach(() => t?.cleanup());

const byKey = async (t: TestCore) =>
  Object.fromEntries((await t.ok('health:get', {})).map((i) => [i.key, i])) as Record<
    string,
    { status: string; values: Record<string, string | number>; page: string }
  >;

describe('the privacy health screen', () => {
  it('shows each point live, with the page that fixes it, and moves as the shop fixes things', async () => {
    t = makeCore({ keyStore: new MemoryKeyStore('basic_text', false) });
    const { recoveryCode } = await setupShop(t, { cashierBriefed: false });
    await t.ok('customers:create', {
      name: 'Siti',
      phone: '0812-3456-7890',
      consents: [{ purposeId: 2, method: 'paper' }],
    });
    let h = await byKey(t);
    expect(h.keystore).toMatchObject({ status: 'bad', values: { backend: 'basic_text' }, page: 'settings' });
    expect(h.backup).toMatchObject({ status: 'bad', page: 'backups' });
    expect(h.ownerPin).toMatchObject({ status: 'warn', values: { kind: 'digits' } });
    expect(h.users).toMatchObject({ status: 'warn', values: { users: 2, unread: 2 } });
    expect(h.audit!.status).toBe('warn');
    expect(h.consent).toMatchObject({ status: 'ok', values: { customers: 1, decided: 1, stale: 0 } });
    expect(h.breach).toMatchObject({ status: 'warn', values: { open: 0, contact: 0 } });

    // Fixes: a verified audit chain, a passphrase, a contact; an overdue request turns it red.
    await t.ok('audit:verify', {});
    await t.ok('auth:changePin', {
      currentPin: '271828',
      newPin: 'kopi susu gula aren',
      newPinConfirm: 'kopi susu gula aren',
    });
    await t.ok('settings:update', {
      autoLockMinutes: 5,
      notesHardBlock: false,
      shopContact: 'WA 0812',
      recipients: '',
    });
    await t.ok('requests:create', {
      type: 'access',
      customerId: null,
      requester: 'Pak Joko',
      receivedAt: t.clock.now() - 80 * 3_600_000,
      acknowledgeLate: true,
      receivedReason: 'Surat baru dibuka hari ini',
      channel: 'phone',
      verification: 'Menyebut tanggal lahir',
    });
    h = await byKey(t);
    expect(h.audit!.status).toBe('ok');
    expect(h.ownerPin).toMatchObject({ status: 'ok', values: { kind: 'passphrase' } });
    expect(h.breach!.status).toBe('ok');
    expect(h.requests).toMatchObject({ status: 'bad', values: { open: 1, overdue: 1 }, page: 'privacy' });
    // Checks dated after now (made with the clock a year ahead, then put right) are stale, not
    // fresh for a year: the backup point says so, the audit point asks for a check.
    await t.ok('backups:enable', { code: recoveryCode });
    const usb = tempDir('brankas-usb-');
    t.dialogs.nextFolder = usb.dir;
    t.clock.setWall(t.clock.now() + 365 * 86_400_000);
    await t.ok('audit:verify', {});
    await t.ok('backups:create', {});
    t.clock.setWall(t.clock.now() - 365 * 86_400_000);
    h = await byKey(t);
    expect(h.audit).toMatchObject({ status: 'warn', values: { days: -1 } });
    expect(h.backup).toMatchObject({ status: 'warn', values: { future: 1 } });
    expect((await t.ok('app:status', {})).backupDue).toBe(true);
    usb.cleanup();
    void recoveryCode;
    void CASHIER_PIN;
    // Counts only: no customer's name or phone in the screen's data.
    expect(JSON.stringify(await t.ok('health:get', {}))).not.toMatch(/Siti|0812-3456/);
  });
});

describe('PIN age on the health screen', () => {
  it('counts no PIN as a year old in a shop set up today, and counts both a year later', async () => {
    t = makeCore();
    const { ownerId } = await setupShop(t);
    acknowledge(t.core.vault.requireDb(), ownerId, t.clock.now());
    let h = await byKey(t);
    expect(h.users!.values.oldPins).toBe(0);
    expect(h.users!.status).toBe('ok');

    t.clock.advance(366 * 86_400_000);
    h = await byKey(t);
    // Both PINs (owner's from set-up, cashier's from creation) are now more than a year old.
    expect(h.users!.values.oldPins).toBe(2);
  });
});
