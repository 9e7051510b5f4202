import type { LanConnectionState } from '../../shared/domain';
import type { LanIdentity } from './identity';
import type { LanFileStep, Reply } from './protocol';

/**
 * The paired laptop's side of the link, as its ClientCore drives it: the shape of lanlink's
 * LanClient (client.ts), so the app plugs that in and tests plug in a link to a real primary Core
 * in the same process.
 */
export interface RemoteLink {
  /** One contract call from a window of this laptop; throws a LinkError-shaped error (see linkFailure). */
  call(windowId: string, channel: unknown, input: unknown, options?: CallOptions): Promise<Reply>;
  /**
   * Main-to-main: takes a file the primary handed to one of this laptop's windows, or answers
   * what its user did with it (the primary's JSON answer; throws like `call`).
   */
  fileStep(step: LanFileStep): Promise<unknown>;
  /** Events main on the primary pushes to that window; returns the unsubscribe. */
  events(windowId: string, listener: (event: string, payload: unknown) => void): () => void;
  /** Called on every change of the link's state; returns the unsubscribe. */
  onState(listener: (state: LanConnectionState) => void): () => void;
  close(): void;
}

export interface CallOptions {
  /** A call that waits for a person (a save dialog on this laptop) gets this long, not the default. */
  timeoutMs?: number;
  /**
   * The id the call goes under (a new one if absent): the primary answers a write's repeated id
   * from memory, so a call made again after a lost answer is applied once.
   */
  requestId?: string;
}

/** What the link throws when the primary did not answer (lanlink's LinkError has these kinds). */
export type LinkFailure = 'offline' | 'refused' | 'timeout' | 'protocol';

const FAILURES: ReadonlySet<string> = new Set<LinkFailure>(['offline', 'refused', 'timeout', 'protocol']);

/**
 * The kind of a link's error, or null for anything else. Read by shape, not by class: the link is
 * another module (and may be another copy of it), and only its `kind` matters here.
 */
export function linkFailure(err: unknown): LinkFailure | null {
  const kind = (err as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' && FAILURES.has(kind) ? (kind as LinkFailure) : null;
}

/** Where the primary is and who it proved to be: what a paired laptop keeps (sealed). */
export interface PrimaryAddress {
  host: string;
  port: number;
  /** The primary certificate's SHA-256 fingerprint, pinned at pairing. */
  fingerprint: string;
}

/** How the app makes links: lanlink's `LanClient.pair` and its constructor, in the app. */
export interface LinkFactory {
  /** Pairs with the primary at host:port with its one-time code; throws a LinkError-shaped error. */
  pair(args: {
    host: string;
    port: number;
    code: string;
    name: string;
    identity: LanIdentity;
  }): Promise<{ deviceId: string; serverFingerprint: string }>;
  /** A link to the paired primary (it connects, and reconnects, by itself). */
  connect(args: { identity: LanIdentity; primary: PrimaryAddress; deviceId: string }): RemoteLink;
}

/** The port the primary listens on unless the owner typed another one (the server's). */
export { LAN_PORT as DEFAULT_LAN_PORT } from './server';
