import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which paired device the call being run came from, across its awaits: set only by the
 * primary's LAN backend around a remote call (never from anything the call carries), read by the
 * router (what only the primary may do) and the auditor (every entry of the call names it).
 */
const current = new AsyncLocalStorage<{ deviceId: string }>();

export function asRemote<T>(deviceId: string, work: () => T): T {
  return current.run({ deviceId }, work);
}

/** The device of the remote call running now, or null for the primary's own windows and jobs. */
export function remoteDevice(): string | null {
  return current.getStore()?.deviceId ?? null;
}

/** The entry with the device that asked (detail `device`), when a remote call made it. */
export function withDevice<E extends { detail?: Record<string, unknown> | null }>(entry: E): E {
  const device = remoteDevice();
  return device ? { ...entry, detail: { ...(entry.detail ?? {}), device } } : entry;
}
