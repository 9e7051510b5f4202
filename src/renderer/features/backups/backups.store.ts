import { create } from 'zustand';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract';
import type { BackupProgress, BackupStatus } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { afterOk, call, onEvent } from '../../lib/client';
import { useSession } from '../session/session.store';

interface BackupsState {
  status: BackupStatus | null;
  progress: BackupProgress | null;
  load(): Promise<void>;
  listen(): () => void;
  enable(code: string): Promise<Result<BackupStatus>>;
  schedule(input: ChannelInput<'backups:schedule'>): Promise<Result<BackupStatus>>;
  create(chooseFolder: boolean): Promise<Result<ChannelOutput<'backups:create'>>>;
  verify(code?: string): Promise<Result<ChannelOutput<'backups:verify'>>>;
  /** Replaces the vault with a backup (owner), or brings a backup to a new laptop (setup). */
  restore(
    input: ChannelInput<'backups:restore'>,
    fresh: boolean,
  ): Promise<Result<ChannelOutput<'backups:restore'>>>;
}

/** Encrypted backups: status, back up now, verify a file, restore. */
export const useBackups = create<BackupsState>((set, get) => {
  const reload = () => get().load();
  // Progress events only while a step runs: one arriving after its answer must not bring back
  // a finished bar.
  let running = 0;
  const step = async <T>(r: Promise<Result<T>>): Promise<Result<T>> => {
    running++;
    try {
      return await r;
    } finally {
      running--;
      set({ progress: null });
    }
  };
  return {
    status: null,
    progress: null,
    async load() {
      const r = await call('backups:status', {});
      if (r.ok) set({ status: r.value });
    },
    listen: () => {
      const stopProgress = onEvent('backup:progress', (progress) => running > 0 && set({ progress }));
      // An automatic backup that ends while the page is open changes its dates.
      const stopFinished = onEvent('backup:finished', () => void reload());
      return () => {
        stopProgress();
        stopFinished();
      };
    },
    enable: (code) => afterOk(call('backups:enable', { code }), reload),
    schedule: (input) => afterOk(call('backups:schedule', input), reload),
    create: (chooseFolder) => afterOk(step(call('backups:create', { chooseFolder })), reload),
    verify: (code) => step(call('backups:verify', code ? { code } : {})),
    async restore(input, fresh) {
      const r = await step(call(fresh ? 'setup:restore' : 'backups:restore', input));
      if (r.ok) await useSession.getState().setUser(r.value.user);
      return r;
    },
  };
});
