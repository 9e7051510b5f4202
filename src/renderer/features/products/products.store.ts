import { create } from 'zustand';
import type { ChannelInput } from '../../../shared/contract';
import type { Product } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { call } from '../../lib/client';

interface ProductsState {
  /** The whole list in the owner's order; the sale form shows the active ones. */
  products: Product[];
  load(): Promise<void>;
  save(input: ChannelInput<'products:save'>): Promise<Result<Product>>;
  move(id: number, direction: 'up' | 'down'): Promise<Result<Product[]>>;
}

/** The shop's price list (no personal data): the owner keeps it, the counter sells from it. */
export const useProducts = create<ProductsState>((set, get) => ({
  products: [],
  async load() {
    const r = await call('products:list', {});
    if (r.ok) set({ products: r.value });
  },
  async save(input) {
    const r = await call('products:save', input);
    if (r.ok) await get().load();
    return r;
  },
  async move(id, direction) {
    const r = await call('products:move', { id, direction });
    if (r.ok) set({ products: r.value });
    return r;
  },
}));
