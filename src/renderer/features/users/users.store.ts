import { create } from 'zustand';
import type { UserRow } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { afterOk, call, type UiError } from '../../lib/client';

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
  const reload = () => get().load();
  return {
    users: [],
    error: null,
    async load() {
      const r = await call('users:list', {});
      if (r.ok) set({ users: r.value, error: null });
      else set({ error: r.error });
    },
    create: (name, pin) => afterOk(call('users:create', { name, pin }), reload),
    resetPin: (userId, pin) => afterOk(call('users:resetPin', { userId, pin }), reload),
    disable: (userId) => afterOk(call('users:disable', { userId }), reload),
  };
});
