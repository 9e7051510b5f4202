import { create } from 'zustand';
import type { Customer, CustomerListItem } from '../../../shared/domain';
import { call, type UiError } from '../../lib/client';

const PAGE = 50;

type Panel =
  | { kind: 'none' }
  | { kind: 'new' }
  | { kind: 'view'; customer: Customer }
  | { kind: 'edit'; customer: Customer };

interface CustomersState {
  query: string;
  items: CustomerListItem[];
  total: number;
  loading: boolean;
  error: UiError;
  panel: Panel;
  setQuery(query: string): void;
  search(): Promise<void>;
  loadMore(): Promise<void>;
  open(id: number): Promise<void>;
  setPanel(panel: Panel): void;
}

let searchSeq = 0;

export const useCustomers = create<CustomersState>((set, get) => ({
  query: '',
  items: [],
  total: 0,
  loading: false,
  error: null,
  panel: { kind: 'none' },
  setQuery(query) {
    set({ query });
  },
  async search() {
    // Only the latest search may land: typing fast must not show an older result last.
    const seq = ++searchSeq;
    set({ loading: true });
    const r = await call('customers:search', { query: get().query, offset: 0, limit: PAGE });
    if (seq !== searchSeq) return;
    if (r.ok) set({ items: r.value.items, total: r.value.total, loading: false, error: null });
    else set({ loading: false, error: r.error });
  },
  async loadMore() {
    const { items, query } = get();
    const r = await call('customers:search', { query, offset: items.length, limit: PAGE });
    if (r.ok) set({ items: [...items, ...r.value.items], total: r.value.total });
  },
  async open(id) {
    const r = await call('customers:get', { id });
    if (r.ok) set({ panel: { kind: 'view', customer: r.value }, error: null });
    else set({ error: r.error });
  },
  setPanel(panel) {
    set({ panel });
  },
}));
