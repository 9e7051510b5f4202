import { create } from 'zustand';
import type { UserRow } from '../../../shared/domain';
import { call, type UiError } from '../../lib/client';

interface UsersState {
  users: UserRow[];
  error: UiError;
  load(): Promise<void>;
}

export const useUsers = create<UsersState>((set) => ({
  users: [],
  error: null,
  async load() {
    const r = await call('users:list', {});
    if (r.ok) set({ users: r.value, error: null });
    else set({ error: r.error });
  },
}));
