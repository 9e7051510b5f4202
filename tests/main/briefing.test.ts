import { afterEach, describe, expect, it } from 'vitest';
import { CASHIER_PIN, makeCore, OWNER_PIN, setupShop, type TestCore } from '../support/fixtures';

let t: TestCore;
afterEach(() => t?.cleanup());

/**
 * What someone who learned the rules may do, written out here from the rules (not from the code):
 * every other action the check asks about is not allowed.
 */
const ALLOWED = new Set([
  'Mengunci layar Brankas setiap kali meninggalkan kasir.',
  'Mencatat hanya data yang diminta formulir.',
  'Menanyakan persetujuan pelanggan untuk setiap tujuan, satu per satu.',
  'Memberi tahu pemilik toko segera bila ada yang salah atau data bocor.',
  // The shop's own rules used below.
  'Kunci layar.',
  'Lapor pemilik bila ada masalah.',
]);

/** Answers the check as someone who knows the rules: "Boleh" for what they may do, else "Tidak boleh". */
async function pass(t: TestCore, windowId = 'w1') {
  const quiz = await t.ok('briefing:quiz', {}, windowId);
  return t.ok('briefing:answer', { answers: quiz.questions.map((q) => ALLOWED.has(q.text)) }, windowId);
}

describe('staff briefing', () => {
  it('is due at first login, passed with five right answers, due again after six months or a new text', async () => {
    t = makeCore();
    const { cashierId, ownerId } = await setupShop(t, { cashierBriefed: false });
    expect((await t.ok('app:status', {})).briefingDue).toBe(true);
    const text = await t.ok('briefing:get', {});
    expect(text.rules).toContain('Kunci layar Brankas setiap kali meninggalkan kasir.');
    // The check holds five actions; no answer leaves main.
    const quiz = await t.ok('briefing:quiz', {});
    expect(quiz.questions).toHaveLength(5);
    expect(JSON.stringify(quiz)).not.toMatch(/isRule|allowed|true|false/);
    // Everything "Boleh": at least the two wrong practices are wrong; not passed, still due.
    const notAllowed = quiz.questions.filter((q) => !ALLOWED.has(q.text)).length;
    expect(notAllowed).toBeGreaterThanOrEqual(2);
    expect(await t.ok('briefing:answer', { answers: [true, true, true, true, true] })).toMatchObject({
      passed: false,
      wrong: notAllowed,
    });
    expect((await t.ok('app:status', {})).briefingDue).toBe(true);
    // An answer without a quiz (or a replayed one) is refused.
    expect(await t.call('briefing:answer', { answers: [true, true, true, false, false] })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await pass(t)).toEqual({ passed: true, wrong: 0, mistakes: [] });
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
      ['ok', notAllowed],
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

describe("the default rules in the reader's language, the owner's own as written", () => {
  /** The seed's six rules in English, and what someone who learned them may do. */
  const RULES_EN = [
    'Lock Brankas whenever you leave the counter.',
    "Never photograph the screen or copy customers' numbers to a personal phone.",
    'Share no customer data with anyone outside the shop.',
    'Record only what the form asks for.',
    'Ask for consent for each purpose, and never tick it for the customer.',
    'Tell the owner at once if something goes wrong or data leaks.',
  ];
  const ALLOWED_EN = new Set([
    'Locking Brankas every time you leave the counter.',
    'Recording only what the form asks for.',
    'Asking the customer for consent for each purpose, one by one.',
    'Telling the owner at once when something goes wrong or data leaks.',
  ]);

  it("reads and asks the defaults in English, keeps the owner's text as saved, and clears back to the defaults", async () => {
    t = makeCore();
    await setupShop(t);
    await t.ok('app:setLanguage', { language: 'en' });
    expect(await t.ok('briefing:get', {})).toMatchObject({ rules: RULES_EN, custom: false });
    // The check asks in English; every answer turned round names English rules.
    const quiz = await t.ok('briefing:quiz', {});
    const wrong = await t.ok('briefing:answer', {
      answers: quiz.questions.map((q) => !ALLOWED_EN.has(q.text)),
    });
    expect(wrong.wrong).toBe(5);
    for (const m of wrong.mistakes) expect(RULES_EN).toContain(m.rule);
    const again = await t.ok('briefing:quiz', {});
    expect(
      await t.ok('briefing:answer', { answers: again.questions.map((q) => ALLOWED_EN.has(q.text)) }),
    ).toMatchObject({ passed: true });

    // The owner's own words are hers: shown as saved, whatever the reader's language.
    const own = ['Kunci layar.', 'Jangan memotret layar.', 'Lapor pemilik bila ada masalah.'];
    await t.ok('briefing:update', { text: own.join('\n'), months: 6 });
    expect(await t.ok('briefing:get', {})).toMatchObject({ rules: own, custom: true });
    // Cleared, the defaults come back in the reader's language.
    await t.ok('briefing:update', { text: '', months: 6 });
    expect(await t.ok('briefing:get', {})).toMatchObject({ rules: RULES_EN, custom: false });
    await t.ok('app:setLanguage', { language: 'id' });
    expect((await t.ok('briefing:get', {})).rules[0]).toBe(
      'Kunci layar Brankas setiap kali meninggalkan kasir.',
    );
  });
});

describe('the check asks plainly, says what was wrong, and waits for the owner', () => {
  /** Negations a question must not start with: the answer "Tidak boleh" would then be a double negative. */
  const NEGATED = /^(jangan|tidak boleh|dilarang|never|do not|don't)\b/i;

  it('every question is an action answered "Boleh" or "Tidak boleh", never a negated rule', async () => {
    t = makeCore();
    await setupShop(t);
    const asked = new Set<string>();
    const ask = async () => {
      for (let i = 0; i < 12; i++) {
        const quiz = await t.ok('briefing:quiz', {});
        for (const q of quiz.questions) asked.add(q.text);
        await t.ok('briefing:answer', { answers: quiz.questions.map((q) => ALLOWED.has(q.text)) });
      }
    };
    await ask();
    // The default rules include "Jangan memotret layar ..." and "Jangan membagikan ...".
    expect([...asked].filter((q) => NEGATED.test(q))).toEqual([]);
    // The owner's own rules, two of them "Jangan ...": asked about the action, answered "Tidak boleh".
    await t.ok('briefing:update', {
      text: 'Kunci layar.\nJangan memotret layar.\nJangan berbagi data.\nLapor pemilik bila ada masalah.',
      months: 6,
    });
    asked.clear();
    await ask();
    expect([...asked].filter((q) => NEGATED.test(q))).toEqual([]);
    expect(asked).toContain('Memotret layar.');
    // Knowing the rules passes every time; "Memotret layar." answered "Boleh" fails.
    let quiz = await t.ok('briefing:quiz', {});
    while (!quiz.questions.some((q) => q.text === 'Memotret layar.')) {
      await t.ok('briefing:answer', { answers: quiz.questions.map((q) => ALLOWED.has(q.text)) });
      quiz = await t.ok('briefing:quiz', {});
    }
    const r = await t.ok('briefing:answer', {
      answers: quiz.questions.map((q) => q.text === 'Memotret layar.' || ALLOWED.has(q.text)),
    });
    expect(r).toMatchObject({ passed: false, wrong: 1 });
  });

  it('a failed try says which answers were wrong, the right answer and the rule', async () => {
    t = makeCore();
    await setupShop(t);
    const rules = (await t.ok('briefing:get', {})).rules;
    const quiz = await t.ok('briefing:quiz', {});
    // Every answer turned round: all five are wrong.
    const r = await t.ok('briefing:answer', { answers: quiz.questions.map((q) => !ALLOWED.has(q.text)) });
    expect(r.passed).toBe(false);
    expect(r.mistakes.map((m) => [m.id, m.text, m.allowed])).toEqual(
      quiz.questions.map((q) => [q.id, q.text, ALLOWED.has(q.text)]),
    );
    // Each names one of the shop's rules.
    for (const m of r.mistakes) expect(rules).toContain(m.rule);
  });

  it('saving the rules does not push the owner into the check; the cashier gets it at the next login', async () => {
    t = makeCore();
    const { cashierId, ownerId } = await setupShop(t);
    expect(await pass(t)).toMatchObject({ passed: true });
    await t.ok('briefing:update', {
      text: 'Kunci layar.\nJangan memotret layar.\nJangan berbagi data.',
      months: 6,
    });
    // Due for her too (the banner), but not in front of everything.
    expect(await t.ok('app:status', {})).toMatchObject({ briefingDue: true, briefingGate: false });
    await t.ok('customers:search', { query: '', offset: 0, limit: 20 });
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
    expect(await t.ok('app:status', {})).toMatchObject({ briefingDue: true, briefingGate: true });
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    expect(await t.ok('app:status', {})).toMatchObject({ briefingDue: true, briefingGate: false });
    expect(await pass(t)).toMatchObject({ passed: true });
    expect(await t.ok('app:status', {})).toMatchObject({ briefingDue: false, briefingGate: false });
  });

  it('an owner who never read the briefing reads it first', async () => {
    t = makeCore();
    await setupShop(t);
    expect(await t.ok('app:status', {})).toMatchObject({ briefingDue: true, briefingGate: true });
  });
});

describe('the briefing held in main', () => {
  /** A wrong answer every time: everything "yes" (two of the five are wrong practices). */
  const guess = async (t: TestCore) => {
    await t.ok('briefing:quiz', {});
    return t.ok('briefing:answer', { answers: [true, true, true, true, true] });
  };

  it('a cashier whose briefing is due may only read it, answer the check and log out', async () => {
    t = makeCore();
    const { cashierId, ownerId } = await setupShop(t, { cashierBriefed: false });
    const siti = await t.ok('customers:create', { name: 'Siti Aminah', phone: '081234567890' });
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
    expect((await t.ok('app:status', {})).briefingDue).toBe(true);

    // The counter's work is refused, with a message saying what to do.
    const refused = [
      await t.call('customers:search', { query: 'Siti', offset: 0, limit: 20 }),
      await t.call('customers:get', { id: siti.id }),
      await t.call('customers:create', { name: 'Budi Santoso' }),
      await t.call('purchases:create', { customerId: siti.id, amount: 10_000, items: ['Gula'] }),
      await t.call('consent:history', { customerId: siti.id }),
      await t.call('requests:create', {
        type: 'access',
        customerId: siti.id,
        channel: 'in_person',
        verification: 'KTP dicocokkan',
      }),
    ];
    for (const r of refused) {
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', details: { reason: 'briefing_due' } },
      });
      expect(r.ok ? '' : r.error.message).toMatch(/aturan data/i);
    }
    // Reading the rules, the check and the session's own channels still work.
    await t.ok('briefing:get', {});
    await t.ok('auth:touch', {});
    await t.ok('app:setLanguage', { language: 'id' });
    expect(await pass(t)).toMatchObject({ passed: true });
    expect((await t.ok('customers:search', { query: 'Siti', offset: 0, limit: 20 })).items).toHaveLength(1);

    // Each refusal is audited, with the channel and why.
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    const denied = await t.ok('audit:list', { action: 'ipc.denied' });
    const mine = denied.items.filter((e) => e.detail.reason === 'briefing_due');
    expect(mine.map((e) => e.detail.channel).sort()).toEqual(
      [
        'consent:history',
        'customers:create',
        'customers:get',
        'customers:search',
        'purchases:create',
        'requests:create',
      ].sort(),
    );
    expect(mine.every((e) => e.outcome === 'denied' && e.actorId === cashierId)).toBe(true);
  });

  it('guessing the check waits longer after each wrong answer past three, counted in main', async () => {
    t = makeCore();
    const { cashierId, ownerId } = await setupShop(t, { cashierBriefed: false });
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
    for (let i = 0; i < 3; i++) expect(await guess(t)).toMatchObject({ passed: false });
    // The fourth try waits a minute.
    const wait = await t.call('briefing:quiz', {});
    expect(wait).toMatchObject({ ok: false, error: { code: 'THROTTLED' } });
    expect(wait.ok ? 0 : wait.error.details?.retryAfterMs).toBe(60_000);
    // Logging out and in again, or moving the wall clock, is no way round it.
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: cashierId, pin: '582914' });
    t.clock.setWall(t.clock.now() + 86_400_000);
    expect(await t.call('briefing:quiz', {})).toMatchObject({ ok: false, error: { code: 'THROTTLED' } });
    t.clock.advance(60_000);
    expect(await guess(t)).toMatchObject({ passed: false });
    // The next wait is twice as long.
    t.clock.advance(60_000);
    const longer = await t.call('briefing:quiz', {});
    expect(longer.ok ? 0 : longer.error.details?.retryAfterMs).toBe(60_000);
    t.clock.advance(60_000);
    expect(await pass(t)).toMatchObject({ passed: true });

    // The owner sees each answer with the count of wrong ones in a row and the wait it started.
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: ownerId, pin: OWNER_PIN });
    const log = await t.ok('audit:list', { action: 'briefing.answer' });
    expect(log.items.map((e) => [e.detail.wrongInRow, e.detail.waitSeconds]).reverse()).toEqual([
      [1, 0],
      [2, 0],
      [3, 60],
      [4, 120],
      [0, 0],
    ]);
  });

  it('the count of wrong answers outlives a restart of the app', async () => {
    t = makeCore();
    const { cashierId } = await setupShop(t, { cashierBriefed: false });
    await t.ok('auth:lock', {});
    await t.ok('auth:unlock', { userId: cashierId, pin: CASHIER_PIN });
    await t.ok('auth:changePin', { currentPin: CASHIER_PIN, newPin: '582914', newPinConfirm: '582914' });
    for (let i = 0; i < 3; i++) await guess(t);
    t.core.dispose();
    const again = makeCore({ dir: t.dir, keyStore: t.keyStore, clock: t.clock });
    t = { ...again, cleanup: t.cleanup };
    await t.ok('auth:unlock', { userId: cashierId, pin: '582914' });
    expect(await t.call('briefing:quiz', {})).toMatchObject({ ok: false, error: { code: 'THROTTLED' } });
  });
});
