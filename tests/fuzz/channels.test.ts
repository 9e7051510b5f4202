import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/shared/contract';
import { ERROR_CODES } from '../../src/shared/errors';
import { makeCore, setupShop, type TestCore } from '../support/fixtures';

let t: TestCore;
beforeAll(async () => {
  t = makeCore();
  await setupShop(t);
  await t.ok('customers:create', { name: 'Pelanggan Fuzz', phone: '0812-1111-3333' });
});
afterAll(() => t.cleanup());

function isTyped(r: unknown): boolean {
  if (typeof r !== 'object' || r === null) return false;
  const res = r as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (res.ok === true) return 'value' in res;
  return (
    res.ok === false &&
    ERROR_CODES.includes(res.error?.code as never) &&
    typeof res.error?.message === 'string'
  );
}

/** Objects shaped like real inputs but with wrong types, sizes and strings in the fields. */
const nearValid = fc.dictionary(
  fc.constantFrom(
    'name',
    'phone',
    'pin',
    'pinConfirm',
    'userId',
    'id',
    'query',
    'offset',
    'limit',
    'code',
    'newPin',
    'newPinConfirm',
    'currentPin',
    'answers',
    'language',
    'autoLockMinutes',
    'email',
    'notes',
    'shopName',
    'ownerName',
    '__proto__',
    'constructor',
  ),
  fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme', maxLength: 300 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.anything(), { maxLength: 3 }),
    fc.object(),
  ),
);

describe('fuzz: arbitrary input on every channel gives only typed results (1,000 cases each)', () => {
  for (const channel of CHANNELS) {
    if (channel === 'auth:lock') continue; // would end the session the rest of the run needs
    it(channel, async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.anything(), nearValid), async (input) => {
          const r = await t.core.dispatch('w1', channel, input);
          expect(isTyped(r)).toBe(true);
        }),
        { numRuns: 1000 },
      );
    });
  }

  it('arbitrary channel names and windows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.string(), fc.anything(), async (channel, windowId, input) => {
        const r = await t.core.dispatch(windowId, channel, input);
        expect(isTyped(r)).toBe(true);
      }),
      { numRuns: 200 },
    );
    // The vault is intact and still verifies after all of it.
    expect((await t.ok('audit:verify', {})).ok).toBe(true);
  });
});
