import { describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/shared/domain';
import type { Language } from '../../src/shared/language';
import { errorMessage } from '../../src/shared/messages';
import { AppError } from '../../src/main/lib/app-error';
import { Router, type RouterDeps } from '../../src/main/ipc/router';
import { Sessions } from '../../src/main/ipc/sessions';
import { TestClock } from '../support/clock';

const owner: SessionUser = { id: 'owner-1', name: 'Bu Sari', role: 'owner', mustChangePin: false };
const cashier: SessionUser = { id: 'cashier-1', name: 'Andi', role: 'cashier', mustChangePin: false };

type AuditCall = Parameters<RouterDeps['audit']>[0];

/** The router with real sessions and a recording audit; the handlers are the test's. */
function router(
  opts: { recoveryPending?: boolean; busy?: boolean; auditThrows?: boolean; language?: Language } = {},
) {
  const clock = new TestClock();
  const sessions = new Sessions(clock);
  const audits: AuditCall[] = [];
  const logs: string[] = [];
  const writes: string[] = [];
  const r = new Router({
    sessions,
    language: () => opts.language ?? 'id',
    recoveryPending: () => opts.recoveryPending ?? false,
    busy: () => opts.busy ?? false,
    audit: (e) => {
      if (opts.auditThrows) throw new Error('disk full');
      audits.push(e);
    },
    afterWrite: (c) => void writes.push(c),
    log: (l) => void logs.push(l),
  });
  return { r, sessions, clock, audits, logs, writes };
}

describe('router: one path for every call (validate -> authorize -> audit -> handler)', () => {
  it('an unknown channel is refused and the attempt audited with who tried it', async () => {
    const { r, sessions, audits } = router();
    sessions.start('w1', cashier);
    const res = await r.dispatch('w1', 'customers:dropAll', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(audits).toEqual([
      { actor: 'cashier-1', action: 'ipc.denied', outcome: 'denied', detail: { code: 'UNKNOWN_CHANNEL' } },
    ]);
  });

  it('a channel of the contract with no handler is refused as unknown; missing() lists it', async () => {
    const { r } = router();
    expect(await r.dispatch('w1', 'app:status', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(r.missing()).toContain('app:status');
    r.handle('app:status', () => ({}) as never);
    expect(r.missing()).not.toContain('app:status');
  });

  it('a handler cannot be registered twice for one channel', () => {
    const { r } = router();
    r.handle('auth:lock', () => null);
    expect(() => r.handle('auth:lock', () => null)).toThrow(/twice/);
  });

  it('no input counts as an empty one (a channel without fields)', async () => {
    const { r } = router();
    r.handle('auth:lock', () => null);
    expect(await r.dispatch('w1', 'auth:lock', undefined)).toEqual({ ok: true, value: null });
  });

  it('without a session a protected channel is LOCKED and audited; the handler never runs', async () => {
    const { r, audits } = router();
    let ran = false;
    r.handle('settings:get', () => {
      ran = true;
      return {} as never;
    });
    const res = await r.dispatch('w1', 'settings:get', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(ran).toBe(false);
    expect(audits).toEqual([
      {
        actor: null,
        action: 'ipc.denied',
        outcome: 'denied',
        detail: { channel: 'settings:get', code: 'LOCKED' },
      },
    ]);
  });

  it('a cashier asking for an owner-only channel is FORBIDDEN and audited; the owner passes', async () => {
    const { r, sessions, audits } = router();
    r.handle('audit:list', () => ({ ok: 1 }) as never);
    sessions.start('w1', cashier);
    sessions.start('w2', owner);
    expect(await r.dispatch('w1', 'audit:list', {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(audits[0]).toMatchObject({
      actor: 'cashier-1',
      detail: { channel: 'audit:list', code: 'FORBIDDEN' },
    });
    expect(await r.dispatch('w2', 'audit:list', {})).toEqual({ ok: true, value: { ok: 1 } });
  });

  it('a user who must change the initial PIN may only lock, change the PIN and the like', async () => {
    const { r, sessions } = router();
    r.handle('settings:get', () => ({}) as never);
    r.handle('auth:lock', () => null);
    sessions.start('w1', { ...owner, mustChangePin: true });
    expect(await r.dispatch('w1', 'settings:get', {})).toMatchObject({
      error: { code: 'PIN_CHANGE_REQUIRED' },
    });
    expect(await r.dispatch('w1', 'auth:lock', {})).toEqual({ ok: true, value: null });
  });

  it('until the recovery code is confirmed the owner may only confirm it (and lock)', async () => {
    const { r, sessions } = router({ recoveryPending: true });
    r.handle('settings:get', () => ({}) as never);
    r.handle('setup:recoveryCode', () => ({}) as never);
    sessions.start('w1', owner);
    expect(await r.dispatch('w1', 'settings:get', {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await r.dispatch('w1', 'setup:recoveryCode', {})).toMatchObject({ ok: true });
  });

  it('a refused input is VALIDATION with the fields and why, before any permission check', async () => {
    const { r, audits } = router();
    let ran = false;
    r.handle('settings:update', () => {
      ran = true;
      return {} as never;
    });
    // No session: still VALIDATION (the input is checked first), and validation is not audited.
    const res = await r.dispatch('w1', 'settings:update', { autoLockMinutes: 0, notesHardBlock: 'yes' });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('VALIDATION');
    expect(res.error.details?.fields).toEqual(expect.arrayContaining(['autoLockMinutes', 'notesHardBlock']));
    expect(res.error.details?.issues).toEqual(
      expect.arrayContaining([
        { field: 'autoLockMinutes', reason: 'too_small', limit: 1 },
        { field: 'notesHardBlock', reason: 'invalid' },
      ]),
    );
    expect(res.error.details?.reason).toBeUndefined();
    expect(ran).toBe(false);
    expect(audits).toEqual([]);
  });

  it.each([
    ['a missing field', 'users:create', { pin: '582914' }, { field: 'name', reason: 'required' }],
    ['an empty name', 'users:create', { name: '', pin: '582914' }, { field: 'name', reason: 'required' }],
    [
      'a name too long',
      'users:create',
      { name: 'x'.repeat(121), pin: '582914' },
      { field: 'name', reason: 'too_long', limit: 120 },
    ],
    [
      'a purpose too short',
      'fields:update',
      { key: 'email', enabled: true, purpose: 'ab' },
      { field: 'purpose', reason: 'too_short', limit: 3 },
    ],
    [
      'a number too big',
      'settings:update',
      { autoLockMinutes: 121, notesHardBlock: true },
      { field: 'autoLockMinutes', reason: 'too_big', limit: 120 },
    ],
    [
      'a fraction',
      'settings:update',
      { autoLockMinutes: 1.5, notesHardBlock: true },
      { field: 'autoLockMinutes', reason: 'not_whole' },
    ],
    ['an empty list', 'setup:confirmRecovery', { answers: [] }, { field: 'answers', reason: 'required' }],
    [
      'a list too long',
      'setup:confirmRecovery',
      { answers: Array.from({ length: 7 }, () => ({ group: 1, value: 'AAAA' })) },
      { field: 'answers', reason: 'too_many', limit: 6 },
    ],
    ['an unknown key', 'auth:lock', { extra: 1 }, { field: '(input)', reason: 'invalid' }],
  ])('%s: the form is told which field and why', async (_, channel, input, issue) => {
    const { r } = router();
    r.handle(channel as 'auth:lock', () => null);
    const res = await r.dispatch('w1', channel, input);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('VALIDATION');
    expect(res.error.details?.issues).toContainEqual(issue);
    expect(res.error.details?.fields).toContain(issue.field);
  });

  it('hidden characters in text are named as such (field and whole answer)', async () => {
    const { r } = router();
    r.handle('users:create', () => ({}) as never);
    const res = await r.dispatch('w1', 'users:create', { name: 'An\u202Edi', pin: '582914' });
    expect(res).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        details: { reason: 'hidden_chars', issues: [{ field: 'name', reason: 'hidden_chars' }] },
      },
    });
  });

  it('one issue per field: the first reason is the one shown', async () => {
    const { r } = router();
    r.handle('users:create', () => ({}) as never);
    // Too long and with a hidden character: two problems, one line beside the field.
    const res = await r.dispatch('w1', 'users:create', { name: `${'x'.repeat(130)}\u202E`, pin: '582914' });
    if (res.ok) throw new Error('accepted');
    expect(res.error.details?.issues).toEqual([{ field: 'name', reason: 'too_long', limit: 120 }]);
    expect(res.error.details?.fields).toEqual(['name']);
  });

  it('a hidden character is named even when another field is also wrong', async () => {
    const { r } = router();
    r.handle('users:create', () => ({}) as never);
    const res = await r.dispatch('w1', 'users:create', { name: 'An\u202Edi', pin: '' });
    if (res.ok) throw new Error('accepted');
    expect(res.error.details?.reason).toBe('hidden_chars');
    expect(res.error.details?.fields).toEqual(expect.arrayContaining(['name', 'pin']));
  });

  it('a field inside a list is named by its path', async () => {
    const { r } = router();
    r.handle('setup:confirmRecovery', () => ({}) as never);
    const res = await r.dispatch('w1', 'setup:confirmRecovery', { answers: [{ group: 9, value: 'AAAA' }] });
    if (res.ok) throw new Error('accepted');
    expect(res.error.details?.fields).toEqual(['answers.0.group']);
    expect(res.error.details?.issues).toEqual([{ field: 'answers.0.group', reason: 'too_big', limit: 6 }]);
  });

  it('a malformed email is invalid, not too long', async () => {
    const { r } = router();
    r.handle('customers:create', () => ({}) as never);
    const res = await r.dispatch('w1', 'customers:create', { name: 'Ani', email: 'not-an-email' });
    if (res.ok) throw new Error('accepted');
    expect(res.error.details?.issues).toContainEqual({ field: 'email', reason: 'invalid' });
  });

  it('while a long job holds the vault, writes wait (BUSY) and reads go on', async () => {
    const { r, sessions } = router({ busy: true });
    sessions.start('w1', owner);
    let wrote = false;
    r.handle('users:create', () => {
      wrote = true;
      return {} as never;
    });
    r.handle('settings:get', () => ({ read: true }) as never);
    expect(await r.dispatch('w1', 'users:create', { name: 'Budi', pin: '582914' })).toMatchObject({
      error: { code: 'BUSY' },
    });
    expect(wrote).toBe(false);
    expect(await r.dispatch('w1', 'settings:get', {})).toEqual({ ok: true, value: { read: true } });
  });

  it('a call from a session counts as activity (the idle lock waits)', async () => {
    const { r, sessions, clock } = router();
    r.handle('settings:get', () => ({}) as never);
    sessions.start('w1', owner);
    const started = sessions.get('w1')!.lastActivity;
    clock.advance(5_000);
    await r.dispatch('w1', 'settings:get', {});
    expect(sessions.get('w1')!.lastActivity).toBe(started + 5_000);
  });

  it('a successful audited call is recorded once with its target and the handler facts; writes run afterWrite', async () => {
    const { r, sessions, audits, writes } = router();
    sessions.start('w1', owner);
    r.handle(
      'users:create',
      (ctx, input) => {
        ctx.auditDetail.fields = ['name'];
        return { id: 'new-user', name: input.name } as never;
      },
      { action: 'user.create', target: (_in, out) => (out as { id: string } | undefined)?.id ?? null },
    );
    r.handle('settings:get', () => ({}) as never);
    const res = await r.dispatch('w1', 'users:create', { name: 'Budi', pin: '582914' });
    expect(res).toEqual({ ok: true, value: { id: 'new-user', name: 'Budi' } });
    expect(audits).toEqual([
      {
        actor: 'owner-1',
        action: 'user.create',
        target: 'new-user',
        outcome: 'ok',
        detail: { fields: ['name'] },
      },
    ]);
    await r.dispatch('w1', 'settings:get', {});
    expect(writes).toEqual(['users:create']);
    // A read without an audit spec leaves no entry.
    expect(audits).toHaveLength(1);
  });

  it('a target the handler learns while it runs wins over the spec; none at all is null', async () => {
    const { r, sessions, audits } = router();
    sessions.start('w1', owner);
    r.handle(
      'users:create',
      (ctx) => {
        ctx.auditTarget = 'learned';
        return {} as never;
      },
      { action: 'user.create', target: () => 'from-spec' },
    );
    r.handle('settings:get', () => ({}) as never, { action: 'settings.view' });
    await r.dispatch('w1', 'users:create', { name: 'Budi', pin: '582914' });
    await r.dispatch('w1', 'settings:get', {});
    expect(audits.map((a) => a.target)).toEqual(['learned', null]);
  });

  it('a login names the user it started as the actor', async () => {
    const { r, sessions, audits } = router();
    r.handle(
      'auth:unlock',
      (ctx) => {
        sessions.start(ctx.windowId, cashier);
        return {} as never;
      },
      { action: 'auth.login' },
    );
    await r.dispatch('w1', 'auth:unlock', { userId: '00000000-0000-4000-8000-000000000000', pin: '582914' });
    expect(audits[0]).toMatchObject({ actor: 'cashier-1', outcome: 'ok' });
  });

  it('a refused handler call returns its code and details, audited as failed with the code', async () => {
    const { r, sessions, audits } = router();
    sessions.start('w1', owner);
    r.handle(
      'users:create',
      () => {
        throw new AppError('WEAK_PIN', { fields: ['pin'], reason: 'sequence' });
      },
      { action: 'user.create', target: (input) => `name-len-${input.name.length}` },
    );
    const res = await r.dispatch('w1', 'users:create', { name: 'Budi', pin: '123456' });
    expect(res).toEqual({
      ok: false,
      error: {
        code: 'WEAK_PIN',
        message: errorMessage('WEAK_PIN', 'id', { fields: ['pin'], reason: 'sequence' }),
        details: { fields: ['pin'], reason: 'sequence' },
      },
    });
    expect(audits).toEqual([
      {
        actor: 'owner-1',
        action: 'user.create',
        target: 'name-len-4',
        outcome: 'failed',
        detail: { code: 'WEAK_PIN' },
      },
    ]);
  });

  it('a failure with a target learned mid-way is audited against that target', async () => {
    const { r, sessions, audits } = router();
    sessions.start('w1', owner);
    r.handle(
      'users:create',
      (ctx) => {
        ctx.auditTarget = 'mid-way';
        throw new AppError('NOT_FOUND');
      },
      { action: 'user.create', target: () => 'from-spec' },
    );
    await r.dispatch('w1', 'users:create', { name: 'Budi', pin: '582914' });
    expect(audits[0]).toMatchObject({ target: 'mid-way', outcome: 'failed' });
  });

  it('volume refusals and late validation are not audited by the router (the guard sums them up)', async () => {
    const { r, sessions, audits } = router();
    sessions.start('w1', cashier);
    let code: 'THROTTLED' | 'VALIDATION' = 'THROTTLED';
    r.handle(
      'customers:search',
      () => {
        throw new AppError(code, { retryAfterMs: 1000 });
      },
      { action: 'customer.search' },
    );
    expect(await r.dispatch('w1', 'customers:search', { query: 'abc' })).toMatchObject({
      error: { code: 'THROTTLED', details: { retryAfterMs: 1000 } },
    });
    code = 'VALIDATION';
    expect(await r.dispatch('w1', 'customers:search', { query: 'abc' })).toMatchObject({
      error: { code: 'VALIDATION' },
    });
    expect(audits).toEqual([]);
  });

  it('an unexpected error is INTERNAL, logged by class and code only (no message: it may hold personal data)', async () => {
    const { r, sessions, logs } = router();
    sessions.start('w1', owner);
    r.handle('settings:get', () => {
      throw Object.assign(new TypeError('Budi 0812-3456-7890'), { code: 'E_SOMETHING' });
    });
    const res = await r.dispatch('w1', 'settings:get', {});
    expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: errorMessage('INTERNAL', 'id') } });
    expect(logs).toEqual(['[brankas] internal error in settings:get: TypeError (E_SOMETHING)']);
    r.handle('settings:update', () => {
      throw 'Budi';
    });
    await r.dispatch('w1', 'settings:update', { autoLockMinutes: 5, notesHardBlock: false });
    expect(logs[1]).toBe('[brankas] internal error in settings:update: string');
    expect(logs.join('\n')).not.toContain('Budi');
  });

  it.each(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB'])(
    'a damaged vault (%s) is said plainly: CORRUPT, not INTERNAL',
    async (sqliteCode) => {
      const { r, sessions, logs } = router();
      sessions.start('w1', owner);
      r.handle('settings:get', () => {
        throw Object.assign(new Error('file is not a database'), { code: sqliteCode });
      });
      expect(await r.dispatch('w1', 'settings:get', {})).toMatchObject({ error: { code: 'CORRUPT' } });
      // Not an internal error; main keeps SQLite's code (class and code only, never the message).
      expect(logs).toEqual([`[brankas] CORRUPT in settings:get: Error (${sqliteCode})`]);
    },
  );

  it('a failing audit does not turn a denial into a crash; it is logged without data', async () => {
    const { r, logs } = router({ auditThrows: true });
    r.handle('settings:get', () => ({}) as never);
    expect(await r.dispatch('w1', 'settings:get', {})).toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    });
    expect(await r.dispatch('w1', 'nope:nope', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(logs).toEqual([
      '[brankas] internal error in audit: Error',
      '[brankas] internal error in audit: Error',
    ]);
  });

  it('the recovery-code gate holds the owner only; a cashier works as usual', async () => {
    const { r, sessions } = router({ recoveryPending: true });
    r.handle('settings:get', () => ({ read: true }) as never);
    sessions.start('w1', cashier);
    expect(await r.dispatch('w1', 'settings:get', {})).toEqual({ ok: true, value: { read: true } });
  });

  it('an audited call at the lock screen that starts no session is recorded without an actor', async () => {
    const { r, audits } = router();
    r.handle('auth:lock', () => null, { action: 'auth.lock' });
    expect(await r.dispatch('w1', 'auth:lock', {})).toEqual({ ok: true, value: null });
    expect(audits).toEqual([{ actor: null, action: 'auth.lock', target: null, outcome: 'ok', detail: {} }]);
  });

  it('a router without an after-write hook still answers writes', async () => {
    const clock = new TestClock();
    const sessions = new Sessions(clock);
    const r = new Router({
      sessions,
      language: () => 'id',
      recoveryPending: () => false,
      busy: () => false,
      audit: () => undefined,
      log: () => undefined,
    });
    sessions.start('w1', owner);
    r.handle('users:create', () => ({ id: 'u' }) as never);
    expect(await r.dispatch('w1', 'users:create', { name: 'Budi', pin: '582914' })).toEqual({
      ok: true,
      value: { id: 'u' },
    });
  });

  it('even a thrown null is an INTERNAL answer, never an exception out of dispatch', async () => {
    const { r, sessions, logs } = router();
    sessions.start('w1', owner);
    r.handle('settings:get', () => {
      throw null;
    });
    expect(await r.dispatch('w1', 'settings:get', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    expect(logs).toEqual(['[brankas] internal error in settings:get: object']);
  });

  it('without a log sink, internal errors go to stderr, still without the message', async () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const clock = new TestClock();
      const sessions = new Sessions(clock);
      const r = new Router({
        sessions,
        language: () => 'id',
        recoveryPending: () => false,
        busy: () => false,
        audit: () => undefined,
      });
      sessions.start('w1', owner);
      r.handle('settings:get', () => {
        throw new RangeError('Budi');
      });
      await r.dispatch('w1', 'settings:get', {});
      expect(write).toHaveBeenCalledWith('[brankas] internal error in settings:get: RangeError\n');
    } finally {
      write.mockRestore();
    }
  });

  it('messages are in the language the shop chose', async () => {
    const { r } = router({ language: 'en' });
    r.handle('settings:get', () => ({}) as never);
    const res = await r.dispatch('w1', 'settings:get', {});
    expect(res).toMatchObject({ error: { code: 'LOCKED', message: errorMessage('LOCKED', 'en') } });
    expect(errorMessage('LOCKED', 'en')).not.toBe(errorMessage('LOCKED', 'id'));
  });
});
