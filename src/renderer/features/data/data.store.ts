import { create } from 'zustand';
import type { ChannelInput } from '../../../shared/contract';
import type { ImportCheck, ImportMapping, ImportPreview, ImportProgress } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { call, onEvent } from '../../lib/client';

interface DataState {
  /** The running import step's progress, from main's events (null when none runs). */
  progress: ImportProgress | null;
  /** Follows main's progress events; returns the unsubscribe. */
  listen(): () => void;
  exportAll(format: 'csv' | 'json'): Promise<Result<{ saved: boolean; count: number }>>;
  open(): Promise<Result<ImportPreview>>;
  check(mapping: ImportMapping): Promise<Result<ImportCheck>>;
  commit(
    mapping: ImportMapping,
    consent?: ChannelInput<'import:commit'>['consent'],
    duplicates?: 'skip' | 'fill',
    confirmFill?: ChannelInput<'import:commit'>['confirmFill'],
  ): Promise<Result<{ imported: number; filled: number }>>;
  cancel(): Promise<void>;
  saveErrors(): Promise<void>;
}

/** Export and import: each import step is a long job in main; this store follows its progress. */
export const useData = create<DataState>((set) => {
  // A finished (or failed) step clears the bar.
  const step = async <T>(r: Promise<Result<T>>): Promise<Result<T>> => {
    const out = await r;
    set({ progress: null });
    return out;
  };
  return {
    progress: null,
    listen: () => onEvent('import:progress', (progress) => set({ progress })),
    exportAll: (format) => call('customers:export', { format }),
    open: () => step(call('import:open', {})),
    check: (mapping) => step(call('import:check', { mapping })),
    commit: (mapping, consent, duplicates = 'skip', confirmFill = []) =>
      step(
        call(
          'import:commit',
          consent ? { mapping, consent, duplicates, confirmFill } : { mapping, duplicates, confirmFill },
        ),
      ),
    async cancel() {
      await call('import:cancel', {});
    },
    async saveErrors() {
      await call('import:saveErrors', {});
    },
  };
});
