import { create } from 'zustand';
import type { UserRow } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { call, type UiError } from '../../lib/client';

interface UsersState {
  users: UserRow[];
  error: UiError;
  load(): Promise<void>;
  /** Each change reloads the list when it succeeds. */
  create(name: string, pin: string): Promise<Result<UserRow>>;
  resetPin(userId: string, pin: string): Promise<Result<null>>;
  disable(userId: string): Promise<Result<null>>;
}

export const useUsers = create<UsersState>((set, get) => {
  const thenReload = async <T>(r: Result<T>): Promise<Result<T>> => {
    if (r.ok) await get().load();
    return r;
  };
  return {
    users: [],
    error: null,
    async load() {
      const r = await call('users:list', {});
      if (r.ok) set({ users: r.value, error: null });
      else set({ error: r.error });
    },
    create: async (name, pin) => thenReload(await call('users:create', { name, pin })),
    resetPin: async (userId, pin) => thenReload(await call('users:resetPin', { userId, pin })),
    disable: async (userId) => thenReload(await call('users:disable', { userId })),
  };
});
