import { create } from 'zustand';
import type { Customer, CustomerListItem } from '../../../shared/domain';
import { call, type UiError } from '../../lib/client';

/** About three screens of rows per request: small pages keep each search answer fast. */
export const PAGE_SIZE = 40;

type Panel =
  | { kind: 'none' }
  | { kind: 'new' }
  | { kind: 'view'; customer: Customer }
  | { kind: 'edit'; customer: Customer };

interface CustomersState {
  query: string;
  /** Loaded rows by page number: the list is virtual, so only what is on screen is fetched. */
  pages: Map<number, CustomerListItem[]>;
  total: number;
  capped: boolean;
  /** Bumped on every new search so late pages of an old search are dropped. */
  generation: number;
  error: UiError;
  panel: Panel;
  setQuery(query: string): void;
  search(): Promise<void>;
  ensurePage(page: number): Promise<void>;
  open(id: number): Promise<void>;
  setPanel(panel: Panel): void;
  reset(): void;
}

const inFlight = new Set<string>();

export const useCustomers = create<CustomersState>((set, get) => ({
  query: '',
  pages: new Map(),
  total: 0,
  capped: false,
  generation: 0,
  error: null,
  panel: { kind: 'none' },
  setQuery(query) {
    set({ query });
  },
  async search() {
    const generation = get().generation + 1;
    set({ generation });
    const r = await call('customers:search', { query: get().query, offset: 0, limit: PAGE_SIZE });
    if (generation !== get().generation) return;
    if (r.ok)
      set({
        pages: new Map([[0, r.value.items]]),
        total: r.value.total,
        capped: r.value.capped ?? false,
        error: null,
      });
    else set({ error: r.error, pages: new Map(), total: 0 });
  },
  async ensurePage(page) {
    const { generation, pages, query } = get();
    const key = `${generation}:${page}`;
    if (pages.has(page) || inFlight.has(key)) return;
    inFlight.add(key);
    const r = await call('customers:search', { query, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
    inFlight.delete(key);
    if (!r.ok || generation !== get().generation) return;
    const next = new Map(get().pages);
    next.set(page, r.value.items);
    set({ pages: next, total: Math.max(get().total, r.value.total), capped: r.value.capped ?? get().capped });
  },
  async open(id) {
    const r = await call('customers:get', { id });
    if (r.ok) set({ panel: { kind: 'view', customer: r.value }, error: null });
    else set({ error: r.error });
  },
  setPanel(panel) {
    set({ panel });
  },
  reset() {
    set({
      query: '',
      pages: new Map(),
      total: 0,
      capped: false,
      generation: get().generation + 1,
      panel: { kind: 'none' },
      error: null,
    });
  },
}));
