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
  /**
   * The language the owner picked for a customer's letters (by customer id; a request without a
   * customer by its own id, negative): the answer follows the report. For this session only.
   */
  letterLanguages: Record<number, Language>;
  setLetterLanguage(key: number, language: Language): void;
  list: Page<RightsRequest> | null;
  summary: RequestsSummary | null;
  /** The owner's register (main refuses it to cashiers). */
  load(filter?: RequestFilter): Promise<void>;
  create(input: ChannelInput<'requests:create'>): Promise<Result<RightsRequest>>;
  /** `language`: of the report or files handed to the customer (default: the screen's). */
  fulfil(
    id: number,
    action: RequestAction,
    note?: string,
    language?: Language,
  ): Promise<Result<RightsRequest>>;
  refuse(id: number, reason: string): Promise<Result<RightsRequest>>;
  /** Refuses a flood of requests at once with one reason (the owner's). */
  dismiss(ids: number[], reason: string): Promise<Result<{ dismissed: number; skipped: number }>>;
  answer(
    id: number,
    mode: 'print' | 'open' | 'copy',
    language?: Language,
  ): Promise<Result<{ saved: boolean }>>;
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
    letterLanguages: {},
    setLetterLanguage: (key, language) =>
      set((s) => ({ letterLanguages: { ...s.letterLanguages, [key]: language } })),
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
    fulfil: (id, action, note, language) =>
      afterOk(
        call('requests:fulfil', {
          id,
          action,
          ...(note === undefined ? {} : { note }),
          ...(language === undefined ? {} : { language }),
        }),
        reload,
      ),
    refuse: (id, reason) => afterOk(call('requests:refuse', { id, reason }), reload),
    dismiss: (ids, reason) => afterOk(call('requests:dismiss', { ids, reason }), reload),
    answer: (id, mode, language) =>
      call('requests:answer', language === undefined ? { id, mode } : { id, mode, language }),
    doc: (kind, version) =>
      version === undefined ? call('docs:current', { kind }) : call('docs:get', { kind, version }),
    versions: (kind) => call('docs:versions', { kind }),
    print: (kind, version, format, language) => call('docs:print', { kind, version, format, language }),
    stale: () => call('docs:staleConsents', { offset: 0, limit: 50 }),
    health: () => call('health:get', {}),
  };
});
