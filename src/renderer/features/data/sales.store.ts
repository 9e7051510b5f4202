import { create } from 'zustand';
import type {
  ImportProgress,
  SalesCheck,
  SalesMapping,
  SalesPreview,
  SalesResult,
  SalesSource,
} from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { call, onEvent } from '../../lib/client';

interface SalesState {
  /** The running step's progress, from main's sales:progress events (null when none runs). */
  progress: ImportProgress | null;
  /** Follows main's progress events; returns the unsubscribe. */
  listen(): () => void;
  open(): Promise<Result<SalesPreview>>;
  check(mapping: SalesMapping, source: SalesSource): Promise<Result<SalesCheck>>;
  commit(mapping: SalesMapping, source: SalesSource): Promise<Result<SalesResult>>;
  cancel(): Promise<void>;
}

/** Sales from the POS: each step is a long job in main; this store follows its progress. */
export const useSales = create<SalesState>((set) => {
  const step = async <T>(r: Promise<Result<T>>): Promise<Result<T>> => {
    const out = await r;
    set({ progress: null });
    return out;
  };
  return {
    progress: null,
    listen: () => onEvent('sales:progress', (progress) => set({ progress })),
    open: () => step(call('sales:open', {})),
    check: (mapping, source) => step(call('sales:check', { columns: mapping, source })),
    commit: (mapping, source) => step(call('sales:commit', { columns: mapping, source })),
    async cancel() {
      await call('import:cancel', {});
    },
  };
});
