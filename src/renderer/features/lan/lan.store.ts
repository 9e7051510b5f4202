import { create } from 'zustand';
import type { LanCode, LanDevice, LanStatus } from '../../../shared/domain/lan';
import type { Result } from '../../../shared/errors';
import { call } from '../../lib/client';

interface LanState {
  status: LanStatus | null;
  devices: LanDevice[];
  /** The one-time code as main issued it: kept only while this screen shows it (never stored). */
  code: LanCode | null;
  /** False on a paired laptop: the second counter is the primary's alone (main refuses there). */
  available: boolean;
  load(): Promise<Result<LanStatus>>;
  enable(enabled: boolean): Promise<Result<LanStatus>>;
  newCode(): Promise<Result<LanCode>>;
  revoke(deviceId: string): Promise<Result<LanDevice>>;
  /** The code ran out (or the owner closed it): it leaves the screen. */
  dropCode(): void;
}

export const useLan = create<LanState>((set, get) => {
  const devices = async () => {
    const r = await call('lan:devices', {});
    if (r.ok) set({ devices: r.value });
  };
  return {
    status: null,
    devices: [],
    code: null,
    available: true,
    load: async () => {
      const r = await call('lan:status', {});
      if (r.ok) {
        set({ status: r.value, available: true });
        await devices();
      } else if (r.error.details?.reason === 'primary_only') set({ available: false });
      return r;
    },
    enable: async (enabled) => {
      const r = await call('lan:enable', { enabled });
      // Switching off closes any open code: it could no longer be used.
      if (r.ok) set({ status: r.value, ...(enabled ? {} : { code: null }) });
      return r;
    },
    newCode: async () => {
      const r = await call('lan:newCode', {});
      if (r.ok) {
        set({ code: r.value });
        const s = await call('lan:status', {});
        if (s.ok) set({ status: s.value });
      }
      return r;
    },
    revoke: async (deviceId) => {
      const r = await call('lan:revoke', { deviceId });
      if (r.ok) set({ devices: get().devices.map((d) => (d.id === deviceId ? r.value : d)) });
      return r;
    },
    dropCode: () => set({ code: null }),
  };
});
