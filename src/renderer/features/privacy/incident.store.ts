import { create } from 'zustand';
import type { ChannelInput } from '../../../shared/contract';
import type { AffectedCustomer, Incident, IncidentWhatsApp, Page } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { afterOk, call } from '../../lib/client';
import { useSession } from '../session/session.store';

interface IncidentState {
  incidents: Incident[];
  load(): Promise<void>;
  create(input: ChannelInput<'incident:create'>): Promise<Result<Incident>>;
  contain(
    id: number,
    endSessions: boolean,
    disableUsers: string[],
    unpairDevices?: boolean,
  ): Promise<Result<Incident>>;
  rotate(
    id: number,
    pin: string,
  ): Promise<
    Result<{ incident: Incident; recoveryCode: string; shut: number; oldBackupsFolder: string | null }>
  >;
  scope(input: ChannelInput<'incident:scope'>): Promise<Result<Incident>>;
  affected(id: number): Promise<Result<Page<AffectedCustomer>>>;
  notify(input: ChannelInput<'incident:notify'>): Promise<Result<Incident>>;
  letters(
    input: ChannelInput<'incident:letters'>,
  ): Promise<Result<{ incident: Incident; letters: number; saved: boolean; remaining: number }>>;
  whatsappList(
    input: ChannelInput<'incident:whatsappList'>,
  ): Promise<Result<{ items: IncidentWhatsApp[]; unreachable: number }>>;
  markNotified(input: ChannelInput<'incident:markNotified'>): Promise<Result<Incident>>;
  close(input: ChannelInput<'incident:close'>): Promise<Result<Incident>>;
}

/** The breach flow's calls; every step is decided and audited in main. */
export const useIncidents = create<IncidentState>((set, get) => {
  // A change moves the list and the owner's banners together.
  const reload = async () => {
    await get().load();
    await useSession.getState().refresh();
  };
  return {
    incidents: [],
    async load() {
      const r = await call('incident:list', {});
      if (r.ok) set({ incidents: r.value });
    },
    create: (input) => afterOk(call('incident:create', input), reload),
    contain: (id, endSessions, disableUsers, unpairDevices = false) =>
      afterOk(call('incident:contain', { id, endSessions, disableUsers, unpairDevices }), reload),
    // The new code waits to be confirmed: until then main answers the owner nothing but the code's
    // screens. So the status comes first (the code's screen replaces the incident's, whose lists
    // would ask again), and the incident is taken from the answer instead of being asked for.
    rotate: async (id, pin) => {
      const r = await call('incident:rotateKey', { id, pin });
      if (r.ok) {
        await useSession.getState().refresh();
        set({ incidents: get().incidents.map((i) => (i.id === id ? r.value.incident : i)) });
      }
      return r;
    },
    scope: (input) => afterOk(call('incident:scope', input), reload),
    affected: (id) => call('incident:affected', { id, offset: 0, limit: 200 }),
    notify: (input) => afterOk(call('incident:notify', input), reload),
    letters: (input) => afterOk(call('incident:letters', input), reload),
    whatsappList: (input) => call('incident:whatsappList', input),
    markNotified: (input) => afterOk(call('incident:markNotified', input), reload),
    close: (input) => afterOk(call('incident:close', input), reload),
  };
});
