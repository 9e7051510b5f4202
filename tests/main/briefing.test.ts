import { afterEach, describe, expect, it } from 'vitest';
import { CASHIER_PIN, makeCore, OWNER_PIN, setupShop, type TestCore } from '../support/fixtures';

let t: TestCore;
afterEach(() => t?.cleanup());

/** Answers the check as someone who knows the rules: the shop's rules yes, the others no. */
async function pass(t: TestCore, windowId = 'w1') {
  const rules = (await t.ok('briefing:get', {}, windowId)).rules;
  const quiz = await t.ok('briefing:quiz', {}, windowId);
  return t.ok('briefing:answer', { answers: quiz.questions.map((q) => rules.includes(q.text)) }, windowId);
}

describe('staff briefing (#14, seed point 4)', () => {
  it('is due at first login, passed with five right answers, due again after six months or a new text', async () => {
    t = makeCore();
    const { cashierId, ownerId } = await setupShop(t);
    expect((await t.ok('app:status', {})).briefingDue).toBe(true);
    const text = await t.ok('briefing:get', {});
    expect(text.rules).toContain('Kunci layar Brankas setiap kali meninggalkan kasir.');
    // The check holds three rules and two wrong practices; no answer leaves main.
    const quiz = await t.ok('briefing:quiz', {});
    expect(quiz.questions).toHaveLength(5);
    expect(quiz.questions.filter((q) => text.rules.includes(q.text))).toHaveLength(3);
    expect(JSON.stringify(quiz)).not.toMatch(/isRule|true|false/);
    // Everything "yes": two wrong, not passed, still due.
    expect(await t.ok('briefing:answer', { answers: [true, true, true, true, true] })).toEqual({
      passed: false,
      wrong: 2,
    });
    expect((await t.ok('app:status', {})).briefingDue).toBe(true);
    // An answer without a quiz (or a replayed one) is refused.
    expect(await t.call('briefing:answer', { answers: [true, true, true, false, false] })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await pass(t)).toEqual({ passed: true, wrong: 0 });
    expect((await t.ok('app:status', {})).briefingDue).toBe(false);
    // The owner sees who is current.
    expect((await t.ok('briefing:status', {})).map((s) => [s.name, s.current])).toEqual([
      ['Bu Sari', true],
      ['Andi', false],
    ]);
    // Six months later it is due again.
    t.clock.advance(181 * 86_400_000);
    expect((await t.ok('app:status', {})).briefingDue).toBe(true);
    await pass(t);
    // A new text: due for everyone.
    const updated = await t.ok('briefing:update', {
      text: 'Kunci layar.\nJangan memotret layar.\nJangan berbagi data.\nLapor pemilik bila ada masalah.',
      months: 3,
    });
    expect(updated).toMatchObject({ custom: true, version: 2, months: 3 });
    expect((await t.ok('app:status', {})).briefingDue).toBe(true);
    expect(await t.call('briefing:update', { text: 'Satu\nDua', months: 6 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { reason: 'briefing_short' } },
    });
    const log = await t.ok('audit:list', { action: 'briefing.answer' });
    expect(log.items.map((e) => [e.outcome, e.detail.wrong])).toEqual([
      ['ok', 0],
      ['ok', 0],
      ['failed', undefined],
      ['ok', 2],
    ]);

    // A cashier reads and passes too, and may not change the rules.
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
    expect((await t.ok('app:status', {})).briefingDue).toBe(true);
    expect(await pass(t)).toMatchObject({ passed: true });
    expect(await t.call('briefing:update', { text: 'a\nb\nc', months: 6 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    expect((await t.ok('briefing:status', {})).find((s) => s.name === 'Andi')?.current).toBe(true);
  });
});
