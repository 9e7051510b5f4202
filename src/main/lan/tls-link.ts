import type { LanConnectionState } from '../../shared/domain';
import { LanClient, type LinkError } from './client';
import type { LanFileStep } from './protocol';
import type { CallOptions, LinkFactory, RemoteLink } from './remote-link';

/**
 * The paired laptop's link over mutual TLS (client.ts) in the shape its ClientCore drives. The
 * link's state is one for the laptop: the last word from any window's event stream or call (a
 * call that fails offline says the primary is gone even before a stream notices).
 */
class TlsLink implements RemoteLink {
  private readonly stateListeners = new Set<(state: LanConnectionState) => void>();
  private state: LanConnectionState | null = null;

  constructor(private readonly client: LanClient) {}

  async call(windowId: string, channel: unknown, input: unknown, options?: CallOptions) {
    try {
      const reply = await this.client.call(windowId, channel, input, options);
      this.setState('connected');
      return reply;
    } catch (err) {
      const kind = (err as LinkError).kind;
      if (kind === 'offline' || kind === 'timeout') this.setState('disconnected');
      throw err;
    }
  }

  fileStep(step: LanFileStep): Promise<unknown> {
    return this.client.fileStep(step);
  }

  events(windowId: string, listener: (event: string, payload: unknown) => void): () => void {
    return this.client.events(windowId, {
      event: listener,
      state: (state) => this.setState(state),
    });
  }

  onState(listener: (state: LanConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  close(): void {
    this.stateListeners.clear();
    this.client.close();
  }

  private setState(state: LanConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const l of this.stateListeners) l(state);
  }
}

/** How the app pairs and links a laptop to its primary: the TLS link, pinned. */
export const tlsLinks: LinkFactory = {
  pair: (args) => LanClient.pair(args),
  connect: ({ identity, primary }) =>
    new TlsLink(
      new LanClient({
        host: primary.host,
        port: primary.port,
        identity,
        serverFingerprint: primary.fingerprint,
      }),
    ),
};
