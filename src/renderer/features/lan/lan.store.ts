import { create } from 'zustand';
import type { LanCode, LanDevice, LanStatus } from '../../../shared/domain/lan';
import type { Result } from '../../../shared/errors';
import { call, onEvent } from '../../lib/client';

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
  /**
   * While the screen is open: a laptop that pairs with the code shown joins the list and the used
   * code goes (main says so; the screen does not ask again). Returns the way to stop listening.
   */
  followPairing(onPaired: (device: LanDevice) => void): () => void;
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
    followPairing: (onPaired) =>
      onEvent('lan:paired', ({ device }) => {
        set({ code: null, devices: [...get().devices.filter((d) => d.id !== device.id), device] });
        onPaired(device);
      }),
  };
});
