import { create } from 'zustand';
import type { JoinConfirmed, JoinStarted } from '../../../shared/contract/members';
import type { CustomerListItem } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { call } from '../../lib/client';

/**
 * Joining by the customer's own WhatsApp, and the member card. Main makes the code, the link and
 * the QR; the screen only shows them and sends back what the cashier read from the message.
 */
interface JoinState {
  /** The code open for the customer on screen (its QR and link), or null. */
  started: (JoinStarted & { customerId: number }) | null;
  start(customerId: number, purposeIds: number[], kind: 'counter' | 'reply'): Promise<Result<JoinStarted>>;
  confirm(customerId: number, code: string, sender: string): Promise<Result<JoinConfirmed>>;
  printCard(customerId: number): Promise<Result<{ saved: boolean }>>;
  /** The member a scanned or typed card code names (a miss is NOT_FOUND). */
  findMember(code: string): Promise<Result<CustomerListItem>>;
  clear(): void;
  /** A purpose another screen asked to join by WhatsApp for this customer (the panel ticks it). */
  offered: { customerId: number; purposeId: number } | null;
  offer(customerId: number, purposeId: number): void;
  takeOffer(): void;
}

/** What a member card's code looks like as scanned or typed: 4 + 4 of its characters, with the dash. */
export function looksLikeMemberCode(query: string): boolean {
  return /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/i.test(query.trim());
}

export const useJoin = create<JoinState>((set) => ({
  started: null,
  async start(customerId, purposeIds, kind) {
    const r = await call('join:start', { customerId, purposeIds, kind });
    set({ started: r.ok ? { ...r.value, customerId } : null });
    return r;
  },
  async confirm(customerId, code, sender) {
    const r = await call('join:confirm', { customerId, code, sender });
    if (r.ok) set({ started: null });
    return r;
  },
  printCard(customerId) {
    return call('members:card', { customerId });
  },
  findMember(code) {
    return call('members:find', { code });
  },
  clear() {
    set({ started: null });
  },
  offered: null,
  offer(customerId, purposeId) {
    set({ offered: { customerId, purposeId } });
  },
  takeOffer() {
    set({ offered: null });
  },
}));
