import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, contract, type ChannelName } from '../../src/shared/contract';
import { GATES, SAMPLE, expected } from '../support/channel-matrix';
import { CASHIER_PIN, OWNER_PIN } from '../support/fixtures';
import { WireRig, value, type Paired } from '../support/lan-wire';

// The router's hand-written channel x role matrix, applied to sessions on a paired laptop: every
// channel answers over the wire as it does on the primary for that role, except the work that
// stays on the primary (`primaryOnly`), which is refused to the owner too. Saving a file and
// printing are not among it: they open the paired laptop's own dialog (lan-files.test.ts).

const rig = new WireRig();
let laptops: { owner: Paired; cashier: Paired };
let ids: { ownerId: string; cashierId: string };

beforeAll(async () => {
  const p = await rig.primary();
  ids = p.ids;
  await rig.t!.ok('customers:create', { name: 'Pelanggan Satu', phone: '0813-1111-2222' });
  laptops = { owner: await rig.pair(p.port, 'Laptop belakang'), cashier: await rig.pair(p.port, 'Kasir 2') };
  // The cashier's initial PIN is changed once, on the paired laptop, as on the primary.
  const c = laptops.cashier.client;
  value(await c.call('first', 'auth:unlock', { userId: ids.cashierId, pin: CASHIER_PIN }));
  value(
    await c.call('first', 'auth:changePin', {
      currentPin: CASHIER_PIN,
      newPin: '582914',
      newPinConfirm: '582914',
    }),
  );
}, 60_000);
afterAll(() => rig.close());

/** Reads whose answer differs on the next call, wherever it comes from. */
const FRESH_EACH_TIME = new Set<ChannelName>([
  // the staff check's questions, in a new order each time
  'briefing:quiz',
  // the log's check is itself logged and anchors the chain: the next check counts one more
  'audit:verify',
]);

const PINS = { owner: OWNER_PIN, cashier: '582914' } as const;

function wanted(channel: ChannelName, who: 'owner' | 'cashier'): string | null {
  if ((contract[channel] as { primaryOnly?: true }).primaryOnly) return 'FORBIDDEN';
  return expected(channel, who);
}

/** Written out by hand: what must run where the vault is (long jobs, keys, the breach flow, the link). */
const PRIMARY_ONLY = [
  'backups:status',
  'backups:enable',
  'backups:create',
  'backups:verify',
  'backups:schedule',
  'backups:restore',
  'setup:restore',
  'setup:create',
  'setup:recoveryCode',
  'setup:confirmRecovery',
  'setup:printRecoveryCard',
  'auth:recoverOwner',
  'incident:create',
  'incident:list',
  'incident:contain',
  'incident:rotateKey',
  'incident:scope',
  'incident:affected',
  'incident:notify',
  'incident:letters',
  'incident:whatsappList',
  'incident:markNotified',
  'incident:close',
  'import:open',
  'import:check',
  'import:commit',
  'import:cancel',
  'import:saveErrors',
  'sales:open',
  'sales:check',
  'sales:commit',
  'retention:purge',
  'retention:confirmClock',
  'lan:status',
  'lan:enable',
  'lan:newCode',
  'lan:devices',
  'lan:revoke',
];

/** Exports and prints: they open the caller's own dialog, so a paired laptop may run them. */
const HANDS_FILE = [
  'customers:export',
  'audit:export',
  'audience:export',
  'docs:print',
  'requests:fulfil',
  'requests:answer',
  'members:card',
];

describe('the channel x role matrix over the wire', () => {
  it('what stays on the primary is the hand-written list; exports and prints are not on it', () => {
    const flagged = (flag: 'primaryOnly' | 'handsFile') =>
      CHANNELS.filter((c) => (contract[c] as { primaryOnly?: true; handsFile?: true })[flag]);
    expect(flagged('primaryOnly').sort()).toEqual([...PRIMARY_ONLY].sort());
    expect(flagged('handsFile').sort()).toEqual([...HANDS_FILE].sort());
  });

  // The cashier first: the owner's own calls (a new briefing text) would make the cashier's briefing due.
  for (const who of ['cashier', 'owner'] as const) {
    it(`${who} on a paired laptop: every channel as on the primary, primary-only work refused`, async () => {
      const { client, deviceId } = laptops[who];
      const userId = who === 'owner' ? ids.ownerId : ids.cashierId;
      const got: Record<string, string | null> = {};
      const want: Record<string, string | null> = {};
      for (const [i, channel] of CHANNELS.entries()) {
        // A window of its own per channel: a lock or a refusal in one does not colour the next.
        const windowId = `${who}-${i}`;
        value(await client.call(windowId, 'auth:unlock', { userId, pin: PINS[who] }));
        const local = `${who}-local-${i}`;
        await rig.t!.ok('auth:unlock', { userId, pin: PINS[who] }, local);
        const r = await client.call(windowId, channel, SAMPLE[channel]);
        const code = r.ok ? null : r.error.code;
        if (!r.ok) expect(r.error.message.length, channel).toBeGreaterThan(5);
        want[channel] = wanted(channel, who);
        // Past the gates, the handler's own answer (ok or its error) is not a gate's.
        got[channel] = code !== null && GATES.includes(code) ? code : null;
        if (want[channel] === null) expect(GATES, channel).not.toContain(code);
        if (want[channel] === null && !contract[channel].writes && !FRESH_EACH_TIME.has(channel)) {
          // A read changes nothing, so the same read on the primary, by the same user in a window
          // of the primary's own, must give the very same answer.
          expect(r, channel).toEqual(await rig.t!.core.dispatch(local, channel, SAMPLE[channel]));
        }
      }
      expect(got).toEqual(want);

      // Each refusal is in the primary's log, with the paired laptop named.
      const db = rig.t!.core.vault.requireDb();
      const rows = db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'ipc.denied'").all() as {
        actor: string | null;
        detail: string;
      }[];
      const refused = Object.keys(want)
        .filter((c) => want[c] !== null)
        .sort();
      const logged = rows
        .map((r) => ({ actor: r.actor, detail: JSON.parse(r.detail) as Record<string, unknown> }))
        .filter((r) => r.detail.device === deviceId)
        .map((r) => {
          expect(r.actor).toBe(userId);
          return String(r.detail.channel);
        });
      expect([...new Set(logged)].sort()).toEqual(refused);
      expect(refused.length).toBeGreaterThan(who === 'owner' ? 15 : 50);
    }, 120_000);
  }
});
