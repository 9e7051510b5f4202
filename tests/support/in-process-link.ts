import { createHash } from 'node:crypto';
import type { LanConnectionState } from '../../src/shared/domain';
import type { Core } from '../../src/main/core/core';
import type { Reply } from '../../src/main/lan/protocol';
import type { LinkFactory, RemoteLink } from '../../src/main/lan/remote-link';

/** What the TLS link throws (lanlink's LinkError has these kinds). */
export function linkError(kind: 'offline' | 'refused' | 'timeout' | 'protocol'): Error {
  return Object.assign(new Error(`link ${kind}`), { kind });
}

/** The wire carries JSON: what crosses it is a copy, never a shared object. */
const wire = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/**
 * A REAL primary Core (a second Core in its own temp folder) behind a link in this process: calls
 * go to its `dispatch` with the window id prefixed by the device (as the primary's LanBackend keys
 * remote windows), its events come back through its event sink. The test can pull the plug
 * (`setDown`), revoke a device and open a one-time pairing code.
 */
export class InProcessPrimary {
  readonly fingerprint = createHash('sha256').update('in-process primary').digest('hex');
  private readonly links = new Set<InProcessLink>();
  private readonly devices = new Map<string, string>();
  private readonly revoked = new Set<string>();
  private code: string | null = null;
  private down = false;
  /** The next call fails with this kind (a timeout, a garbled frame) without reaching the primary. */
  failNext: 'timeout' | 'protocol' | null = null;
  private next = 1;
  /** Every call that reached the primary, by channel (the client answered the rest itself). */
  readonly received: string[] = [];

  constructor(readonly core: Core) {
    core.setEventSink((windowId, event, payload) => {
      for (const link of this.links) link.deliver(windowId, event, wire(payload));
    });
  }

  openCode(code: string): void {
    this.code = code;
  }

  isDown(): boolean {
    return this.down;
  }

  setDown(down: boolean): void {
    this.down = down;
    for (const link of this.links) link.state(down ? 'disconnected' : 'connected');
  }

  revoke(deviceId: string): void {
    this.revoked.add(deviceId);
  }

  isRevoked(deviceId: string): boolean {
    return this.revoked.has(deviceId);
  }

  async dispatch(deviceId: string, windowId: string, channel: unknown, input: unknown): Promise<Reply> {
    if (typeof channel === 'string') this.received.push(channel);
    return wire(await this.core.dispatch(`${deviceId}/${windowId}`, wire(channel), wire(input))) as Reply;
  }

  factory(): LinkFactory {
    return {
      pair: async ({ code, identity }) => {
        await Promise.resolve();
        if (this.down) throw linkError('offline');
        if (this.code === null || code !== this.code) throw linkError('refused');
        this.code = null;
        const deviceId = `device-${this.next++}`;
        this.devices.set(identity.fingerprint, deviceId);
        return { deviceId, serverFingerprint: this.fingerprint };
      },
      connect: ({ identity, deviceId, primary }) => {
        if (primary.fingerprint !== this.fingerprint || this.devices.get(identity.fingerprint) !== deviceId)
          throw new Error('not this primary, or not a paired device');
        const link = new InProcessLink(this, deviceId, () => this.links.delete(link));
        this.links.add(link);
        return link;
      },
    };
  }
}

class InProcessLink implements RemoteLink {
  private readonly listeners = new Map<string, Set<(event: string, payload: unknown) => void>>();
  private readonly stateListeners = new Set<(state: LanConnectionState) => void>();
  private closed = false;

  constructor(
    private readonly primary: InProcessPrimary,
    private readonly deviceId: string,
    private readonly onClose: () => void,
  ) {}

  async call(windowId: string, channel: unknown, input: unknown): Promise<Reply> {
    await Promise.resolve();
    if (this.closed || this.primary.isDown()) throw linkError('offline');
    if (this.primary.isRevoked(this.deviceId)) throw linkError('refused');
    const fail = this.primary.failNext;
    if (fail) {
      this.primary.failNext = null;
      throw linkError(fail);
    }
    return this.primary.dispatch(this.deviceId, windowId, channel, input);
  }

  /** The in-process primary hands no files to laptops (its windows are not remote sessions). */
  fileStep(): Promise<unknown> {
    return Promise.reject(linkError('protocol'));
  }

  events(windowId: string, listener: (event: string, payload: unknown) => void): () => void {
    const set = this.listeners.get(windowId) ?? new Set();
    set.add(listener);
    this.listeners.set(windowId, set);
    return () => set.delete(listener);
  }

  onState(listener: (state: LanConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    this.onClose();
  }

  deliver(remoteWindowId: string, event: string, payload: unknown): void {
    const prefix = `${this.deviceId}/`;
    if (!remoteWindowId.startsWith(prefix)) return;
    for (const l of this.listeners.get(remoteWindowId.slice(prefix.length)) ?? []) l(event, payload);
  }

  state(state: LanConnectionState): void {
    for (const l of this.stateListeners) l(state);
  }
}
