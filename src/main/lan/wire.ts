import type * as http2 from 'node:http2';

/**
 * What travels on the link besides the contract itself: four routes, their bodies, and the lines
 * of the event stream. Shared by the server and the client so the two cannot drift apart. `file`
 * is main-to-main (a paired laptop's main takes a file for one of its windows and answers what its
 * user did with it), never a channel of the contract.
 */
export const ROUTES = { pair: '/pair', call: '/call', events: '/events', file: '/file' } as const;

/** A TLS socket as node:http2 hands it over (typed through http2, the module the link is built on). */
export type TlsSocket = Extract<http2.ServerHttp2Session['socket'], { getPeerCertificate: unknown }>;

/** Only TLS 1.3: no renegotiation, no downgrade, the client's certificate encrypted in the handshake. */
export const TLS_VERSION = 'TLSv1.3' as const;

/** One line of the NDJSON event stream. */
export type EventLine =
  | { type: 'hello'; heartbeatMs: number }
  | { type: 'heartbeat' }
  | { type: 'event'; event: string; payload: unknown };

/** A window's label on its laptop, and a call's id: short, plain, safe to use as a map key. */
const LABEL = /^[A-Za-z0-9_.:-]{1,100}$/;

export function isLabel(value: unknown): value is string {
  return typeof value === 'string' && LABEL.test(value);
}
