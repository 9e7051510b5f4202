import { create } from 'zustand';
import { onEvent } from '../../lib/client';

interface PrintsState {
  /** Where the last print went, when main chose the place itself (the dev bridge's folder). */
  path: string | null;
  listen(): () => void;
  close(): void;
}

export const usePrints = create<PrintsState>((set) => ({
  path: null,
  listen() {
    const stopSaved = onEvent('print:saved', (p) => set({ path: p.path }));
    // Nothing of the last user's work stays on screen after a lock.
    const stopLock = onEvent('session:locked', () => set({ path: null }));
    return () => {
      stopSaved();
      stopLock();
    };
  },
  close: () => set({ path: null }),
}));
