import { create } from 'zustand';
import type { AuditEntry, AuditVerifyResult, UserRow } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { DAY_MS, fromShopIso } from '../../../shared/shop-time';
import { call, type UiError } from '../../lib/client';

/** What the owner narrows the log to (empty: everything). */
export interface AuditFilter {
  actorId?: string;
  /** A customer's number, as typed. */
  customerId?: string;
  action?: string;
  /** yyyy-mm-dd, inclusive, on the shop's calendar (WIB). */
  from?: string;
  to?: string;
}

interface AuditState {
  entries: AuditEntry[];
  total: number;
  actions: string[];
  users: UserRow[];
  filter: AuditFilter;
  verify: AuditVerifyResult | null;
  error: UiError;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  setFilter(filter: AuditFilter): Promise<void>;
  runVerify(): Promise<void>;
  /** The filtered log as CSV (ids only), saved where the owner chooses. */
  exportCsv(): Promise<Result<{ saved: boolean; count: number }>>;
}

/** The filter as main takes it: days become the instants that bound them. */
function query(f: AuditFilter) {
  return {
    ...(f.actorId ? { actorId: f.actorId } : {}),
    ...(f.customerId && /^\d+$/.test(f.customerId) && Number(f.customerId) > 0
      ? { customerId: Number(f.customerId) }
      : {}),
    ...(f.action ? { action: f.action } : {}),
    // Days of the shop's calendar (WIB), whatever the laptop's zone.
    ...(f.from ? { from: fromShopIso(f.from) ?? Number.NaN } : {}),
    ...(f.to ? { to: (fromShopIso(f.to) ?? Number.NaN) + DAY_MS } : {}),
  };
}

export const useAudit = create<AuditState>((set, get) => ({
  exportCsv: () => call('audit:export', query(get().filter)),
  entries: [],
  total: 0,
  actions: [],
  users: [],
  filter: {},
  verify: null,
  error: null,
  async load() {
    const [r, users] = await Promise.all([
      call('audit:list', { limit: 100, ...query(get().filter) }),
      call('users:list', {}),
    ]);
    if (r.ok)
      set({ entries: r.value.items, total: r.value.total, actions: r.value.actions ?? [], error: null });
    else set({ error: r.error });
    if (users.ok) set({ users: users.value });
  },
  async loadMore() {
    // The next page starts after the last entry shown: entries written meanwhile shift nothing.
    const before = get().entries.at(-1)?.id;
    if (before === undefined) return;
    const r = await call('audit:list', { before, limit: 100, ...query(get().filter) });
    if (r.ok) set({ entries: [...get().entries, ...r.value.items], total: r.value.total });
  },
  async setFilter(filter) {
    set({ filter });
    await get().load();
  },
  async runVerify() {
    const r = await call('audit:verify', {});
    if (r.ok) set({ verify: r.value });
    else set({ error: r.error });
    await get().load();
  },
}));
