import { useEffect } from 'react';
import { create } from 'zustand';
import type { ChannelInput } from '../../../shared/contract';
import type { LoyaltyHistory, LoyaltyProgramme, LoyaltyQuote, LoyaltyStatus } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { call } from '../../lib/client';

interface LoyaltyState {
  /** The programme as main keeps it (null until read). */
  programme: LoyaltyProgramme | null;
  load(): Promise<void>;
  save(input: ChannelInput<'loyalty:save'>): Promise<Result<LoyaltyProgramme>>;
  /** What a sale would do, before it is saved (main's rule; nothing written). */
  quote(input: ChannelInput<'loyalty:quote'>): Promise<Result<LoyaltyQuote>>;
  history(customerId: number): Promise<Result<LoyaltyHistory>>;
  /** The standing the last history read gave (what the withdrawal's confirmation names). */
  standing: (LoyaltyStatus & { customerId: number }) | null;
  adjust(input: ChannelInput<'loyalty:adjust'>): Promise<Result<LoyaltyStatus>>;
}

/** The member programme: the owner's settings, and a customer's points (read from main each time). */
export const useLoyalty = create<LoyaltyState>((set) => ({
  programme: null,
  standing: null,
  async load() {
    const r = await call('loyalty:get', {});
    if (r.ok) set({ programme: r.value });
  },
  async save(input) {
    const r = await call('loyalty:save', input);
    if (r.ok) set({ programme: r.value });
    return r;
  },
  quote: (input) => call('loyalty:quote', input),
  async history(customerId) {
    const r = await call('loyalty:history', { customerId, offset: 0, limit: 50 });
    set({ standing: r.ok ? { ...r.value.status, customerId } : null });
    return r;
  },
  adjust: (input) => call('loyalty:adjust', input),
}));

/**
 * The member purpose while the programme runs, and whether main takes members only from the
 * customer's own WhatsApp (then the screens offer "Gabung lewat WhatsApp" instead of a box the
 * cashier ticks). Reads the programme once if no screen has yet.
 */
export function useMemberJoin(): { purposeId: number | null; whatsappOnly: boolean } {
  const programme = useLoyalty((s) => s.programme);
  const load = useLoyalty((s) => s.load);
  useEffect(() => {
    if (!programme) void load();
  }, [programme, load]);
  return {
    purposeId: programme?.enabled ? programme.purposeId : null,
    whatsappOnly: programme?.joinProof === 'whatsapp',
  };
}
