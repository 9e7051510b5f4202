import { afterEach, describe, expect, it } from 'vitest';
import { errorMessage } from '../../src/shared/messages';
import { makeCore, setupShop, type TestCore } from '../support/fixtures';

/**
 * A customer with no WhatsApp number: the rights answer and the incident notice each say so in
 * their own words, with their own way out (print it), not the receipt's words.
 */
let t: TestCore | undefined;
afterEach(() => t?.cleanup());

/** The answer in the app's words: CONFLICT with this reason, in the owner's language. */
const told = (reason: string) => ({
  ok: false,
  error: { code: 'CONFLICT', message: errorMessage('CONFLICT', 'id', { reason }), details: { reason } },
});

async function shopWithBudi() {
  t = makeCore();
  await setupShop(t);
  const budi = await t.ok('customers:create', { name: 'Budi Santoso' });
  return { t, budi };
}

describe('no WhatsApp number: each message says what cannot go and what to do', () => {
  it('a rights answer', async () => {
    const { t, budi } = await shopWithBudi();
    const req = await t.ok('requests:create', {
      type: 'access',
      customerId: budi.id,
      receivedAt: t.clock.now(),
      channel: 'in_person',
      verification: 'KTP dicocokkan',
    });
    await t.ok('requests:fulfil', { id: req.id, action: 'access_report' });
    const answer = await t.call('requests:answer', { id: req.id, mode: 'copy' });
    expect(answer).toEqual(told('answer_no_phone'));
    expect(errorMessage('CONFLICT', 'id', { reason: 'answer_no_phone' })).toMatch(
      /jawaban.*Cetak jawabannya/,
    );
    expect(errorMessage('CONFLICT', 'en', { reason: 'answer_no_phone' })).toMatch(/answer.*Print the answer/);
  });

  it('an incident notice', async () => {
    const { t, budi } = await shopWithBudi();
    const incident = await t.ok('incident:create', {
      kind: 'lost_backup',
      description: 'Flashdisk cadangan hilang di pasar',
    });
    await t.ok('incident:scope', { id: incident.id, mode: 'list', ids: [budi.id], categories: ['identity'] });
    const notice = await t.call('incident:notify', {
      id: incident.id,
      to: 'customer',
      customerId: budi.id,
      mode: 'copy',
    });
    expect(notice).toEqual(told('incident_no_phone'));
    expect(errorMessage('CONFLICT', 'id', { reason: 'incident_no_phone' })).toMatch(
      /pemberitahuan insiden.*Cetak/,
    );
    expect(errorMessage('CONFLICT', 'en', { reason: 'incident_no_phone' })).toMatch(/incident notice.*Print/);
  });
});
