import { create } from 'zustand';
import type {
  DocKind,
  DocVersion,
  DocVersionInfo,
  HealthItem,
  Page,
  RequestAction,
  RequestsSummary,
  RightsRequest,
} from '../../../shared/domain';
import type { ChannelInput } from '../../../shared/contract';
import type { Language } from '../../../shared/language';
import type { Result } from '../../../shared/errors';
import { afterOk, call } from '../../lib/client';
import { useSession } from '../session/session.store';

export type RequestFilter = 'open' | 'closed' | 'all';

interface PrivacyState {
  filter: RequestFilter;
  list: Page<RightsRequest> | null;
  summary: RequestsSummary | null;
  /** The owner's register (main refuses it to cashiers). */
  load(filter?: RequestFilter): Promise<void>;
  create(input: ChannelInput<'requests:create'>): Promise<Result<RightsRequest>>;
  fulfil(id: number, action: RequestAction, note?: string): Promise<Result<RightsRequest>>;
  refuse(id: number, reason: string): Promise<Result<RightsRequest>>;
  /** Refuses a flood of requests at once with one reason (the owner's). */
  dismiss(ids: number[], reason: string): Promise<Result<{ dismissed: number; skipped: number }>>;
  answer(id: number, mode: 'print' | 'open' | 'copy'): Promise<Result<{ saved: boolean }>>;
  doc(kind: DocKind, version?: number): Promise<Result<DocVersion>>;
  versions(kind: DocKind): Promise<Result<DocVersionInfo[]>>;
  print(
    kind: DocKind,
    version: number,
    format: 'full' | 'poster',
    language?: Language,
  ): Promise<Result<{ saved: boolean }>>;
  health(): Promise<Result<HealthItem[]>>;
  stale(): Promise<Result<Page<{ id: number; name: string; version: number }> & { since: number | null }>>;
}

/** Customers' requests and the generated documents; every rule lives in main. */
export const usePrivacy = create<PrivacyState>((set, get) => {
  // A change moves the list, its counts and the owner's banners together.
  const reload = async () => {
    await get().load();
    await useSession.getState().refresh();
  };
  return {
    filter: 'open',
    list: null,
    summary: null,
    async load(filter = get().filter) {
      set({ filter });
      const [list, summary] = await Promise.all([
        call('requests:list', { status: filter, offset: 0, limit: 100 }),
        call('requests:summary', {}),
      ]);
      set({ list: list.ok ? list.value : null, summary: summary.ok ? summary.value : null });
    },
    create: (input) => call('requests:create', input),
    fulfil: (id, action, note) =>
      afterOk(call('requests:fulfil', note === undefined ? { id, action } : { id, action, note }), reload),
    refuse: (id, reason) => afterOk(call('requests:refuse', { id, reason }), reload),
    dismiss: (ids, reason) => afterOk(call('requests:dismiss', { ids, reason }), reload),
    answer: (id, mode) => call('requests:answer', { id, mode }),
    doc: (kind, version) =>
      version === undefined ? call('docs:current', { kind }) : call('docs:get', { kind, version }),
    versions: (kind) => call('docs:versions', { kind }),
    print: (kind, version, format, language) => call('docs:print', { kind, version, format, language }),
    stale: () => call('docs:staleConsents', { offset: 0, limit: 50 }),
    health: () => call('health:get', {}),
  };
});
