import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/shared/domain';
import { AppError } from '../../src/main/lib/app-error';
import type { AuditEvent } from '../../src/main/services/audit.service';
import { UsageGuard } from '../../src/main/services/usage-guard';
import { TestClock } from '../support/clock';

const MINUTE = 60_000;

const cashier: SessionUser = { id: 'c1', name: 'Andi', role: 'cashier', mustChangePin: false };
const otherCashier: SessionUser = { id: 'c2', name: 'Rina', role: 'cashier', mustChangePin: false };
const owner: SessionUser = { id: 'o1', name: 'Bu Sari', role: 'owner', mustChangePin: false };

function guard(limits?: { searchesPerMinute: number; customersPerHour: number }) {
  const clock = new TestClock();
  const audit: Omit<AuditEvent, 'at'>[] = [];
  const g = new UsageGuard({ clock, auditor: { record: (e) => void audit.push(e) } }, limits);
  return { g, clock, audit };
}

/** The refusal a call throws, or null when the call passes. */
function refusal(call: () => void): AppError | null {
  try {
    call();
    return null;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
}

describe('usage guard (README: 60 searches a minute, 120 customers an hour, cashiers only)', () => {
  it('the README limits apply by default: the 61st search in a minute and the 121st customer in an hour are refused', () => {
    const { g } = guard();
    for (let i = 0; i < 60; i++) g.search(cashier);
    expect(refusal(() => g.search(cashier))?.code).toBe('THROTTLED');
    for (let id = 1; id <= 120; id++) g.view(cashier, id);
    expect(refusal(() => g.view(cashier, 121))?.code).toBe('THROTTLED');
  });

  it('the owner is never limited and never reported', () => {
    const { g, audit } = guard({ searchesPerMinute: 1, customersPerHour: 1 });
    for (let i = 0; i < 5; i++) g.search(owner);
    for (let id = 1; id <= 5; id++) g.view(owner, id);
    expect(audit).toEqual([]);
  });

  it('a refused search says when to retry, and retrying then passes', () => {
    const { g, clock } = guard({ searchesPerMinute: 2, customersPerHour: 100 });
    g.search(cashier);
    clock.advance(10_000);
    g.search(cashier);
    clock.advance(20_000);
    // The first search (30 s ago) leaves the minute in 30 s.
    const first = refusal(() => g.search(cashier));
    expect(first?.code).toBe('THROTTLED');
    expect(first?.details?.retryAfterMs).toBe(30_000);
    clock.advance(30_000);
    expect(refusal(() => g.search(cashier))).toBeNull();
    // Another cashier has a window of their own.
    expect(refusal(() => g.search(otherCashier))).toBeNull();
  });

  it('opening a customer again does not count; a new one past the limit waits for the oldest to leave the hour', () => {
    const { g, clock } = guard({ searchesPerMinute: 100, customersPerHour: 2 });
    g.view(cashier, 1);
    clock.advance(10 * MINUTE);
    g.view(cashier, 2);
    clock.advance(10 * MINUTE);
    expect(refusal(() => g.view(cashier, 2))).toBeNull();
    const refused = refusal(() => g.view(cashier, 3));
    expect(refused?.code).toBe('THROTTLED');
    // Customer 1, opened 20 minutes ago, leaves the hour in 40 minutes.
    expect(refused?.details?.retryAfterMs).toBe(40 * MINUTE);
    clock.advance(40 * MINUTE);
    expect(refusal(() => g.view(cashier, 3))).toBeNull();
    // Customer 2 (opened again 40 minutes ago) and customer 3 fill the hour.
    expect(refusal(() => g.view(cashier, 4))?.code).toBe('THROTTLED');
  });

  it('one audit entry per limit and window, with the counts and the window in minutes', () => {
    const { g, clock, audit } = guard({ searchesPerMinute: 1, customersPerHour: 1 });
    g.search(cashier);
    for (let i = 0; i < 3; i++) expect(refusal(() => g.search(cashier))?.code).toBe('THROTTLED');
    g.view(cashier, 1);
    for (let i = 0; i < 3; i++) expect(refusal(() => g.view(cashier, 2))?.code).toBe('THROTTLED');
    expect(audit).toEqual([
      {
        actor: 'c1',
        action: 'usage.limited',
        outcome: 'denied',
        detail: { kind: 'search', count: 1, windowMinutes: 1 },
      },
      {
        actor: 'c1',
        action: 'usage.limited',
        outcome: 'denied',
        detail: { kind: 'view', count: 1, windowMinutes: 60 },
      },
    ]);
    // A minute on, a new search window: refused again, reported again (once).
    clock.advance(MINUTE);
    g.search(cashier);
    expect(refusal(() => g.search(cashier))?.code).toBe('THROTTLED');
    expect(refusal(() => g.search(cashier))?.code).toBe('THROTTLED');
    expect(audit.filter((e) => e.detail?.kind === 'search')).toHaveLength(2);
  });

  it('a new session (clear) starts the windows afresh', () => {
    const { g } = guard({ searchesPerMinute: 1, customersPerHour: 1 });
    g.search(cashier);
    g.view(cashier, 1);
    g.clear();
    expect(refusal(() => g.search(cashier))).toBeNull();
    expect(refusal(() => g.view(cashier, 2))).toBeNull();
  });
});
