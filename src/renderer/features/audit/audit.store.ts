import { create } from 'zustand';
import type { AuditEntry, AuditVerifyResult } from '../../../shared/domain';
import { call, type UiError } from '../../lib/client';

interface AuditState {
  entries: AuditEntry[];
  total: number;
  verify: AuditVerifyResult | null;
  error: UiError;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  runVerify(): Promise<void>;
}

export const useAudit = create<AuditState>((set, get) => ({
  entries: [],
  total: 0,
  verify: null,
  error: null,
  async load() {
    const r = await call('audit:list', { offset: 0, limit: 100 });
    if (r.ok) set({ entries: r.value.items, total: r.value.total, error: null });
    else set({ error: r.error });
  },
  async loadMore() {
    const r = await call('audit:list', { offset: get().entries.length, limit: 100 });
    if (r.ok) set({ entries: [...get().entries, ...r.value.items], total: r.value.total });
  },
  async runVerify() {
    const r = await call('audit:verify', {});
    if (r.ok) set({ verify: r.value });
    else set({ error: r.error });
    await get().load();
  },
}));
