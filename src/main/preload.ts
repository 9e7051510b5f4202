import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BrankasApi } from '../shared/api';
import { EVENT_NAMES, isChannel } from '../shared/channels';
import type { EventMap, EventName } from '../shared/domain';

/**
 * The whole bridge into main: one invoke for contract channels, one subscription for main's
 * events. No ipcRenderer, no process, no identity: main knows which window is calling.
 */
const EVENTS: ReadonlySet<string> = new Set<string>(EVENT_NAMES);

const api: BrankasApi = {
  invoke(channel, input) {
    if (!isChannel(channel)) return Promise.reject(new Error('unknown channel'));
    return ipcRenderer.invoke('brankas:invoke', channel, input);
  },
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) {
    if (!EVENTS.has(event)) return () => undefined;
    const wrapped = (_e: IpcRendererEvent, name: string, payload: EventMap[E]) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on('brankas:event', wrapped);
    return () => ipcRenderer.removeListener('brankas:event', wrapped);
  },
};

contextBridge.exposeInMainWorld('brankas', api);
