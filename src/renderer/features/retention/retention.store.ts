import { create } from 'zustand';
import type {
  Page,
  PurgeResult,
  RetentionPolicy,
  RetentionProgress,
  ReviewItem,
} from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { afterOk, call, onEvent } from '../../lib/client';

const REVIEW_PAGE = 50;

interface RetentionState {
  policy: RetentionPolicy | null;
  review: Page<ReviewItem> | null;
  query: string;
  progress: RetentionProgress | null;
  /** Days the computer's clock is ahead of the time Brankas saw pass (the purge waits): 0 when not. */
  clockAheadDays: number;
  load(): Promise<void>;
  listen(): () => void;
  setQuery(query: string): Promise<void>;
  more(): Promise<void>;
  save(policy: RetentionPolicy): Promise<Result<RetentionPolicy>>;
  purge(): Promise<Result<PurgeResult>>;
  confirmClock(): Promise<Result<{ clockAheadDays: number }>>;
}

/** Deletion schedules (owner): the rules, the "Akan dihapus" list and the purge. */
export const useRetention = create<RetentionState>((set, get) => {
  // A late progress event after the purge answered must not bring back a finished bar.
  let purging = false;
  const loadReview = async (offset: number) => {
    const r = await call('retention:review', { query: get().query, offset, limit: REVIEW_PAGE });
    if (!r.ok) return;
    const prev = get().review;
    set({
      review: offset > 0 && prev ? { ...r.value, items: [...prev.items, ...r.value.items] } : r.value,
    });
  };
  return {
    policy: null,
    review: null,
    query: '',
    progress: null,
    clockAheadDays: 0,
    async load() {
      const r = await call('retention:policy', {});
      if (r.ok) set({ policy: r.value });
      await loadReview(0);
      // A closure longer than Brankas could believe by itself waits for the owner's click here.
      const health = await call('health:get', {});
      const ahead = health.ok ? health.value.find((h) => h.key === 'deletion')?.values.clockAheadDays : 0;
      set({ clockAheadDays: Number(ahead) || 0 });
    },
    listen: () => onEvent('retention:progress', (progress) => purging && set({ progress })),
    async setQuery(query) {
      set({ query });
      await loadReview(0);
    },
    more: () => loadReview(get().review?.items.length ?? 0),
    save: (policy) => afterOk(call('retention:setPolicy', policy), () => get().load()),
    async purge() {
      purging = true;
      const r = await call('retention:purge', {});
      purging = false;
      set({ progress: null });
      if (r.ok) await get().load();
      return r;
    },
    confirmClock: () => afterOk(call('retention:confirmClock', { confirm: true }), () => get().load()),
  };
});
