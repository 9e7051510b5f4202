import { create } from 'zustand';
import type { LoyaltyUndo, Purchase, PurchasePage, RecordedSale, VoidResult } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { call } from '../../lib/client';
import { useCustomers } from './customers.store';

interface PurchasesState {
  customerId: number | null;
  page: PurchasePage | null;
  /** What the last void or correction did to a member's points (null: nothing to say). */
  pointsUndone: LoyaltyUndo | null;
  load(customerId: number): Promise<void>;
  /** `at`: the sale's day when it is not now (an earlier day, entered afterwards). */
  /** `rewardId`: a member's reward redeemed on the sale (main checks it). */
  add(
    customerId: number,
    amount: number,
    items: string[],
    at?: number,
    rewardId?: number,
  ): Promise<Result<RecordedSale>>;
  /** A sale tapped from the price list: product ids and quantities; main prices it. */
  addFromProducts(
    customerId: number,
    lines: { productId: number; quantity: number }[],
    at?: number,
    rewardId?: number,
  ): Promise<Result<RecordedSale>>;
  /** Voids a sale, or corrects it with `replacement` (the original stays in the record). */
  change(
    customerId: number,
    id: number,
    reason: string,
    replacement?: { amount: number; items: string[] },
  ): Promise<Result<VoidResult>>;
  /** Shows a sale main has just recorded (either way of recording one). */
  recorded<P extends Purchase>(customerId: number, pending: Promise<Result<P>>): Promise<Result<P>>;
  /** Main builds the receipt and opens WhatsApp with it (the renderer never sees the link). */
  sendReceipt(id: number): Promise<Result<unknown>>;
}

/** The purchase history of the customer on screen (the latest 20, with count and total). */
export const usePurchases = create<PurchasesState>((set, get) => ({
  customerId: null,
  page: null,
  pointsUndone: null,
  async load(customerId) {
    if (get().customerId !== customerId) set({ customerId, page: null, pointsUndone: null });
    const r = await call('purchases:list', { customerId, offset: 0, limit: 20 });
    if (r.ok && get().customerId === customerId) set({ page: r.value });
  },
  async change(customerId, id, reason, replacement) {
    const r = await call('purchases:void', replacement ? { id, reason, replacement } : { id, reason });
    if (r.ok) {
      const l = r.value.loyalty;
      set({ pointsUndone: l.change !== 0 || l.notTakenBack > 0 ? l : null });
      await get().load(customerId);
    }
    return r;
  },
  sendReceipt: (id) => call('purchases:receipt', { id, mode: 'open' }),
  add(customerId, amount, items, at, rewardId) {
    return get().recorded(
      customerId,
      call('purchases:create', {
        customerId,
        amount,
        items,
        ...(at !== undefined ? { at } : {}),
        ...(rewardId !== undefined ? { rewardId } : {}),
      }),
    );
  },
  addFromProducts(customerId, lines, at, rewardId) {
    return get().recorded(
      customerId,
      call('purchases:createFromProducts', {
        customerId,
        lines,
        ...(at !== undefined ? { at } : {}),
        ...(rewardId !== undefined ? { rewardId } : {}),
      }),
    );
  },
  async recorded(customerId, pending) {
    const r = await pending;
    if (r.ok) {
      useCustomers.getState().noteActivity(r.value.at);
      // Main answered with the sale: shown without reading the list again (each read of a
      // customer's sales is an audited view).
      const page = get().page;
      if (page && get().customerId === customerId) {
        const items = [r.value, ...page.items]
          .sort((a, b) => b.at - a.at || b.id - a.id)
          .slice(0, Math.max(page.items.length, 20));
        set({
          page: {
            ...page,
            items,
            total: page.total + 1,
            totalAmount: page.totalAmount + r.value.amount - r.value.discount,
          },
        });
      } else await get().load(customerId);
    }
    return r;
  },
}));
