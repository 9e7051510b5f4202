import { create } from 'zustand';
import type { ChannelInput } from '../../../shared/contract';
import type { SetupResult } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { call } from '../../lib/client';
import { useSession } from '../session/session.store';

interface SetupState {
  /** Creates the vault and the owner; main answers with the recovery code to show once. */
  create(input: ChannelInput<'setup:create'>): Promise<Result<SetupResult>>;
  /** After a restart before confirming: main issues a new code (the first is gone from memory). */
  recoveryCode(): Promise<Result<SetupResult>>;
  printCard(): Promise<Result<{ saved: boolean }>>;
  /** Pairs this laptop with the shop's primary as an extra counter; on success the lock screen shows. */
  connect(input: ChannelInput<'setup:connect'>): Promise<Result<{ deviceId: string }>>;
  /** The owner types two groups back; on success the app opens. */
  confirm(answers: { group: number; value: string }[]): Promise<Result<null>>;
}

export const useSetup = create<SetupState>(() => ({
  create: (input) => call('setup:create', input),
  recoveryCode: () => call('setup:recoveryCode', {}),
  printCard: () => call('setup:printRecoveryCard', {}),
  async connect(input) {
    const r = await call('setup:connect', input);
    if (r.ok) await useSession.getState().refresh();
    return r;
  },
  async confirm(answers) {
    const r = await call('setup:confirmRecovery', { answers });
    if (r.ok) await useSession.getState().refresh();
    return r;
  },
}));
